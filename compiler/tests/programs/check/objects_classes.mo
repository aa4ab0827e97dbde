// Objects and classes type-check (and are not lowered yet); stable is refused inside them.
actor {
  class Counter(start : Nat) {
    var n = start;
    public func next() : Nat { n += 1; n };
  };

  let c = Counter(0);
  let o = object {
    stable var x = 1;
    public func get() : Nat { x };
  };

  public func tick() : async Nat { c.next() + o.get() };
}
