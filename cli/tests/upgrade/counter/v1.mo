// The Internet Computer tutorial's counter: `value` is stable, so it survives upgrades.
actor Counter {
  stable var value = 0;

  public func inc() : async Nat {
    value += 1;
    return value;
  };
}
