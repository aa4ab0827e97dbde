// The counter, version 2: it counts in steps of three and keeps the value of version 1.
actor Counter {
  stable var value = 0;

  public func inc() : async Nat {
    value += 3;
    return value;
  };
}
