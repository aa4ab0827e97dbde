//! Iterators: objects with a `next : () -> ?T` method, the protocol `for`
//! loops use. Ranges, adapters (map, filter), and conversions to and from
//! arrays and lists. Iterators are single-pass; nothing here buffers more
//! than a conversion needs.
import Prim "mo:⛔";
import Array "Array";
import Order "Order";

module {
  public type Iter<T> = { next : () -> ?T };

  /// The same shape as `List.List`, written out so that this module does not
  /// depend on `List`.
  type List<T> = ?(T, List<T>);

  /// The numbers from `x` up to and including `y`; empty when `y < x`.
  public class range(x : Nat, y : Int) {
    var i = x;
    public func next() : ?Nat {
      if (i > y) null else { let j = i; i += 1; ?j };
    };
  };

  /// The numbers from `x` down to and including `y`; empty when `x < y`.
  public class revRange(x : Int, y : Int) {
    var i = x;
    public func next() : ?Int {
      if (i < y) null else { let j = i; i -= 1; ?j };
    };
  };

  /// Calls `f` with each element and its position.
  public func iterate<A>(xs : Iter<A>, f : (A, Nat) -> ()) {
    var i = 0;
    label l loop {
      switch (xs.next()) {
        case (?x) { f(x, i); i += 1 };
        case null break l;
      };
    };
  };

  /// Consumes the iterator and counts its elements.
  public func size<A>(xs : Iter<A>) : Nat {
    var n = 0;
    iterate<A>(xs, func(_, _) { n += 1 });
    n;
  };

  public func map<A, B>(xs : Iter<A>, f : A -> B) : Iter<B> = object {
    public func next() : ?B {
      switch (xs.next()) { case (?x) ?f(x); case null null };
    };
  };

  public func filter<A>(xs : Iter<A>, f : A -> Bool) : Iter<A> = object {
    public func next() : ?A {
      loop {
        switch (xs.next()) {
          case null return null;
          case (?x) { if (f(x)) return ?x };
        };
      };
    };
  };

  /// An endless iterator repeating `x`.
  public func make<A>(x : A) : Iter<A> = object {
    public func next() : ?A { ?x };
  };

  public func concat<A>(a : Iter<A>, b : Iter<A>) : Iter<A> {
    var firstDone = false;
    object {
      public func next() : ?A {
        if (not firstDone) {
          switch (a.next()) {
            case (?x) return ?x;
            case null firstDone := true;
          };
        };
        b.next();
      };
    };
  };

  public func fromArray<A>(xs : [A]) : Iter<A> {
    var i = 0;
    object {
      public func next() : ?A {
        if (i >= xs.size()) null else { i += 1; ?xs[i - 1] };
      };
    };
  };

  public func fromArrayMut<A>(xs : [var A]) : Iter<A> {
    fromArray<A>(Array.freeze<A>(xs));
  };

  public func fromList<A>(xs : List<A>) : Iter<A> {
    var rest = xs;
    object {
      public func next() : ?A {
        switch rest {
          case null null;
          case (?(h, t)) { rest := t; ?h };
        };
      };
    };
  };

  /// Collects the elements in order; the list is reversed into an array once
  /// its length is known.
  public func toArray<A>(xs : Iter<A>) : [A] {
    var reversed : List<A> = null;
    var count = 0;
    label l loop {
      switch (xs.next()) {
        case (?x) { reversed := ?(x, reversed); count += 1 };
        case null break l;
      };
    };
    let out = Array.tabulateVar<?A>(count, func _ = null);
    var i = count;
    var rest = reversed;
    label fill loop {
      switch rest {
        case (?(h, t)) { i -= 1; out[i] := ?h; rest := t };
        case null break fill;
      };
    };
    Array.tabulate<A>(count, func j { switch (out[j]) { case (?x) x; case null Prim.trap("Iter.toArray: unfilled slot") } });
  };

  public func toArrayMut<A>(xs : Iter<A>) : [var A] {
    Array.thaw<A>(toArray<A>(xs));
  };

  public func toList<A>(xs : Iter<A>) : List<A> {
    let items = toArray<A>(xs);
    var result : List<A> = null;
    var i = items.size();
    while (i > 0) { i -= 1; result := ?(items[i], result) };
    result;
  };

  /// The elements in sorted order (stable for equal elements).
  public func sort<A>(xs : Iter<A>, compare : (A, A) -> Order.Order) : Iter<A> {
    fromArray<A>(Array.sort<A>(toArray<A>(xs), compare));
  };
};
