// Option, Result and Order helpers.
import Debug "mo:base/Debug";
import Option "mo:base/Option";
import Result "mo:base/Result";
import Order "mo:base/Order";
import Nat "mo:base/Nat";
import Text "mo:base/Text";

Debug.print(debug_show (Option.getMapped<Nat, Text>(?3, Nat.toText, "none"), Option.getMapped<Nat, Text>(null, Nat.toText, "none")));
Debug.print(debug_show (Option.apply<Nat, Nat>(?2, ?(func x = x + 1)), Option.equal<Nat>(?1, ?1, Nat.equal), Option.equal<Nat>(?1, null, Nat.equal)));
Debug.print(debug_show (Option.unwrap<Nat>(?8)));
var hits = 0;
Option.iterate<Nat>(?5, func x { hits += x });
Option.iterate<Nat>(null, func x { hits += 100 });
Debug.print(debug_show hits);

func parse(t : Text) : Result.Result<Nat, Text> {
  switch (Nat.fromText(t)) { case (?n) #ok(n); case null #err("not a number: " # t) };
};
let good = parse("12");
let bad = parse("x");
Debug.print(debug_show (good, bad, Result.isOk(good), Result.isErr(bad)));
Debug.print(debug_show (Result.mapOk<Nat, Nat, Text>(good, func n = n * 2), Result.mapErr<Nat, Text, Nat>(bad, Text.size)));
Debug.print(debug_show (Result.chain<Nat, Nat, Text>(good, func n = if (n > 10) #ok(n - 10) else #err("small")), Result.toOption(bad), Result.fromOption<Nat, Text>(null, "missing")));
Debug.print(debug_show (Result.compare<Nat, Text>(Nat.compare, Text.compare, good, bad), Result.equal<Nat, Text>(Nat.equal, Text.equal, good, #ok(12))));
Debug.print(debug_show (Result.toUpper(good), Result.fromUpper<Nat, Text>(#Err("e"))));
let o : Order.Order = Nat.compare(3, 3);
(Order.isEqual(o), Order.isLess(#less), Order.isGreater(#less), Order.equal(#greater, #greater))
