// The StableRegistry: the same map, saved in a stable array of entries just before an upgrade
// and rebuilt from it when the new code starts, so registered names survive upgrades.
import Text "mo:base/Text";
import Map "mo:base/HashMap";
import Iter "mo:base/Iter";

actor StableRegistry {
  stable var entries : [(Text, Nat)] = [];

  let map = Map.fromIter<Text, Nat>(entries.vals(), 10, Text.equal, Text.hash);

  public func register(name : Text) : async () {
    switch (map.get(name)) {
      case null { map.put(name, map.size()) };
      case (?id) { };
    }
  };

  public query func lookup(name : Text) : async ?Nat {
    map.get(name)
  };

  public query func size() : async Nat {
    map.size()
  };

  system func preupgrade() {
    entries := Iter.toArray(map.entries());
  };

  system func postupgrade() {
    entries := [];
  };
};
