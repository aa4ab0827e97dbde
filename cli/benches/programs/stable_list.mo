// A stable recursive list of (Text, Nat) entries: each element is one level deeper, so its
// serialization must not recurse per element on the Wasm stack.
actor {
  type Entries = ?((Text, Nat), Entries);
  stable var entries : Entries = null;
  public func fill(n : Nat) : async () {
    var i = 0;
    while (i < n) {
      entries := ?(("registered-name", i), entries);
      i += 1;
    };
  };
  // Checked after the upgrade, so that a figure is only printed for entries that survived.
  public query func size() : async Nat {
    var count = 0;
    var rest = entries;
    var going = true;
    while going {
      switch rest {
        case null { going := false };
        case (?(_, tail)) { count += 1; rest := tail };
      };
    };
    count
  };
}
