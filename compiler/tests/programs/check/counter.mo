// A counter with a stable value, an update and a query.
actor Counter {
  stable var value = 0;
  public func inc() : async Nat { value += 1; return value; };
  public query func get() : async Nat { value };
}
