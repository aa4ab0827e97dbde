// Two syntax errors in different declarations: both are reported.
actor {
  public func f() : async Nat { stable var y = 1; y };
  var ok = 1;
  public func g() : async Nat { 1 + };
}
