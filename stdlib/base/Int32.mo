//! Functions on `Int32`, signed 32-bit integers in two's complement.
//! Checked arithmetic traps on overflow, the `...Wrap` functions wrap around;
//! conversions to and from `Int` and `Nat32` are primitives, and bit counting
//! works on the `Nat32` bit pattern. Text conversion goes through `Int`.
import Prim "mo:⛔";
import Int "Int";
import Order "Order";

module {
  public type Int32 = Prim.Types.Int32;

  public let minimumValue = -2147483648 : Int32;

  public let maximumValue = 2147483647 : Int32;

  public let toInt : Int32 -> Int = Prim.int32ToInt;

  /// Traps when `i` does not fit.
  public let fromInt : Int -> Int32 = Prim.intToInt32;

  /// Keeps the low 32 bits of `i`.
  public let fromIntWrap : Int -> Int32 = Prim.intToInt32Wrap;

  /// Reinterprets the bits of an unsigned value.
  public let fromNat32 : Nat32 -> Int32 = Prim.nat32ToInt32;

  /// Reinterprets the bits as an unsigned value.
  public let toNat32 : Int32 -> Nat32 = Prim.int32ToNat32;

  public func toText(x : Int32) : Text { Int.toText(toInt(x)) };

  /// Traps for `minimumValue`, whose magnitude does not fit.
  public func abs(x : Int32) : Int32 { if (x < 0) -x else x };

  public func min(x : Int32, y : Int32) : Int32 { if (x < y) x else y };

  public func max(x : Int32, y : Int32) : Int32 { if (x < y) y else x };

  public func equal(x : Int32, y : Int32) : Bool { x == y };

  public func notEqual(x : Int32, y : Int32) : Bool { x != y };

  public func less(x : Int32, y : Int32) : Bool { x < y };

  public func lessOrEqual(x : Int32, y : Int32) : Bool { x <= y };

  public func greater(x : Int32, y : Int32) : Bool { x > y };

  public func greaterOrEqual(x : Int32, y : Int32) : Bool { x >= y };

  public func compare(x : Int32, y : Int32) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func neg(x : Int32) : Int32 { -x };

  public func add(x : Int32, y : Int32) : Int32 { x + y };

  public func sub(x : Int32, y : Int32) : Int32 { x - y };

  public func mul(x : Int32, y : Int32) : Int32 { x * y };

  public func div(x : Int32, y : Int32) : Int32 { x / y };

  public func rem(x : Int32, y : Int32) : Int32 { x % y };

  public func pow(x : Int32, y : Int32) : Int32 { x ** y };

  public func bitnot(x : Int32) : Int32 { ^x };

  public func bitand(x : Int32, y : Int32) : Int32 { x & y };

  public func bitor(x : Int32, y : Int32) : Int32 { x | y };

  public func bitxor(x : Int32, y : Int32) : Int32 { x ^ y };

  public func bitshiftLeft(x : Int32, y : Int32) : Int32 { x << y };

  /// An arithmetic shift: the sign bit is copied in.
  public func bitshiftRight(x : Int32, y : Int32) : Int32 { x >> y };

  public func bitrotLeft(x : Int32, y : Int32) : Int32 { x <<> y };

  public func bitrotRight(x : Int32, y : Int32) : Int32 { x <>> y };

  func mask(p : Nat) : Nat32 { (1 : Nat32) << Prim.natToNat32(p % 32) };

  public func bittest(x : Int32, p : Nat) : Bool { toNat32(x) & mask(p) != 0 };

  public func bitset(x : Int32, p : Nat) : Int32 { fromNat32(toNat32(x) | mask(p)) };

  public func bitclear(x : Int32, p : Nat) : Int32 { fromNat32(toNat32(x) & ^mask(p)) };

  public func bitflip(x : Int32, p : Nat) : Int32 { fromNat32(toNat32(x) ^ mask(p)) };

  public func bitcountNonZero(x : Int32) : Int32 {
    var n : Int32 = 0;
    var rest = toNat32(x);
    while (rest != 0) { if (rest & 1 == 1) n += 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Int32) : Int32 {
    let bits = toNat32(x);
    var n : Int32 = 0;
    var probe : Nat32 = 1 << 31;
    while (probe != 0 and bits & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Int32) : Int32 {
    let bits = toNat32(x);
    var n : Int32 = 0;
    var probe : Nat32 = 1;
    while (probe != 0 and bits & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Int32, y : Int32) : Int32 { x +% y };

  public func subWrap(x : Int32, y : Int32) : Int32 { x -% y };

  public func mulWrap(x : Int32, y : Int32) : Int32 { x *% y };

  public func powWrap(x : Int32, y : Int32) : Int32 { x **% y };
};
