// Unbound names, wrong argument counts, calling a non-function, a duplicate field.
actor {
  var a : Nat = 0;
  var a : Int = 1;
  func add(x : Nat, y : Nat) : Nat { x + y };
  public func go() : async Nat {
    ignore add(1);
    ignore a(2);
    missing + add(1, "two")
  };
}
