//! Functions on `Nat32`, unsigned 32-bit integers. Checked arithmetic traps
//! on overflow, the `...Wrap` functions wrap around; conversions to and from
//! `Nat` and `Int` are primitives, and bit counting is written with loops.
//! Text conversion goes through `Nat`.
import Prim "mo:⛔";
import Nat "Nat";
import Order "Order";

module {
  public type Nat32 = Prim.Types.Nat32;

  public let maximumValue = 4294967295 : Nat32;

  public let toNat : Nat32 -> Nat = Prim.nat32ToNat;

  /// Traps when `n` does not fit.
  public let fromNat : Nat -> Nat32 = Prim.natToNat32;

  /// Keeps the low 32 bits of `i` (two's complement for negatives).
  public let fromIntWrap : Int -> Nat32 = Prim.intToNat32Wrap;

  public func toText(x : Nat32) : Text { Nat.toText(toNat(x)) };

  public func min(x : Nat32, y : Nat32) : Nat32 { if (x < y) x else y };

  public func max(x : Nat32, y : Nat32) : Nat32 { if (x < y) y else x };

  public func equal(x : Nat32, y : Nat32) : Bool { x == y };

  public func notEqual(x : Nat32, y : Nat32) : Bool { x != y };

  public func less(x : Nat32, y : Nat32) : Bool { x < y };

  public func lessOrEqual(x : Nat32, y : Nat32) : Bool { x <= y };

  public func greater(x : Nat32, y : Nat32) : Bool { x > y };

  public func greaterOrEqual(x : Nat32, y : Nat32) : Bool { x >= y };

  public func compare(x : Nat32, y : Nat32) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func add(x : Nat32, y : Nat32) : Nat32 { x + y };

  public func sub(x : Nat32, y : Nat32) : Nat32 { x - y };

  public func mul(x : Nat32, y : Nat32) : Nat32 { x * y };

  public func div(x : Nat32, y : Nat32) : Nat32 { x / y };

  public func rem(x : Nat32, y : Nat32) : Nat32 { x % y };

  public func pow(x : Nat32, y : Nat32) : Nat32 { x ** y };

  public func bitnot(x : Nat32) : Nat32 { ^x };

  public func bitand(x : Nat32, y : Nat32) : Nat32 { x & y };

  public func bitor(x : Nat32, y : Nat32) : Nat32 { x | y };

  public func bitxor(x : Nat32, y : Nat32) : Nat32 { x ^ y };

  public func bitshiftLeft(x : Nat32, y : Nat32) : Nat32 { x << y };

  public func bitshiftRight(x : Nat32, y : Nat32) : Nat32 { x >> y };

  public func bitrotLeft(x : Nat32, y : Nat32) : Nat32 { x <<> y };

  public func bitrotRight(x : Nat32, y : Nat32) : Nat32 { x <>> y };

  /// The single-bit mask for position `p`, taken modulo the width as the
  /// shift operators do.
  func mask(p : Nat) : Nat32 { (1 : Nat32) << Prim.natToNat32(p % 32) };

  public func bittest(x : Nat32, p : Nat) : Bool { x & mask(p) != 0 };

  public func bitset(x : Nat32, p : Nat) : Nat32 { x | mask(p) };

  public func bitclear(x : Nat32, p : Nat) : Nat32 { x & ^mask(p) };

  public func bitflip(x : Nat32, p : Nat) : Nat32 { x ^ mask(p) };

  public func bitcountNonZero(x : Nat32) : Nat32 {
    var n : Nat32 = 0;
    var rest = x;
    while (rest != 0) { n += rest & 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Nat32) : Nat32 {
    var n : Nat32 = 0;
    var probe : Nat32 = 1 << 31;
    while (probe != 0 and x & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Nat32) : Nat32 {
    var n : Nat32 = 0;
    var probe : Nat32 = 1;
    while (probe != 0 and x & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Nat32, y : Nat32) : Nat32 { x +% y };

  public func subWrap(x : Nat32, y : Nat32) : Nat32 { x -% y };

  public func mulWrap(x : Nat32, y : Nat32) : Nat32 { x *% y };

  public func powWrap(x : Nat32, y : Nat32) : Nat32 { x **% y };
};
