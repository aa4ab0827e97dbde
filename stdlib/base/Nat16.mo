//! Functions on `Nat16`, unsigned 16-bit integers. Checked arithmetic traps
//! on overflow, the `...Wrap` functions wrap around; conversions to and from
//! `Nat` and `Int` are primitives, and bit counting is written with loops.
//! Text conversion goes through `Nat`.
import Prim "mo:⛔";
import Nat "Nat";
import Order "Order";

module {
  public type Nat16 = Prim.Types.Nat16;

  public let maximumValue = 65535 : Nat16;

  public let toNat : Nat16 -> Nat = Prim.nat16ToNat;

  /// Traps when `n` does not fit.
  public let fromNat : Nat -> Nat16 = Prim.natToNat16;

  /// Keeps the low 16 bits of `i` (two's complement for negatives).
  public let fromIntWrap : Int -> Nat16 = Prim.intToNat16Wrap;

  public func toText(x : Nat16) : Text { Nat.toText(toNat(x)) };

  public func min(x : Nat16, y : Nat16) : Nat16 { if (x < y) x else y };

  public func max(x : Nat16, y : Nat16) : Nat16 { if (x < y) y else x };

  public func equal(x : Nat16, y : Nat16) : Bool { x == y };

  public func notEqual(x : Nat16, y : Nat16) : Bool { x != y };

  public func less(x : Nat16, y : Nat16) : Bool { x < y };

  public func lessOrEqual(x : Nat16, y : Nat16) : Bool { x <= y };

  public func greater(x : Nat16, y : Nat16) : Bool { x > y };

  public func greaterOrEqual(x : Nat16, y : Nat16) : Bool { x >= y };

  public func compare(x : Nat16, y : Nat16) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func add(x : Nat16, y : Nat16) : Nat16 { x + y };

  public func sub(x : Nat16, y : Nat16) : Nat16 { x - y };

  public func mul(x : Nat16, y : Nat16) : Nat16 { x * y };

  public func div(x : Nat16, y : Nat16) : Nat16 { x / y };

  public func rem(x : Nat16, y : Nat16) : Nat16 { x % y };

  public func pow(x : Nat16, y : Nat16) : Nat16 { x ** y };

  public func bitnot(x : Nat16) : Nat16 { ^x };

  public func bitand(x : Nat16, y : Nat16) : Nat16 { x & y };

  public func bitor(x : Nat16, y : Nat16) : Nat16 { x | y };

  public func bitxor(x : Nat16, y : Nat16) : Nat16 { x ^ y };

  public func bitshiftLeft(x : Nat16, y : Nat16) : Nat16 { x << y };

  public func bitshiftRight(x : Nat16, y : Nat16) : Nat16 { x >> y };

  public func bitrotLeft(x : Nat16, y : Nat16) : Nat16 { x <<> y };

  public func bitrotRight(x : Nat16, y : Nat16) : Nat16 { x <>> y };

  /// The single-bit mask for position `p`, taken modulo the width as the
  /// shift operators do.
  func mask(p : Nat) : Nat16 { (1 : Nat16) << Prim.natToNat16(p % 16) };

  public func bittest(x : Nat16, p : Nat) : Bool { x & mask(p) != 0 };

  public func bitset(x : Nat16, p : Nat) : Nat16 { x | mask(p) };

  public func bitclear(x : Nat16, p : Nat) : Nat16 { x & ^mask(p) };

  public func bitflip(x : Nat16, p : Nat) : Nat16 { x ^ mask(p) };

  public func bitcountNonZero(x : Nat16) : Nat16 {
    var n : Nat16 = 0;
    var rest = x;
    while (rest != 0) { n += rest & 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Nat16) : Nat16 {
    var n : Nat16 = 0;
    var probe : Nat16 = 1 << 15;
    while (probe != 0 and x & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Nat16) : Nat16 {
    var n : Nat16 = 0;
    var probe : Nat16 = 1;
    while (probe != 0 and x & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Nat16, y : Nat16) : Nat16 { x +% y };

  public func subWrap(x : Nat16, y : Nat16) : Nat16 { x -% y };

  public func mulWrap(x : Nat16, y : Nat16) : Nat16 { x *% y };

  public func powWrap(x : Nat16, y : Nat16) : Nat16 { x **% y };
};
