//! Functions on `Int16`, signed 16-bit integers in two's complement.
//! Checked arithmetic traps on overflow, the `...Wrap` functions wrap around;
//! conversions to and from `Int` and `Nat16` are primitives, and bit counting
//! works on the `Nat16` bit pattern. Text conversion goes through `Int`.
import Prim "mo:⛔";
import Int "Int";
import Order "Order";

module {
  public type Int16 = Prim.Types.Int16;

  public let minimumValue = -32768 : Int16;

  public let maximumValue = 32767 : Int16;

  public let toInt : Int16 -> Int = Prim.int16ToInt;

  /// Traps when `i` does not fit.
  public let fromInt : Int -> Int16 = Prim.intToInt16;

  /// Keeps the low 16 bits of `i`.
  public let fromIntWrap : Int -> Int16 = Prim.intToInt16Wrap;

  /// Reinterprets the bits of an unsigned value.
  public let fromNat16 : Nat16 -> Int16 = Prim.nat16ToInt16;

  /// Reinterprets the bits as an unsigned value.
  public let toNat16 : Int16 -> Nat16 = Prim.int16ToNat16;

  public func toText(x : Int16) : Text { Int.toText(toInt(x)) };

  /// Traps for `minimumValue`, whose magnitude does not fit.
  public func abs(x : Int16) : Int16 { if (x < 0) -x else x };

  public func min(x : Int16, y : Int16) : Int16 { if (x < y) x else y };

  public func max(x : Int16, y : Int16) : Int16 { if (x < y) y else x };

  public func equal(x : Int16, y : Int16) : Bool { x == y };

  public func notEqual(x : Int16, y : Int16) : Bool { x != y };

  public func less(x : Int16, y : Int16) : Bool { x < y };

  public func lessOrEqual(x : Int16, y : Int16) : Bool { x <= y };

  public func greater(x : Int16, y : Int16) : Bool { x > y };

  public func greaterOrEqual(x : Int16, y : Int16) : Bool { x >= y };

  public func compare(x : Int16, y : Int16) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func neg(x : Int16) : Int16 { -x };

  public func add(x : Int16, y : Int16) : Int16 { x + y };

  public func sub(x : Int16, y : Int16) : Int16 { x - y };

  public func mul(x : Int16, y : Int16) : Int16 { x * y };

  public func div(x : Int16, y : Int16) : Int16 { x / y };

  public func rem(x : Int16, y : Int16) : Int16 { x % y };

  public func pow(x : Int16, y : Int16) : Int16 { x ** y };

  public func bitnot(x : Int16) : Int16 { ^x };

  public func bitand(x : Int16, y : Int16) : Int16 { x & y };

  public func bitor(x : Int16, y : Int16) : Int16 { x | y };

  public func bitxor(x : Int16, y : Int16) : Int16 { x ^ y };

  public func bitshiftLeft(x : Int16, y : Int16) : Int16 { x << y };

  /// An arithmetic shift: the sign bit is copied in.
  public func bitshiftRight(x : Int16, y : Int16) : Int16 { x >> y };

  public func bitrotLeft(x : Int16, y : Int16) : Int16 { x <<> y };

  public func bitrotRight(x : Int16, y : Int16) : Int16 { x <>> y };

  func mask(p : Nat) : Nat16 { (1 : Nat16) << Prim.natToNat16(p % 16) };

  public func bittest(x : Int16, p : Nat) : Bool { toNat16(x) & mask(p) != 0 };

  public func bitset(x : Int16, p : Nat) : Int16 { fromNat16(toNat16(x) | mask(p)) };

  public func bitclear(x : Int16, p : Nat) : Int16 { fromNat16(toNat16(x) & ^mask(p)) };

  public func bitflip(x : Int16, p : Nat) : Int16 { fromNat16(toNat16(x) ^ mask(p)) };

  public func bitcountNonZero(x : Int16) : Int16 {
    var n : Int16 = 0;
    var rest = toNat16(x);
    while (rest != 0) { if (rest & 1 == 1) n += 1; rest >>= 1 };
    n;
  };

  public func bitcountLeadingZero(x : Int16) : Int16 {
    let bits = toNat16(x);
    var n : Int16 = 0;
    var probe : Nat16 = 1 << 15;
    while (probe != 0 and bits & probe == 0) { n += 1; probe >>= 1 };
    n;
  };

  public func bitcountTrailingZero(x : Int16) : Int16 {
    let bits = toNat16(x);
    var n : Int16 = 0;
    var probe : Nat16 = 1;
    while (probe != 0 and bits & probe == 0) { n += 1; probe <<= 1 };
    n;
  };

  public func addWrap(x : Int16, y : Int16) : Int16 { x +% y };

  public func subWrap(x : Int16, y : Int16) : Int16 { x -% y };

  public func mulWrap(x : Int16, y : Int16) : Int16 { x *% y };

  public func powWrap(x : Int16, y : Int16) : Int16 { x **% y };
};
