// Options, tuples and patterns of every kind.
actor {
  stable var pair : (Nat, ?Text) = (0, null);

  func describe(p : (Nat, ?Text)) : Text {
    switch p {
      case (0, null) "zero";
      case (1 or 2, _) "small";
      case (_, ?"x") "x";
      case (n, ?t) t;
      case ((_ : Nat), null) "other";
    }
  };

  public func set(n : Nat, t : ?Text) : async Text {
    pair := (n, t);
    let (a, b) = pair;
    ignore a;
    describe((n, b))
  };
}
