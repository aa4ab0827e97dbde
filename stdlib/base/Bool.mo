//! Functions on `Bool` values. The short-circuiting `and`/`or` operators are
//! language syntax; the functions here evaluate both arguments.
import Prim "mo:⛔";
import Order "Order";

module {
  public type Bool = Prim.Types.Bool;

  public func toText(x : Bool) : Text {
    if x "true" else "false";
  };

  public func logand(x : Bool, y : Bool) : Bool { x and y };

  public func logor(x : Bool, y : Bool) : Bool { x or y };

  public func logxor(x : Bool, y : Bool) : Bool { x != y };

  public func lognot(x : Bool) : Bool { not x };

  public func equal(x : Bool, y : Bool) : Bool { x == y };

  public func notEqual(x : Bool, y : Bool) : Bool { x != y };

  /// `false` orders before `true`.
  public func compare(x : Bool, y : Bool) : Order.Order {
    if (x == y) #equal else if (x) #greater else #less;
  };
};
