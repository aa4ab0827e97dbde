//! Functions on natural numbers (`Nat`, arbitrary precision). Conversion to
//! and from decimal text is written here with digit arithmetic, so the
//! compiler needs no text-formatting primitive for it. Operators that the
//! language already has (`+`, `-`, ...) are only wrapped as functions.
import Prim "mo:⛔";
import Order "Order";

module {
  public type Nat = Prim.Types.Nat;

  /// The decimal digits of `n`, without separators.
  public func toText(n : Nat) : Text {
    if (n == 0) return "0";
    var rest = n;
    var text = "";
    while (rest > 0) {
      let digit = Prim.natToNat32(rest % 10);
      text := Prim.charToText(Prim.nat32ToChar(48 + digit)) # text;
      rest /= 10;
    };
    text;
  };

  /// Parses decimal digits only (no sign, no separators); `null` for empty
  /// text or any other character.
  public func fromText(text : Text) : ?Nat {
    if (text == "") return null;
    var n = 0;
    for (c in text.chars()) {
      let code = Prim.charToNat32(c);
      if (code >= 48 and code <= 57) {
        n := n * 10 + Prim.nat32ToNat(code - 48);
      } else {
        return null;
      };
    };
    ?n;
  };

  public func min(x : Nat, y : Nat) : Nat { if (x < y) x else y };

  public func max(x : Nat, y : Nat) : Nat { if (x < y) y else x };

  public func equal(x : Nat, y : Nat) : Bool { x == y };

  public func notEqual(x : Nat, y : Nat) : Bool { x != y };

  public func less(x : Nat, y : Nat) : Bool { x < y };

  public func lessOrEqual(x : Nat, y : Nat) : Bool { x <= y };

  public func greater(x : Nat, y : Nat) : Bool { x > y };

  public func greaterOrEqual(x : Nat, y : Nat) : Bool { x >= y };

  public func compare(x : Nat, y : Nat) : Order.Order {
    if (x < y) #less else if (x == y) #equal else #greater;
  };

  public func add(x : Nat, y : Nat) : Nat { x + y };

  /// Traps when `y > x`.
  public func sub(x : Nat, y : Nat) : Nat { x - y };

  public func mul(x : Nat, y : Nat) : Nat { x * y };

  /// Traps when `y` is zero.
  public func div(x : Nat, y : Nat) : Nat { x / y };

  public func rem(x : Nat, y : Nat) : Nat { x % y };

  public func pow(x : Nat, y : Nat) : Nat { x ** y };

  /// `x * 2 ** y`, with the shift given as a `Nat32` as moc's library does.
  public func bitshiftLeft(x : Nat, y : Nat32) : Nat { x * 2 ** Prim.nat32ToNat(y) };

  public func bitshiftRight(x : Nat, y : Nat32) : Nat { x / 2 ** Prim.nat32ToNat(y) };
};
