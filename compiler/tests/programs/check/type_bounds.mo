// Bounded type parameters: a bound is what the body may assume, and what every
// instantiation, written or inferred, must respect.
actor {
  func toNat<T <: Nat>(x : T) : Nat { x };
  func keep<T <: { name : Text }>(x : T) : T { x };
  public func run() : async Nat {
    let a = toNat<Nat>(3);
    let b = toNat<Text>("x");
    let c = toNat("y");
    let d = keep({ name = "n"; age = 3 });
    a + toNat(2) + d.age
  };
}
