// Tuples, projections, blocks with locals, ignore and if without else.
actor {
  stable var pair : (Nat, Text) = (1, "one");
  public func swap() : async (Text, Nat) {
    var n = pair.0;
    let t = { let suffix = "!"; pair.1 # suffix };
    if (n > 10) n := 0;
    ignore (n + 1);
    pair := (n + 1, t);
    (t, n)
  };
}
