actor {
  stable var value : Nat = 0;

  public func inc() : async Nat {
    value += 1;
    value
  };
}
