// A stable list of (Text, Nat) entries, for the cost of an upgrade per entry.
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
}
