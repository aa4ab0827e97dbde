// The Registry as a canister: names map to the order they were registered in. The map is an
// ordinary (flexible) field, so an upgrade discards it: after one, every lookup is `null`.
import Text "mo:base/Text";
import Map "mo:base/HashMap";

actor Registry {
  let map = Map.HashMap<Text, Nat>(10, Text.equal, Text.hash);

  public func register(name : Text) : async () {
    switch (map.get(name)) {
      case null { map.put(name, map.size()) };
      case (?id) { };
    }
  };

  public query func lookup(name : Text) : async ?Nat {
    map.get(name)
  };
};
