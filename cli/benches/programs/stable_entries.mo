// A stable array of (Text, Nat) entries, for the cost of an upgrade per entry.
import Array "mo:base/Array";
actor {
  stable var entries : [(Text, Nat)] = [];
  public func fill(n : Nat) : async () {
    entries := Array.tabulate<(Text, Nat)>(n, func i = ("registered-name", i));
  };
  // Checked after the upgrade, so that a figure is only printed for entries that survived.
  public query func size() : async Nat { entries.size() };
}
