// Assignment to immutable fields, locals and parameters.
actor {
  stable let limit : Nat = 10;
  public func raise(n : Nat) : async () {
    limit := limit + 1;
    let x = 1;
    x += 1;
    n := 2;
  };
}
