//! Functions on integers (`Int`, arbitrary precision): sign handling,
//! decimal text, comparisons and the arithmetic operators as functions.
//! Text conversion reuses `Nat.toText`; only `Prim.abs` crosses from `Int`
//! to `Nat`.
import Prim "mo:⛔";
import Nat "Nat";
import Hash "Hash";
import Order "Order";

module {
  public type Int = Prim.Types.Int;

  public func abs(x : Int) : Nat { Prim.abs(x) };

  /// Decimal text with a leading `-` for negative numbers and no sign
  /// otherwise.
  public func toText(x : Int) : Text {
    if (x < 0) "-" # Nat.toText(Prim.abs(x)) else Nat.toText(Prim.abs(x));
  };

  public func min(x : Int, y : Int) : Int { if (x < y) x else y };

  public func max(x : Int, y : Int) : Int { if (x < y) y else x };

  /// Hashes the magnitude and folds the sign in, so that `x` and `-x` differ.
  public func hash(i : Int) : Hash.Hash {
    let h = Hash.hash(Prim.abs(i));
    if (i < 0) ^h else h;
  };

  public func hashAcc(h1 : Hash.Hash, i : Int) : Hash.Hash {
    let h2 = hash(i);
    (h1 << 5) +% h1 +% h2;
  };

  public func equal(x : Int, y : Int) : Bool { x == y };

  public func notEqual(x : Int, y : Int) : Bool { x != y };

  public func less(x : Int, y : Int) : Bool { x < y };

  public func lessOrEqual(x : Int, y : Int) : Bool { x <= y };

  public func greater(x : Int, y : Int) : Bool { x > y };

  public func greaterOrEqual(x : Int, y : Int) : Bool { x >= y };

  public func compare(x : Int, y : Int) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func neg(x : Int) : Int { -x };

  public func add(x : Int, y : Int) : Int { x + y };

  public func sub(x : Int, y : Int) : Int { x - y };

  public func mul(x : Int, y : Int) : Int { x * y };

  /// Rounds toward zero, like the `/` operator; traps when `y` is zero.
  public func div(x : Int, y : Int) : Int { x / y };

  /// Has the sign of `x`, like the `%` operator.
  public func rem(x : Int, y : Int) : Int { x % y };

  /// Traps when `y` is negative.
  public func pow(x : Int, y : Int) : Int { x ** y };
};
