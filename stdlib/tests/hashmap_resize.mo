// HashMap: growth from capacity zero, removal, replace, and the module functions.
import Debug "mo:base/Debug";
import HashMap "mo:base/HashMap";
import Hash "mo:base/Hash";
import Nat "mo:base/Nat";
import Iter "mo:base/Iter";
import Array "mo:base/Array";

let m = HashMap.HashMap<Nat, Text>(0, Nat.equal, Hash.hash);
for (i in Iter.range(1, 100)) { m.put(i, Nat.toText(i)) };
Debug.print(debug_show (m.size(), m.get(1), m.get(100), m.get(101)));
for (i in Iter.range(1, 90)) { m.delete(i) };
Debug.print(debug_show (m.size(), m.get(50), m.remove(95), m.remove(95), m.size()));
Debug.print(debug_show (m.replace(91, "x"), m.replace(1, "one"), m.size()));
let keys = Array.sort<Nat>(Iter.toArray(m.keys()), Nat.compare);
Debug.print(debug_show keys);
let doubled = HashMap.map<Nat, Text, Text>(m, Nat.equal, Hash.hash, func(k, v) = v # v);
let evens = HashMap.mapFilter<Nat, Text, Nat>(m, Nat.equal, Hash.hash, func(k, _) = if (k % 2 == 0) ?k else null);
Debug.print(debug_show (doubled.get(91), evens.size(), evens.get(92)));
let rebuilt = HashMap.fromIter<Nat, Text>(m.entries(), 1, Nat.equal, Hash.hash);
var total = 0;
for (v in rebuilt.vals()) { total += v.size() };
(rebuilt.size(), total)
