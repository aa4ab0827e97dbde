// One update call that increments a stable Nat.
actor {
  stable var value = 0;
  public func inc() : async Nat { value += 1; value };
}
