//! Functions on `Int64`, signed 64-bit integers in two's complement.
//! Checked arithmetic traps on overflow, the `...Wrap` functions wrap around;
//! conversions to and from `Int` and `Nat64` are primitives, and bit counting
//! works on the `Nat64` bit pattern. Text conversion goes through `Int`.
import Prim "mo:⛔";
import Int "Int";
import Order "Order";

module {
  public type Int64 = Prim.Types.Int64;

  public let minimumValue = -9223372036854775808 : Int64;

  public let maximumValue = 9223372036854775807 : Int64;

  public let toInt : Int64 -> Int = Prim.int64ToInt;

  /// Traps when `i` does not fit.
  public let fromInt : Int -> Int64 = Prim.intToInt64;

  /// Keeps the low 64 bits of `i`.
  public let fromIntWrap : Int -> Int64 = Prim.intToInt64Wrap;

  /// Reinterprets the bits of an unsigned value.
  public let fromNat64 : Nat64 -> Int64 = Prim.nat64ToInt64;

  /// Reinterprets the bits as an unsigned value.
  public let toNat64 : Int64 -> Nat64 = Prim.int64ToNat64;

  public func toText(x : Int64) : Text { Int.toText(toInt(x)) };

  /// Traps for `minimumValue`, whose magnitude does not fit.
  public func abs(x : Int64) : Int64 { if (x < 0) -x else x };

  public func min(x : Int64, y : Int64) : Int64 { if (x < y) x else y };

  public func max(x : Int64, y : Int64) : Int64 { if (x < y) y else x };

  public func equal(x : Int64, y : Int64) : Bool { x == y };

  public func notEqual(x : Int64, y : Int64) : Bool { x != y };

  public func less(x : Int64, y : Int64) : Bool { x < y };

  public func lessOrEqual(x : Int64, y : Int64) : Bool { x <= y };

  public func greater(x : Int64, y : Int64) : Bool { x > y };

  public func greaterOrEqual(x : Int64, y : Int64) : Bool { x >= y };

  public func compare(x : Int64, y : Int64) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func neg(x : Int64) : Int64 { -x };

  public func add(x : Int64, y : Int64) : Int64 { x + y };

  public func sub(x : Int64, y : Int64) : Int64 { x - y };

  public func mul(x : Int64, y : Int64) : Int64 { x * y };

  public func div(x : Int64, y : Int64) : Int64 { x / y };

  public func rem(x : Int64, y : Int64) : Int64 { x % y };

  public func pow(x : Int64, y : Int64) : Int64 { x ** y };

  public func bitnot(x : Int64) : Int64 { ^x };

  public func bitand(x : Int64, y : Int64) : Int64 { x & y };

  public func bitor(x : Int64, y : Int64) : Int64 { x | y };

  public func bitxor(x : Int64, y : Int64) : Int64 { x ^ y };

  public func bitshiftLeft(x : Int64, y : Int64) : Int64 { x << y };

  /// An arithmetic shift: the sign bit is copied in.
  public func bitshiftRight(x : Int64, y : Int64) : Int64 { x >> y };

  public func bitrotLeft(x : Int64, y : Int64) : Int64 { x <<> y };

  public func bitrotRight(x : Int64, y : Int64) : Int64 { x <>> y };

  func mask(p : Nat) : Nat64 { (1 : Nat64) << Prim.natToNat64(p % 64) };

  public func bittest(x : Int64, p : Nat) : Bool { toNat64(x) & mask(p) != 0 };

  public func bitset(x : Int64, p : Nat) : Int64 { fromNat64(toNat64(x) | mask(p)) };

  public func bitclear(x : Int64, p : Nat) : Int64 { fromNat64(toNat64(x) & ^mask(p)) };

  public func bitflip(x : Int64, p : Nat) : Int64 { fromNat64(toNat64(x) ^ mask(p)) };

  public func bitcountNonZero(x : Int64) : Int64 {
    var n : Int64 = 0;
    var rest = toNat64(x);
    while (rest != 0) { if (rest & 1 == 1) n += 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Int64) : Int64 {
    let bits = toNat64(x);
    var n : Int64 = 0;
    var probe : Nat64 = 1 << 63;
    while (probe != 0 and bits & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Int64) : Int64 {
    let bits = toNat64(x);
    var n : Int64 = 0;
    var probe : Nat64 = 1;
    while (probe != 0 and bits & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Int64, y : Int64) : Int64 { x +% y };

  public func subWrap(x : Int64, y : Int64) : Int64 { x -% y };

  public func mulWrap(x : Int64, y : Int64) : Int64 { x *% y };

  public func powWrap(x : Int64, y : Int64) : Int64 { x **% y };
};
