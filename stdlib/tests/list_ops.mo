// List: construction, traversal, slicing, folding, merging and conversions.
import Debug "mo:base/Debug";
import List "mo:base/List";
import Nat "mo:base/Nat";

let l = List.fromArray<Nat>([1, 2, 3, 4, 5]);
Debug.print(debug_show (List.size(l), List.get(l, 2), List.get(l, 9), List.last(l)));
Debug.print(debug_show List.toArray(List.reverse(l)));
Debug.print(debug_show List.toArray(List.map<Nat, Nat>(l, func x = x * 10)));
Debug.print(debug_show List.toArray(List.filter<Nat>(l, func x = x % 2 == 1)));
Debug.print(debug_show (List.toArray(List.take(l, 2)), List.toArray(List.drop(l, 3)), List.toArray(List.take(l, 9))));
Debug.print(debug_show (List.foldLeft<Nat, Text>(l, "", func(a, x) = a # Nat.toText(x)), List.foldRight<Nat, Text>(l, "", func(x, a) = a # Nat.toText(x))));
Debug.print(debug_show List.toArray(List.append(l, List.push(9, List.nil<Nat>()))));
Debug.print(debug_show List.toArray(List.merge<Nat>(List.fromArray([1, 4, 6]), List.fromArray([2, 3, 7]), func(a, b) = a <= b)));
Debug.print(debug_show (List.compare<Nat>(l, List.take(l, 3), Nat.compare), List.equal<Nat>(l, l, Nat.equal), List.some<Nat>(l, func x = x > 4), List.all<Nat>(l, func x = x > 4)));
Debug.print(debug_show List.toArray(List.map<List.List<Nat>, [Nat]>(List.chunks(2, l), func c = List.toArray<Nat>(c))));
Debug.print(debug_show List.toArray(List.zip<Nat, Char>(l, List.fromArray(['a', 'b']))));
let (front, back) = List.split(2, l);
var seen = "";
for (x in List.toIter(back)) { seen := seen # Nat.toText(x) };
(List.toArray(front), seen, List.isNil(List.nil<Nat>()), List.toArray(List.tabulate<Nat>(3, func i = i * i)))
