//! Immutable singly linked lists, `List<T> = ?(T, List<T>)`, and the usual
//! functions on them. Everything is written with loops (or reversal) rather
//! than deep recursion, so long lists do not exhaust the stack.
import Prim "mo:⛔";
import Order "Order";
import Result "Result";

module {
  public type List<T> = ?(T, List<T>);

  public func nil<T>() : List<T> = null;

  public func isNil<T>(l : List<T>) : Bool {
    switch l { case null true; case _ false };
  };

  public func push<T>(x : T, l : List<T>) : List<T> = ?(x, l);

  public func last<T>(l : List<T>) : ?T {
    var rest = l;
    var result : ?T = null;
    loop {
      switch rest {
        case null return result;
        case (?(h, t)) { result := ?h; rest := t };
      };
    };
  };

  public func pop<T>(l : List<T>) : (?T, List<T>) {
    switch l { case null (null, null); case (?(h, t)) (?h, t) };
  };

  public func size<T>(l : List<T>) : Nat {
    var n = 0;
    var rest = l;
    loop {
      switch rest {
        case null return n;
        case (?(_, t)) { n += 1; rest := t };
      };
    };
  };

  public func get<T>(l : List<T>, n : Nat) : ?T {
    var i = n;
    var rest = l;
    loop {
      switch rest {
        case null return null;
        case (?(h, t)) {
          if (i == 0) return ?h;
          i -= 1;
          rest := t;
        };
      };
    };
  };

  public func reverse<T>(l : List<T>) : List<T> {
    var out : List<T> = null;
    var rest = l;
    loop {
      switch rest {
        case null return out;
        case (?(h, t)) { out := ?(h, out); rest := t };
      };
    };
  };

  public func iterate<T>(l : List<T>, f : T -> ()) {
    var rest = l;
    loop {
      switch rest {
        case null return;
        case (?(h, t)) { f(h); rest := t };
      };
    };
  };

  public func map<T, U>(l : List<T>, f : T -> U) : List<U> {
    var out : List<U> = null;
    iterate<T>(l, func x { out := ?(f(x), out) });
    reverse<U>(out);
  };

  public func filter<T>(l : List<T>, f : T -> Bool) : List<T> {
    var out : List<T> = null;
    iterate<T>(l, func x { if (f(x)) out := ?(x, out) });
    reverse<T>(out);
  };

  public func partition<T>(l : List<T>, f : T -> Bool) : (List<T>, List<T>) {
    var yes : List<T> = null;
    var no : List<T> = null;
    iterate<T>(l, func x { if (f(x)) yes := ?(x, yes) else no := ?(x, no) });
    (reverse<T>(yes), reverse<T>(no));
  };

  public func mapFilter<T, U>(l : List<T>, f : T -> ?U) : List<U> {
    var out : List<U> = null;
    iterate<T>(l, func x { switch (f(x)) { case (?y) out := ?(y, out); case null {} } });
    reverse<U>(out);
  };

  public func mapResult<T, R, E>(xs : List<T>, f : T -> Result.Result<R, E>) : Result.Result<List<R>, E> {
    var out : List<R> = null;
    var rest = xs;
    loop {
      switch rest {
        case null return #ok(reverse<R>(out));
        case (?(h, t)) {
          switch (f(h)) {
            case (#ok(r)) out := ?(r, out);
            case (#err(e)) return #err(e);
          };
          rest := t;
        };
      };
    };
  };

  /// `l` followed by `m`.
  public func append<T>(l : List<T>, m : List<T>) : List<T> {
    var out = m;
    iterate<T>(reverse<T>(l), func x { out := ?(x, out) });
    out;
  };

  public func flatten<T>(l : List<List<T>>) : List<T> {
    var out : List<T> = null;
    iterate<List<T>>(reverse<List<T>>(l), func inner { out := append<T>(inner, out) });
    out;
  };

  /// The first `n` elements (all of them when the list is shorter).
  public func take<T>(l : List<T>, n : Nat) : List<T> {
    var out : List<T> = null;
    var i = 0;
    var rest = l;
    label walk while (i < n) {
      switch rest {
        case null break walk;
        case (?(h, t)) { out := ?(h, out); rest := t; i += 1 };
      };
    };
    reverse<T>(out);
  };

  public func drop<T>(l : List<T>, n : Nat) : List<T> {
    var i = n;
    var rest = l;
    loop {
      if (i == 0) return rest;
      switch rest {
        case null return null;
        case (?(_, t)) { rest := t; i -= 1 };
      };
    };
  };

  public func foldLeft<T, S>(list : List<T>, base : S, combine : (S, T) -> S) : S {
    var acc = base;
    iterate<T>(list, func x { acc := combine(acc, x) });
    acc;
  };

  public func foldRight<T, S>(list : List<T>, base : S, combine : (T, S) -> S) : S {
    var acc = base;
    iterate<T>(reverse<T>(list), func x { acc := combine(x, acc) });
    acc;
  };

  public func find<T>(l : List<T>, f : T -> Bool) : ?T {
    var rest = l;
    loop {
      switch rest {
        case null return null;
        case (?(h, t)) { if (f(h)) return ?h; rest := t };
      };
    };
  };

  public func some<T>(l : List<T>, f : T -> Bool) : Bool {
    switch (find<T>(l, f)) { case null false; case _ true };
  };

  public func all<T>(l : List<T>, f : T -> Bool) : Bool {
    switch (find<T>(l, func x = not f(x))) { case null true; case _ false };
  };

  /// Merges two lists sorted by `lessThanOrEqual` into one sorted list.
  public func merge<T>(l1 : List<T>, l2 : List<T>, lessThanOrEqual : (T, T) -> Bool) : List<T> {
    var out : List<T> = null;
    var a = l1;
    var b = l2;
    loop {
      switch (a, b) {
        case (null, _) return append<T>(reverse<T>(out), b);
        case (_, null) return append<T>(reverse<T>(out), a);
        case (?(h1, t1), ?(h2, t2)) {
          if (lessThanOrEqual(h1, h2)) { out := ?(h1, out); a := t1 } else {
            out := ?(h2, out);
            b := t2;
          };
        };
      };
    };
  };

  /// Lexicographic order; a proper prefix orders first.
  public func compare<T>(l1 : List<T>, l2 : List<T>, compare : (T, T) -> Order.Order) : Order.Order {
    var a = l1;
    var b = l2;
    loop {
      switch (a, b) {
        case (null, null) return #equal;
        case (null, _) return #less;
        case (_, null) return #greater;
        case (?(h1, t1), ?(h2, t2)) {
          switch (compare(h1, h2)) { case (#equal) {}; case other return other };
          a := t1;
          b := t2;
        };
      };
    };
  };

  public func equal<T>(l1 : List<T>, l2 : List<T>, equal : (T, T) -> Bool) : Bool {
    var a = l1;
    var b = l2;
    loop {
      switch (a, b) {
        case (null, null) return true;
        case (?(h1, t1), ?(h2, t2)) {
          if (not equal(h1, h2)) return false;
          a := t1;
          b := t2;
        };
        case _ return false;
      };
    };
  };

  public func tabulate<T>(n : Nat, f : Nat -> T) : List<T> {
    var out : List<T> = null;
    var i = n;
    while (i > 0) { i -= 1; out := ?(f(i), out) };
    out;
  };

  public func make<T>(x : T) : List<T> = ?(x, null);

  public func replicate<T>(n : Nat, x : T) : List<T> = tabulate<T>(n, func _ = x);

  public func zip<T, U>(xs : List<T>, ys : List<U>) : List<(T, U)> {
    zipWith<T, U, (T, U)>(xs, ys, func(x, y) = (x, y));
  };

  /// Combines elements pairwise, up to the shorter list's length.
  public func zipWith<T, U, V>(xs : List<T>, ys : List<U>, f : (T, U) -> V) : List<V> {
    var out : List<V> = null;
    var a = xs;
    var b = ys;
    loop {
      switch (a, b) {
        case (?(x, t1), ?(y, t2)) { out := ?(f(x, y), out); a := t1; b := t2 };
        case _ return reverse<V>(out);
      };
    };
  };

  /// The first `n` elements and the rest.
  public func split<T>(n : Nat, xs : List<T>) : (List<T>, List<T>) {
    (take<T>(xs, n), drop<T>(xs, n));
  };

  /// Consecutive pieces of `n` elements (the last may be shorter); traps
  /// when `n` is zero.
  public func chunks<T>(n : Nat, xs : List<T>) : List<List<T>> {
    if (n == 0) Prim.trap("List.chunks: chunk size must be positive");
    var out : List<List<T>> = null;
    var rest = xs;
    loop {
      switch rest {
        case null return reverse<List<T>>(out);
        case _ {
          out := ?(take<T>(rest, n), out);
          rest := drop<T>(rest, n);
        };
      };
    };
  };

  public func fromArray<T>(xs : [T]) : List<T> = tabulate<T>(xs.size(), func i = xs[i]);

  public func fromVarArray<T>(xs : [var T]) : List<T> = tabulate<T>(xs.size(), func i = xs[i]);

  public func toArray<T>(xs : List<T>) : [T] {
    var rest = xs;
    Prim.Array_tabulate<T>(
      size<T>(xs),
      func _ {
        switch rest {
          case (?(h, t)) { rest := t; h };
          case null Prim.trap("List.toArray: list changed size");
        };
      },
    );
  };

  public func toVarArray<T>(xs : List<T>) : [var T] {
    let items = toArray<T>(xs);
    if (items.size() == 0) return [var];
    let out = Prim.Array_init<T>(items.size(), items[0]);
    var i = 0;
    for (x in items.vals()) { out[i] := x; i += 1 };
    out;
  };

  public func toIter<T>(xs : List<T>) : { next : () -> ?T } {
    var rest = xs;
    object {
      public func next() : ?T {
        switch rest {
          case null null;
          case (?(h, t)) { rest := t; ?h };
        };
      };
    };
  };
};
