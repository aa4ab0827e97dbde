//! `Buffer<X>`: a growable array. The class holds a mutable array of
//! optional slots; it grows by half its capacity when full and halves when
//! its size drops below a quarter of the capacity. Module functions below the
//! class work on buffers from the outside. Not a persistent structure: to
//! keep a buffer in a stable variable, store `toArray(buffer)`.
import Prim "mo:⛔";
import Iter "Iter";
import Order "Order";
import Result "Result";

module {
  public class Buffer<X>(initCapacity : Nat) {
    var _size = 0;
    var elements : [var ?X] = Prim.Array_init<?X>(initCapacity, null);

    /// Moves the elements into a fresh array of `capacity` slots.
    func resize(capacity : Nat) {
      let fresh = Prim.Array_init<?X>(capacity, null);
      var i = 0;
      while (i < _size) { fresh[i] := elements[i]; i += 1 };
      elements := fresh;
    };

    func grownCapacity() : Nat {
      let bigger = elements.size() * 3 / 2;
      if (bigger > elements.size()) bigger else elements.size() + 1;
    };

    func shrinkIfSparse() {
      if (_size < elements.size() / 4) resize(elements.size() / 2);
    };

    func slot(index : Nat) : X {
      if (index >= _size) Prim.trap("Buffer index out of bounds in get");
      switch (elements[index]) { case (?x) x; case null Prim.trap("Buffer: empty slot") };
    };

    public func size() : Nat = _size;

    public func add(element : X) {
      if (_size == elements.size()) resize(grownCapacity());
      elements[_size] := ?element;
      _size += 1;
    };

    /// Traps when `index >= size()`.
    public func get(index : Nat) : X = slot(index);

    public func getOpt(index : Nat) : ?X {
      if (index < _size) elements[index] else null;
    };

    /// Traps when `index >= size()`.
    public func put(index : Nat, element : X) {
      if (index >= _size) Prim.trap("Buffer index out of bounds in put");
      elements[index] := ?element;
    };

    public func removeLast() : ?X {
      if (_size == 0) return null;
      _size -= 1;
      let last = elements[_size];
      elements[_size] := null;
      shrinkIfSparse();
      last;
    };

    /// Removes and returns the element at `index`, shifting later ones down.
    public func remove(index : Nat) : X {
      if (index >= _size) Prim.trap("Buffer index out of bounds in remove");
      let element = slot(index);
      var i = index;
      while (i + 1 < _size) { elements[i] := elements[i + 1]; i += 1 };
      _size -= 1;
      elements[_size] := null;
      shrinkIfSparse();
      element;
    };

    public func clear() {
      _size := 0;
      elements := Prim.Array_init<?X>(8, null);
    };

    /// Keeps the elements for which `predicate(index, element)` holds.
    public func filterEntries(predicate : (Nat, X) -> Bool) {
      var kept = 0;
      var i = 0;
      while (i < _size) {
        let x = slot(i);
        if (predicate(i, x)) { elements[kept] := ?x; kept += 1 };
        i += 1;
      };
      while (i > kept) { i -= 1; elements[i] := null };
      _size := kept;
      shrinkIfSparse();
    };

    public func capacity() : Nat = elements.size();

    /// Sets the capacity to `capacity` unless that would drop elements.
    public func reserve(capacity : Nat) {
      if (capacity >= _size) resize(capacity);
    };

    public func append(buffer2 : Buffer<X>) {
      for (x in buffer2.vals()) add(x);
    };

    /// Inserts before position `index`; `index == size()` appends.
    public func insert(index : Nat, element : X) {
      if (index > _size) Prim.trap("Buffer index out of bounds in insert");
      if (_size == elements.size()) resize(grownCapacity());
      var i = _size;
      while (i > index) { elements[i] := elements[i - 1]; i -= 1 };
      elements[index] := ?element;
      _size += 1;
    };

    public func insertBuffer(index : Nat, buffer2 : Buffer<X>) {
      if (index > _size) Prim.trap("Buffer index out of bounds in insertBuffer");
      var at = index;
      for (x in buffer2.toArray().vals()) { insert(at, x); at += 1 };
    };

    /// A stable sort of the elements.
    public func sort(compare : (X, X) -> Order.Order) {
      let sorted = Iter.toArray<X>(Iter.sort<X>(vals(), compare));
      var i = 0;
      for (x in sorted.vals()) { elements[i] := ?x; i += 1 };
    };

    public func vals() : Iter.Iter<X> {
      var i = 0;
      object {
        public func next() : ?X {
          if (i >= _size) null else { i += 1; elements[i - 1] };
        };
      };
    };

    public func clone() : Buffer<X> {
      let copy = Buffer<X>(elements.size());
      for (x in vals()) copy.add(x);
      copy;
    };

    public func toArray() : [X] = Prim.Array_tabulate<X>(_size, slot);

    public func toVarArray() : [var X] {
      if (_size == 0) return [var];
      let out = Prim.Array_init<X>(_size, slot(0));
      var i = 1;
      while (i < _size) { out[i] := slot(i); i += 1 };
      out;
    };
  };

  public func isEmpty<X>(buffer : Buffer<X>) : Bool = buffer.size() == 0;

  public func contains<X>(buffer : Buffer<X>, element : X, equal : (X, X) -> Bool) : Bool {
    for (x in buffer.vals()) { if (equal(x, element)) return true };
    false;
  };

  public func clone<X>(buffer : Buffer<X>) : Buffer<X> = buffer.clone();

  public func max<X>(buffer : Buffer<X>, compare : (X, X) -> Order.Order) : ?X {
    var best : ?X = null;
    for (x in buffer.vals()) {
      switch best {
        case null best := ?x;
        case (?b) { if (compare(x, b) == #greater) best := ?x };
      };
    };
    best;
  };

  public func min<X>(buffer : Buffer<X>, compare : (X, X) -> Order.Order) : ?X {
    var best : ?X = null;
    for (x in buffer.vals()) {
      switch best {
        case null best := ?x;
        case (?b) { if (compare(x, b) == #less) best := ?x };
      };
    };
    best;
  };

  public func equal<X>(buffer1 : Buffer<X>, buffer2 : Buffer<X>, equal : (X, X) -> Bool) : Bool {
    if (buffer1.size() != buffer2.size()) return false;
    var i = 0;
    while (i < buffer1.size()) {
      if (not equal(buffer1.get(i), buffer2.get(i))) return false;
      i += 1;
    };
    true;
  };

  public func compare<X>(buffer1 : Buffer<X>, buffer2 : Buffer<X>, compare : (X, X) -> Order.Order) : Order.Order {
    var i = 0;
    while (i < buffer1.size() and i < buffer2.size()) {
      switch (compare(buffer1.get(i), buffer2.get(i))) {
        case (#equal) {};
        case other return other;
      };
      i += 1;
    };
    if (buffer1.size() < buffer2.size()) #less else if (buffer1.size() == buffer2.size()) #equal else #greater;
  };

  /// `[a, b, c]` with each element rendered by `toText`.
  public func toText<X>(buffer : Buffer<X>, toText : X -> Text) : Text {
    var t = "[";
    var first = true;
    for (x in buffer.vals()) {
      if (first) first := false else t #= ", ";
      t #= toText(x);
    };
    t # "]";
  };

  public func hash<X>(buffer : Buffer<X>, hash : X -> Nat32) : Nat32 {
    var h : Nat32 = 5381;
    for (x in buffer.vals()) { h := (h << 5) +% h +% hash(x) };
    h;
  };

  public func indexOf<X>(element : X, buffer : Buffer<X>, equal : (X, X) -> Bool) : ?Nat {
    var i = 0;
    for (x in buffer.vals()) {
      if (equal(x, element)) return ?i;
      i += 1;
    };
    null;
  };

  public func lastIndexOf<X>(element : X, buffer : Buffer<X>, equal : (X, X) -> Bool) : ?Nat {
    var i = buffer.size();
    while (i > 0) {
      i -= 1;
      if (equal(buffer.get(i), element)) return ?i;
    };
    null;
  };

  /// Searches a buffer sorted by `compare`; `null` when absent.
  public func binarySearch<X>(element : X, buffer : Buffer<X>, compare : (X, X) -> Order.Order) : ?Nat {
    var lo = 0;
    var hi = buffer.size();
    while (lo < hi) {
      let mid = (lo + hi) / 2;
      switch (compare(element, buffer.get(mid))) {
        case (#equal) return ?mid;
        case (#less) hi := mid;
        case (#greater) lo := mid + 1;
      };
    };
    null;
  };

  /// The `length` elements starting at `start`; traps when out of bounds.
  public func subBuffer<X>(buffer : Buffer<X>, start : Nat, length : Nat) : Buffer<X> {
    if (start + length > buffer.size()) Prim.trap("Buffer index out of bounds in subBuffer");
    let out = Buffer<X>(length);
    var i = start;
    while (i < start + length) { out.add(buffer.get(i)); i += 1 };
    out;
  };

  public func prefix<X>(buffer : Buffer<X>, length : Nat) : Buffer<X> = subBuffer<X>(buffer, 0, length);

  public func suffix<X>(buffer : Buffer<X>, length : Nat) : Buffer<X> {
    subBuffer<X>(buffer, buffer.size() - length, length);
  };

  public func isPrefixOf<X>(prefix : Buffer<X>, buffer : Buffer<X>, equal : (X, X) -> Bool) : Bool {
    if (prefix.size() > buffer.size()) return false;
    var i = 0;
    while (i < prefix.size()) {
      if (not equal(prefix.get(i), buffer.get(i))) return false;
      i += 1;
    };
    true;
  };

  public func isSuffixOf<X>(suffix : Buffer<X>, buffer : Buffer<X>, equal : (X, X) -> Bool) : Bool {
    if (suffix.size() > buffer.size()) return false;
    let offset = buffer.size() - suffix.size();
    var i = 0;
    while (i < suffix.size()) {
      if (not equal(suffix.get(i), buffer.get(offset + i))) return false;
      i += 1;
    };
    true;
  };

  public func forAll<X>(buffer : Buffer<X>, predicate : X -> Bool) : Bool {
    for (x in buffer.vals()) { if (not predicate(x)) return false };
    true;
  };

  public func forSome<X>(buffer : Buffer<X>, predicate : X -> Bool) : Bool {
    for (x in buffer.vals()) { if (predicate(x)) return true };
    false;
  };

  public func forNone<X>(buffer : Buffer<X>, predicate : X -> Bool) : Bool {
    not forSome<X>(buffer, predicate);
  };

  public func toArray<X>(buffer : Buffer<X>) : [X] = buffer.toArray();

  public func toVarArray<X>(buffer : Buffer<X>) : [var X] = buffer.toVarArray();

  public func fromArray<X>(array : [X]) : Buffer<X> {
    let out = Buffer<X>(array.size());
    for (x in array.vals()) out.add(x);
    out;
  };

  public func fromVarArray<X>(array : [var X]) : Buffer<X> {
    let out = Buffer<X>(array.size());
    for (x in array.vals()) out.add(x);
    out;
  };

  public func fromIter<X>(iter : Iter.Iter<X>) : Buffer<X> {
    let out = Buffer<X>(8);
    for (x in iter) out.add(x);
    out;
  };

  /// Shrinks the capacity to the size.
  public func trimToSize<X>(buffer : Buffer<X>) {
    buffer.reserve(buffer.size());
  };

  public func map<X, Y>(buffer : Buffer<X>, f : X -> Y) : Buffer<Y> {
    let out = Buffer<Y>(buffer.capacity());
    for (x in buffer.vals()) out.add(f(x));
    out;
  };

  public func iterate<X>(buffer : Buffer<X>, f : X -> ()) {
    for (x in buffer.vals()) f(x);
  };

  public func mapEntries<X, Y>(buffer : Buffer<X>, f : (Nat, X) -> Y) : Buffer<Y> {
    let out = Buffer<Y>(buffer.capacity());
    var i = 0;
    for (x in buffer.vals()) { out.add(f(i, x)); i += 1 };
    out;
  };

  public func mapFilter<X, Y>(buffer : Buffer<X>, f : X -> ?Y) : Buffer<Y> {
    let out = Buffer<Y>(buffer.capacity());
    for (x in buffer.vals()) {
      switch (f(x)) { case (?y) out.add(y); case null {} };
    };
    out;
  };

  public func mapResult<X, Y, E>(buffer : Buffer<X>, f : X -> Result.Result<Y, E>) : Result.Result<Buffer<Y>, E> {
    let out = Buffer<Y>(buffer.capacity());
    for (x in buffer.vals()) {
      switch (f(x)) { case (#ok(y)) out.add(y); case (#err(e)) return #err(e) };
    };
    #ok(out);
  };

  public func chain<X, Y>(buffer : Buffer<X>, k : X -> Buffer<Y>) : Buffer<Y> {
    let out = Buffer<Y>(buffer.size());
    for (x in buffer.vals()) out.append(k(x));
    out;
  };

  public func foldLeft<A, X>(buffer : Buffer<X>, base : A, combine : (A, X) -> A) : A {
    var acc = base;
    for (x in buffer.vals()) acc := combine(acc, x);
    acc;
  };

  public func foldRight<X, A>(buffer : Buffer<X>, base : A, combine : (X, A) -> A) : A {
    var acc = base;
    var i = buffer.size();
    while (i > 0) { i -= 1; acc := combine(buffer.get(i), acc) };
    acc;
  };

  /// Traps on an empty buffer.
  public func first<X>(buffer : Buffer<X>) : X = buffer.get(0);

  /// Traps on an empty buffer.
  public func last<X>(buffer : Buffer<X>) : X = buffer.get(buffer.size() - 1);

  public func make<X>(element : X) : Buffer<X> {
    let out = Buffer<X>(1);
    out.add(element);
    out;
  };

  /// Reverses the buffer in place.
  public func reverse<X>(buffer : Buffer<X>) {
    let items = buffer.toArray();
    let n = items.size();
    var i = 0;
    while (i < n) { buffer.put(i, items[n - 1 - i]); i += 1 };
  };

  public func partition<X>(buffer : Buffer<X>, predicate : X -> Bool) : (Buffer<X>, Buffer<X>) {
    let yes = Buffer<X>(buffer.size());
    let no = Buffer<X>(buffer.size());
    for (x in buffer.vals()) { if (predicate(x)) yes.add(x) else no.add(x) };
    (yes, no);
  };

  /// The elements before `index` and the rest; traps when `index > size()`.
  public func split<X>(buffer : Buffer<X>, index : Nat) : (Buffer<X>, Buffer<X>) {
    if (index > buffer.size()) Prim.trap("Buffer index out of bounds in split");
    (subBuffer<X>(buffer, 0, index), subBuffer<X>(buffer, index, buffer.size() - index));
  };

  public func flatten<X>(buffer : Buffer<Buffer<X>>) : Buffer<X> {
    let out = Buffer<X>(buffer.size());
    for (b in buffer.vals()) out.append(b);
    out;
  };

  public func zip<X, Y>(buffer1 : Buffer<X>, buffer2 : Buffer<Y>) : Buffer<(X, Y)> {
    zipWith<X, Y, (X, Y)>(buffer1, buffer2, func(x, y) = (x, y));
  };

  /// Pairs elements up to the shorter buffer's length.
  public func zipWith<X, Y, Z>(buffer1 : Buffer<X>, buffer2 : Buffer<Y>, zip : (X, Y) -> Z) : Buffer<Z> {
    let n = if (buffer1.size() < buffer2.size()) buffer1.size() else buffer2.size();
    let out = Buffer<Z>(n);
    var i = 0;
    while (i < n) { out.add(zip(buffer1.get(i), buffer2.get(i))); i += 1 };
    out;
  };

  public func takeWhile<X>(buffer : Buffer<X>, predicate : X -> Bool) : Buffer<X> {
    let out = Buffer<X>(buffer.size());
    label scan for (x in buffer.vals()) {
      if (not predicate(x)) break scan;
      out.add(x);
    };
    out;
  };

  public func dropWhile<X>(buffer : Buffer<X>, predicate : X -> Bool) : Buffer<X> {
    let out = Buffer<X>(buffer.size());
    var dropping = true;
    for (x in buffer.vals()) {
      if (dropping and predicate(x)) {} else { dropping := false; out.add(x) };
    };
    out;
  };
};
