// The arithmetic loop of the speed target: `s += i * i` over Nat.
actor {
  public func run(n : Nat) : async Nat {
    var s = 0;
    var i = 0;
    while (i < n) {
      s += i * i;
      i += 1;
    };
    s
  };
}
