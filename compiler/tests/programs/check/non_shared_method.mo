// Public methods need shared argument types and an async result.
actor {
  public func apply(f : Nat -> Nat) : async Nat { f(1) };
  public func plain() : Nat { 1 };
}
