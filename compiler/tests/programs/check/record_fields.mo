// Record literals, field access and update of var fields; immutable fields refuse updates.
actor {
  stable let config = { name = "svc"; var version = 1 };

  public func bump() : async Nat {
    config.version += 1;
    config.name := "x";
    config.version
  };
}
