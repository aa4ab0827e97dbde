// A query may assign, but its changes are discarded when it returns.
actor {
  stable var value : Nat = 0;

  public func inc() : async Nat {
    value += 1;
    value
  };

  public query func peekPlusHundred() : async Nat {
    value += 100;
    value
  };
}
