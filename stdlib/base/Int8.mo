//! Functions on `Int8`, signed 8-bit integers in two's complement.
//! Checked arithmetic traps on overflow, the `...Wrap` functions wrap around;
//! conversions to and from `Int` and `Nat8` are primitives, and bit counting
//! works on the `Nat8` bit pattern. Text conversion goes through `Int`.
import Prim "mo:⛔";
import Int "Int";
import Order "Order";

module {
  public type Int8 = Prim.Types.Int8;

  public let minimumValue = -128 : Int8;

  public let maximumValue = 127 : Int8;

  public let toInt : Int8 -> Int = Prim.int8ToInt;

  /// Traps when `i` does not fit.
  public let fromInt : Int -> Int8 = Prim.intToInt8;

  /// Keeps the low 8 bits of `i`.
  public let fromIntWrap : Int -> Int8 = Prim.intToInt8Wrap;

  /// Reinterprets the bits of an unsigned value.
  public let fromNat8 : Nat8 -> Int8 = Prim.nat8ToInt8;

  /// Reinterprets the bits as an unsigned value.
  public let toNat8 : Int8 -> Nat8 = Prim.int8ToNat8;

  public func toText(x : Int8) : Text { Int.toText(toInt(x)) };

  /// Traps for `minimumValue`, whose magnitude does not fit.
  public func abs(x : Int8) : Int8 { if (x < 0) -x else x };

  public func min(x : Int8, y : Int8) : Int8 { if (x < y) x else y };

  public func max(x : Int8, y : Int8) : Int8 { if (x < y) y else x };

  public func equal(x : Int8, y : Int8) : Bool { x == y };

  public func notEqual(x : Int8, y : Int8) : Bool { x != y };

  public func less(x : Int8, y : Int8) : Bool { x < y };

  public func lessOrEqual(x : Int8, y : Int8) : Bool { x <= y };

  public func greater(x : Int8, y : Int8) : Bool { x > y };

  public func greaterOrEqual(x : Int8, y : Int8) : Bool { x >= y };

  public func compare(x : Int8, y : Int8) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func neg(x : Int8) : Int8 { -x };

  public func add(x : Int8, y : Int8) : Int8 { x + y };

  public func sub(x : Int8, y : Int8) : Int8 { x - y };

  public func mul(x : Int8, y : Int8) : Int8 { x * y };

  public func div(x : Int8, y : Int8) : Int8 { x / y };

  public func rem(x : Int8, y : Int8) : Int8 { x % y };

  public func pow(x : Int8, y : Int8) : Int8 { x ** y };

  public func bitnot(x : Int8) : Int8 { ^x };

  public func bitand(x : Int8, y : Int8) : Int8 { x & y };

  public func bitor(x : Int8, y : Int8) : Int8 { x | y };

  public func bitxor(x : Int8, y : Int8) : Int8 { x ^ y };

  public func bitshiftLeft(x : Int8, y : Int8) : Int8 { x << y };

  /// An arithmetic shift: the sign bit is copied in.
  public func bitshiftRight(x : Int8, y : Int8) : Int8 { x >> y };

  public func bitrotLeft(x : Int8, y : Int8) : Int8 { x <<> y };

  public func bitrotRight(x : Int8, y : Int8) : Int8 { x <>> y };

  func mask(p : Nat) : Nat8 { (1 : Nat8) << Prim.natToNat8(p % 8) };

  public func bittest(x : Int8, p : Nat) : Bool { toNat8(x) & mask(p) != 0 };

  public func bitset(x : Int8, p : Nat) : Int8 { fromNat8(toNat8(x) | mask(p)) };

  public func bitclear(x : Int8, p : Nat) : Int8 { fromNat8(toNat8(x) & ^mask(p)) };

  public func bitflip(x : Int8, p : Nat) : Int8 { fromNat8(toNat8(x) ^ mask(p)) };

  public func bitcountNonZero(x : Int8) : Int8 {
    var n : Int8 = 0;
    var rest = toNat8(x);
    while (rest != 0) { if (rest & 1 == 1) n += 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Int8) : Int8 {
    let bits = toNat8(x);
    var n : Int8 = 0;
    var probe : Nat8 = 1 << 7;
    while (probe != 0 and bits & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Int8) : Int8 {
    let bits = toNat8(x);
    var n : Int8 = 0;
    var probe : Nat8 = 1;
    while (probe != 0 and bits & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Int8, y : Int8) : Int8 { x +% y };

  public func subWrap(x : Int8, y : Int8) : Int8 { x -% y };

  public func mulWrap(x : Int8, y : Int8) : Int8 { x *% y };

  public func powWrap(x : Int8, y : Int8) : Int8 { x **% y };
};
