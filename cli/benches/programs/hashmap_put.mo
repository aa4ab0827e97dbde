// HashMap.put with Text keys: the keys are made in one call, put in another, so the figure is
// the put alone (plus a loop step).
import Map "mo:base/HashMap";
import Text "mo:base/Text";
import Nat "mo:base/Nat";
import Array "mo:base/Array";
actor {
  var keys : [Text] = [];
  let map = Map.HashMap<Text, Nat>(10, Text.equal, Text.hash);
  public func prepare(n : Nat) : async () {
    keys := Array.tabulate<Text>(n, func i = "name-" # Nat.toText(i));
  };
  public func fill() : async () {
    var i = 0;
    for (k in keys.vals()) { map.put(k, i); i += 1 };
  };
}
