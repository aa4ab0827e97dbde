// Nat and Int arithmetic, precedence, hex and underscores, unary minus.
actor {
  stable var total : Int = -1;
  let big = 1_000_000 * 0xFF;
  func square(n : Nat) : Nat = n * n;
  public func compute(a : Nat, b : Int) : async (Int, Nat) {
    let c = a + 2 * 3 ** 2 - 1;
    total := total + b - -a;
    (total % 7, square(c) / 2 + big)
  };
}
