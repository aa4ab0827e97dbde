// Arrays, indexing, compound assignment on elements, while and for loops.
actor {
  stable var counts : [var Nat] = [var 0, 0, 0];
  stable let names : [Text] = ["a", "b"];

  public func bump(i : Nat) : async Nat {
    counts[i] += 1;
    var total = 0;
    for (c in counts.vals()) { total += c };
    var k = 0;
    while (k < names.size()) { k += 1 };
    for (j in counts.keys()) { counts[j] := counts[j] + 0 };
    total + k
  };

  public query func all() : async [Nat] { [counts[0], counts[1], counts[2]] };
}
