//! Functions on `Nat8`, unsigned 8-bit integers. Checked arithmetic traps
//! on overflow, the `...Wrap` functions wrap around; conversions to and from
//! `Nat` and `Int` are primitives, and bit counting is written with loops.
//! Text conversion goes through `Nat`.
import Prim "mo:⛔";
import Nat "Nat";
import Order "Order";

module {
  public type Nat8 = Prim.Types.Nat8;

  public let maximumValue = 255 : Nat8;

  public let toNat : Nat8 -> Nat = Prim.nat8ToNat;

  /// Traps when `n` does not fit.
  public let fromNat : Nat -> Nat8 = Prim.natToNat8;

  /// Keeps the low 8 bits of `i` (two's complement for negatives).
  public let fromIntWrap : Int -> Nat8 = Prim.intToNat8Wrap;

  public func toText(x : Nat8) : Text { Nat.toText(toNat(x)) };

  public func min(x : Nat8, y : Nat8) : Nat8 { if (x < y) x else y };

  public func max(x : Nat8, y : Nat8) : Nat8 { if (x < y) y else x };

  public func equal(x : Nat8, y : Nat8) : Bool { x == y };

  public func notEqual(x : Nat8, y : Nat8) : Bool { x != y };

  public func less(x : Nat8, y : Nat8) : Bool { x < y };

  public func lessOrEqual(x : Nat8, y : Nat8) : Bool { x <= y };

  public func greater(x : Nat8, y : Nat8) : Bool { x > y };

  public func greaterOrEqual(x : Nat8, y : Nat8) : Bool { x >= y };

  public func compare(x : Nat8, y : Nat8) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func add(x : Nat8, y : Nat8) : Nat8 { x + y };

  public func sub(x : Nat8, y : Nat8) : Nat8 { x - y };

  public func mul(x : Nat8, y : Nat8) : Nat8 { x * y };

  public func div(x : Nat8, y : Nat8) : Nat8 { x / y };

  public func rem(x : Nat8, y : Nat8) : Nat8 { x % y };

  public func pow(x : Nat8, y : Nat8) : Nat8 { x ** y };

  public func bitnot(x : Nat8) : Nat8 { ^x };

  public func bitand(x : Nat8, y : Nat8) : Nat8 { x & y };

  public func bitor(x : Nat8, y : Nat8) : Nat8 { x | y };

  public func bitxor(x : Nat8, y : Nat8) : Nat8 { x ^ y };

  public func bitshiftLeft(x : Nat8, y : Nat8) : Nat8 { x << y };

  public func bitshiftRight(x : Nat8, y : Nat8) : Nat8 { x >> y };

  public func bitrotLeft(x : Nat8, y : Nat8) : Nat8 { x <<> y };

  public func bitrotRight(x : Nat8, y : Nat8) : Nat8 { x <>> y };

  /// The single-bit mask for position `p`, taken modulo the width as the
  /// shift operators do.
  func mask(p : Nat) : Nat8 { (1 : Nat8) << Prim.natToNat8(p % 8) };

  public func bittest(x : Nat8, p : Nat) : Bool { x & mask(p) != 0 };

  public func bitset(x : Nat8, p : Nat) : Nat8 { x | mask(p) };

  public func bitclear(x : Nat8, p : Nat) : Nat8 { x & ^mask(p) };

  public func bitflip(x : Nat8, p : Nat) : Nat8 { x ^ mask(p) };

  public func bitcountNonZero(x : Nat8) : Nat8 {
    var n : Nat8 = 0;
    var rest = x;
    while (rest != 0) { n += rest & 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Nat8) : Nat8 {
    var n : Nat8 = 0;
    var probe : Nat8 = 1 << 7;
    while (probe != 0 and x & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Nat8) : Nat8 {
    var n : Nat8 = 0;
    var probe : Nat8 = 1;
    while (probe != 0 and x & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Nat8, y : Nat8) : Nat8 { x +% y };

  public func subWrap(x : Nat8, y : Nat8) : Nat8 { x -% y };

  public func mulWrap(x : Nat8, y : Nat8) : Nat8 { x *% y };

  public func powWrap(x : Nat8, y : Nat8) : Nat8 { x **% y };
};
