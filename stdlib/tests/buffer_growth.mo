// Buffer growth and shrinking, removal, insertion, sorting and the module functions.
import Debug "mo:base/Debug";
import Buffer "mo:base/Buffer";
import Nat "mo:base/Nat";

let b = Buffer.Buffer<Nat>(0);
var caps = "";
for (i in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].vals()) {
  b.add(i);
  caps := caps # Nat.toText(b.capacity()) # " ";
};
Debug.print(caps);
Debug.print(debug_show (b.size(), b.remove(0), b.remove(8), b.size()));
while (b.size() > 1) { ignore b.removeLast() };
Debug.print(debug_show (b.size(), b.capacity() < 10, Buffer.toArray(b)));
b.insert(0, 7);
b.insert(2, 9);
b.append(Buffer.fromArray<Nat>([3, 3, 8]));
b.sort(Nat.compare);
Debug.print(debug_show Buffer.toArray(b));
b.filterEntries(func(i, x) = x != 3);
Debug.print(Buffer.toText(b, Nat.toText));
Debug.print(debug_show (Buffer.contains<Nat>(b, 9, Nat.equal), Buffer.max<Nat>(b, Nat.compare), Buffer.binarySearch<Nat>(8, b, Nat.compare)));
let (small, big) = Buffer.partition<Nat>(b, func x = x < 8);
Debug.print(debug_show (Buffer.toArray(small), Buffer.toArray(big)));
Buffer.reverse(b);
Debug.print(debug_show (Buffer.toArray(b), b.getOpt(7), Buffer.foldLeft<Nat, Nat>(b, 0, Nat.add)));
b.clear();
(b.size(), Buffer.isEmpty(b))
