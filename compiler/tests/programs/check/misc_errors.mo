// An unbound type, a non-shared result, an operator on the wrong types, a misplaced return.
actor {
  var n : Natural = 0;
  public func make() : async [var Nat] { make() };
  let bad = "a" + 1;
  return;
}
