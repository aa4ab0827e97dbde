// Int values where Nat is expected.
actor {
  stable var balance : Nat = -1;
  stable var other : Int = 5;
  public func take() : async Nat { other };
}
