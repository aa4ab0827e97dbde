// A stable array of (Text, Nat) entries, for the cost of an upgrade per entry.
import Array "mo:base/Array";
actor {
  stable var entries : [(Text, Nat)] = [];
  public func fill(n : Nat) : async () {
    entries := Array.tabulate<(Text, Nat)>(n, func i = ("registered-name", i));
  };
}
