// A stable recursive list of (Text, Nat) entries: its serialization recurses per element.
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
