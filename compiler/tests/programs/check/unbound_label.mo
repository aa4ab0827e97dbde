// `break` and `continue` must name an enclosing label or loop.
actor {
  public func f() : async Nat {
    var n = 0;
    label outer while (n < 10) {
      n += 1;
      if (n == 5) break inner;
    };
    n
  };
}
