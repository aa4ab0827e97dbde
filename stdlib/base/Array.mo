//! Functions on arrays, immutable (`[X]`) and mutable (`[var X]`). Arrays are
//! created through the two allocation primitives `Array_tabulate` and
//! `Array_init`; everything else is written with loops. Sorting is a stable
//! merge sort. This module does not import `Iter` (which imports it), so
//! iterator types are written out structurally.
import Prim "mo:⛔";
import Order "Order";
import Result "Result";

module {
  public func init<X>(size : Nat, initValue : X) : [var X] = Prim.Array_init<X>(size, initValue);

  public func tabulate<X>(size : Nat, generator : Nat -> X) : [X] = Prim.Array_tabulate<X>(size, generator);

  public func tabulateVar<X>(size : Nat, generator : Nat -> X) : [var X] {
    if (size == 0) return [var];
    let a = Prim.Array_init<X>(size, generator(0));
    var i = 1;
    while (i < size) { a[i] := generator(i); i += 1 };
    a;
  };

  public func freeze<X>(varArray : [var X]) : [X] {
    Prim.Array_tabulate<X>(varArray.size(), func i = varArray[i]);
  };

  public func thaw<A>(array : [A]) : [var A] {
    tabulateVar<A>(array.size(), func i = array[i]);
  };

  public func equal<X>(array1 : [X], array2 : [X], equal : (X, X) -> Bool) : Bool {
    let size = array1.size();
    if (size != array2.size()) return false;
    var i = 0;
    while (i < size) {
      if (not equal(array1[i], array2[i])) return false;
      i += 1;
    };
    true;
  };

  public func find<X>(array : [X], predicate : X -> Bool) : ?X {
    for (x in array.vals()) { if (predicate(x)) return ?x };
    null;
  };

  public func append<X>(array1 : [X], array2 : [X]) : [X] {
    let size1 = array1.size();
    Prim.Array_tabulate<X>(
      size1 + array2.size(),
      func i = if (i < size1) array1[i] else array2[i - size1],
    );
  };

  /// A sorted copy of `array`; equal elements keep their order.
  public func sort<X>(array : [X], compare : (X, X) -> Order.Order) : [X] {
    let temp = thaw<X>(array);
    sortInPlace<X>(temp, compare);
    freeze<X>(temp);
  };

  /// Sorts `array` in place with a stable bottom-up merge sort.
  public func sortInPlace<X>(array : [var X], compare : (X, X) -> Order.Order) {
    let size = array.size();
    if (size < 2) return;
    let scratch = Prim.Array_init<X>(size, array[0]);
    var width = 1;
    while (width < size) {
      var lo = 0;
      while (lo < size) {
        let mid = if (lo + width < size) lo + width else size;
        let hi = if (mid + width < size) mid + width else size;
        var i = lo;
        var j = mid;
        var k = lo;
        while (k < hi) {
          let takeLeft = i < mid and (j >= hi or (switch (compare(array[j], array[i])) { case (#less) false; case _ true }));
          if (takeLeft) { scratch[k] := array[i]; i += 1 } else { scratch[k] := array[j]; j += 1 };
          k += 1;
        };
        lo := hi;
      };
      var c = 0;
      while (c < size) { array[c] := scratch[c]; c += 1 };
      width *= 2;
    };
  };

  public func reverse<X>(array : [X]) : [X] {
    let size = array.size();
    Prim.Array_tabulate<X>(size, func i = array[size - 1 - i]);
  };

  public func map<X, Y>(array : [X], f : X -> Y) : [Y] {
    Prim.Array_tabulate<Y>(array.size(), func i = f(array[i]));
  };

  public func filter<X>(array : [X], predicate : X -> Bool) : [X] {
    let keep = Prim.Array_tabulate<Bool>(array.size(), func i = predicate(array[i]));
    var count = 0;
    for (k in keep.vals()) { if k count += 1 };
    var next = 0;
    Prim.Array_tabulate<X>(
      count,
      func _ {
        while (not keep[next]) { next += 1 };
        next += 1;
        array[next - 1];
      },
    );
  };

  public func mapEntries<X, Y>(array : [X], f : (X, Nat) -> Y) : [Y] {
    Prim.Array_tabulate<Y>(array.size(), func i = f(array[i], i));
  };

  public func mapFilter<X, Y>(array : [X], f : X -> ?Y) : [Y] {
    let results = Prim.Array_tabulate<?Y>(array.size(), func i = f(array[i]));
    var count = 0;
    for (r in results.vals()) { switch r { case (?_) count += 1; case null {} } };
    var next = 0;
    Prim.Array_tabulate<Y>(
      count,
      func _ {
        loop {
          let r = results[next];
          next += 1;
          switch r { case (?y) return y; case null {} };
        };
      },
    );
  };

  /// The mapped array, or the first error `f` returns.
  public func mapResult<X, Y, E>(array : [X], f : X -> Result.Result<Y, E>) : Result.Result<[Y], E> {
    let size = array.size();
    if (size == 0) return #ok([]);
    let first = switch (f(array[0])) { case (#ok(y)) y; case (#err(e)) return #err(e) };
    let out = Prim.Array_init<Y>(size, first);
    var i = 1;
    while (i < size) {
      switch (f(array[i])) {
        case (#ok(y)) out[i] := y;
        case (#err(e)) return #err(e);
      };
      i += 1;
    };
    #ok(freeze<Y>(out));
  };

  public func chain<X, Y>(array : [X], k : X -> [Y]) : [Y] {
    flatten<Y>(map<X, [Y]>(array, k));
  };

  public func foldLeft<X, A>(array : [X], base : A, combine : (A, X) -> A) : A {
    var acc = base;
    for (x in array.vals()) { acc := combine(acc, x) };
    acc;
  };

  public func foldRight<X, A>(array : [X], base : A, combine : (X, A) -> A) : A {
    var acc = base;
    var i = array.size();
    while (i > 0) { i -= 1; acc := combine(array[i], acc) };
    acc;
  };

  public func flatten<X>(arrays : [[X]]) : [X] {
    var total = 0;
    for (a in arrays.vals()) { total += a.size() };
    var outer = 0;
    var inner = 0;
    Prim.Array_tabulate<X>(
      total,
      func _ {
        while (inner >= arrays[outer].size()) { outer += 1; inner := 0 };
        inner += 1;
        arrays[outer][inner - 1];
      },
    );
  };

  public func make<X>(element : X) : [X] = [element];

  public func vals<X>(array : [X]) : { next : () -> ?X } = array.vals();

  public func keys<X>(array : [X]) : { next : () -> ?Nat } = array.keys();

  public func size<X>(array : [X]) : Nat = array.size();

  /// The `length` elements starting at `start`; traps when they are not all
  /// inside `array`.
  public func subArray<X>(array : [X], start : Nat, length : Nat) : [X] {
    if (start + length > array.size()) Prim.trap("Array.subArray: out of bounds");
    Prim.Array_tabulate<X>(length, func i = array[start + i]);
  };

  public func indexOf<X>(element : X, array : [X], equal : (X, X) -> Bool) : ?Nat {
    nextIndexOf<X>(element, array, 0, equal);
  };

  public func nextIndexOf<X>(element : X, array : [X], fromInclusive : Nat, equal : (X, X) -> Bool) : ?Nat {
    var i = fromInclusive;
    while (i < array.size()) {
      if (equal(array[i], element)) return ?i;
      i += 1;
    };
    null;
  };

  public func lastIndexOf<X>(element : X, array : [X], equal : (X, X) -> Bool) : ?Nat {
    prevIndexOf<X>(element, array, array.size(), equal);
  };

  public func prevIndexOf<T>(element : T, array : [T], fromExclusive : Nat, equal : (T, T) -> Bool) : ?Nat {
    var i = if (fromExclusive > array.size()) array.size() else fromExclusive;
    while (i > 0) {
      i -= 1;
      if (equal(array[i], element)) return ?i;
    };
    null;
  };

  /// The elements from `fromInclusive` up to `toExclusive`, clamped to the
  /// array's bounds.
  public func slice<X>(array : [X], fromInclusive : Nat, toExclusive : Nat) : { next : () -> ?X } {
    let stop = if (toExclusive > array.size()) array.size() else toExclusive;
    var i = fromInclusive;
    object {
      public func next() : ?X {
        if (i >= stop) return null;
        i += 1;
        ?array[i - 1];
      };
    };
  };

  /// The first `length` elements, or the last `-length` when `length` is
  /// negative; clamped to the array's size.
  public func take<T>(array : [T], length : Int) : [T] {
    let size = array.size();
    if (length >= 0) {
      let n = Prim.abs(length);
      let count = if (n > size) size else n;
      Prim.Array_tabulate<T>(count, func i = array[i]);
    } else {
      let n = Prim.abs(length);
      let count = if (n > size) size else n;
      Prim.Array_tabulate<T>(count, func i = array[size - count + i]);
    };
  };
};
