//! Functions on `Nat64`, unsigned 64-bit integers. Checked arithmetic traps
//! on overflow, the `...Wrap` functions wrap around; conversions to and from
//! `Nat` and `Int` are primitives, and bit counting is written with loops.
//! Text conversion goes through `Nat`.
import Prim "mo:⛔";
import Nat "Nat";
import Order "Order";

module {
  public type Nat64 = Prim.Types.Nat64;

  public let maximumValue = 18446744073709551615 : Nat64;

  public let toNat : Nat64 -> Nat = Prim.nat64ToNat;

  /// Traps when `n` does not fit.
  public let fromNat : Nat -> Nat64 = Prim.natToNat64;

  /// Keeps the low 64 bits of `i` (two's complement for negatives).
  public let fromIntWrap : Int -> Nat64 = Prim.intToNat64Wrap;

  public func toText(x : Nat64) : Text { Nat.toText(toNat(x)) };

  public func min(x : Nat64, y : Nat64) : Nat64 { if (x < y) x else y };

  public func max(x : Nat64, y : Nat64) : Nat64 { if (x < y) y else x };

  public func equal(x : Nat64, y : Nat64) : Bool { x == y };

  public func notEqual(x : Nat64, y : Nat64) : Bool { x != y };

  public func less(x : Nat64, y : Nat64) : Bool { x < y };

  public func lessOrEqual(x : Nat64, y : Nat64) : Bool { x <= y };

  public func greater(x : Nat64, y : Nat64) : Bool { x > y };

  public func greaterOrEqual(x : Nat64, y : Nat64) : Bool { x >= y };

  public func compare(x : Nat64, y : Nat64) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func add(x : Nat64, y : Nat64) : Nat64 { x + y };

  public func sub(x : Nat64, y : Nat64) : Nat64 { x - y };

  public func mul(x : Nat64, y : Nat64) : Nat64 { x * y };

  public func div(x : Nat64, y : Nat64) : Nat64 { x / y };

  public func rem(x : Nat64, y : Nat64) : Nat64 { x % y };

  public func pow(x : Nat64, y : Nat64) : Nat64 { x ** y };

  public func bitnot(x : Nat64) : Nat64 { ^x };

  public func bitand(x : Nat64, y : Nat64) : Nat64 { x & y };

  public func bitor(x : Nat64, y : Nat64) : Nat64 { x | y };

  public func bitxor(x : Nat64, y : Nat64) : Nat64 { x ^ y };

  public func bitshiftLeft(x : Nat64, y : Nat64) : Nat64 { x << y };

  public func bitshiftRight(x : Nat64, y : Nat64) : Nat64 { x >> y };

  public func bitrotLeft(x : Nat64, y : Nat64) : Nat64 { x <<> y };

  public func bitrotRight(x : Nat64, y : Nat64) : Nat64 { x <>> y };

  /// The single-bit mask for position `p`, taken modulo the width as the
  /// shift operators do.
  func mask(p : Nat) : Nat64 { (1 : Nat64) << Prim.natToNat64(p % 64) };

  public func bittest(x : Nat64, p : Nat) : Bool { x & mask(p) != 0 };

  public func bitset(x : Nat64, p : Nat) : Nat64 { x | mask(p) };

  public func bitclear(x : Nat64, p : Nat) : Nat64 { x & ^mask(p) };

  public func bitflip(x : Nat64, p : Nat) : Nat64 { x ^ mask(p) };

  public func bitcountNonZero(x : Nat64) : Nat64 {
    var n : Nat64 = 0;
    var rest = x;
    while (rest != 0) { n += rest & 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Nat64) : Nat64 {
    var n : Nat64 = 0;
    var probe : Nat64 = 1 << 63;
    while (probe != 0 and x & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Nat64) : Nat64 {
    var n : Nat64 = 0;
    var probe : Nat64 = 1;
    while (probe != 0 and x & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Nat64, y : Nat64) : Nat64 { x +% y };

  public func subWrap(x : Nat64, y : Nat64) : Nat64 { x -% y };

  public func mulWrap(x : Nat64, y : Nat64) : Nat64 { x *% y };

  public func powWrap(x : Nat64, y : Nat64) : Nat64 { x **% y };
};
