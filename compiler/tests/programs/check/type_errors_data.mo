// Errors on the new type forms: arity of generic aliases, missing fields, patterns.
actor {
  type Pair<A, B> = (A, B);
  type Point = { x : Int; y : Int };

  stable var p : Pair<Nat> = (1, 2);

  func norm(pt : Point) : Int { pt.z };

  func first(o : ?Nat) : Nat {
    switch o { case (#some n) n; case null 0 }
  };
}
