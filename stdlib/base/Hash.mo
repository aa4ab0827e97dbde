//! The 32-bit hash type used by `HashMap` and the `hash` functions of other
//! modules, with a few helpers on hash values. Hashes here are for bucketing
//! only: they are not cryptographic and not stable across library versions.
import Prim "mo:⛔";

module {
  public type Hash = Nat32;

  /// The number of bits of a hash that `bit` may inspect.
  public let length : Nat = 31;

  /// Whether bit `pos` (counting from the least significant) of `h` is set.
  public func bit(h : Hash, pos : Nat) : Bool {
    assert (pos <= length);
    (h & (Prim.natToNat32(1) << Prim.natToNat32(pos))) != 0;
  };

  public func equal(ha : Hash, hb : Hash) : Bool { ha == hb };

  /// Hashes a `Nat` by mixing its 32-bit chunks, so that large numbers do not
  /// all collide on their low bits.
  public func hash(n : Nat) : Hash {
    var h : Nat32 = 0;
    var rest = n;
    loop {
      let chunk = Prim.natToNat32(rest % 4_294_967_296);
      h := mix(h ^ chunk);
      rest := rest / 4_294_967_296;
      if (rest == 0) return h;
    };
  };

  /// A 32-bit finaliser in the style of well-known integer hash mixers.
  func mix(x : Nat32) : Nat32 {
    var h = x;
    h := (h ^ (h >> 16)) *% 0x45d9f3b;
    h := (h ^ (h >> 16)) *% 0x45d9f3b;
    h ^ (h >> 16);
  };

  /// Prints the 32 bits of `bits`, least significant first.
  public func debugPrintBits(bits : Hash) {
    var t = "";
    var i : Nat = 0;
    while (i < 32) {
      t := t # (if (bit32(bits, i)) "1" else "0");
      i += 1;
    };
    Prim.debugPrint(t);
  };

  func bit32(h : Hash, pos : Nat) : Bool {
    (h & (Prim.natToNat32(1) << Prim.natToNat32(pos))) != 0;
  };
};
