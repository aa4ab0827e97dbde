// Iter.range/revRange edges, Nat/Int text conversion, fixed-width helpers and more Text functions.
import Debug "mo:base/Debug";
import Iter "mo:base/Iter";
import Nat "mo:base/Nat";
import Int "mo:base/Int";
import Nat8 "mo:base/Nat8";
import Int16 "mo:base/Int16";
import Nat64 "mo:base/Nat64";
import Char "mo:base/Char";
import Text "mo:base/Text";
import Bool "mo:base/Bool";

Debug.print(debug_show (Iter.toArray(Iter.range(3, 3)), Iter.toArray(Iter.revRange(2, -2)), Iter.toArray(Iter.revRange(0, 1))));
Debug.print(debug_show (Iter.toList(Iter.range(1, 3)), Iter.toArray(Iter.sort<Nat>(Iter.fromArray([3, 1, 2]), Nat.compare))));
Debug.print(Nat.toText(0) # " " # Nat.toText(1_000_000_000_000_000_000_000) # " " # Int.toText(-1_000_000_000_000_000_000_000) # " " # Int.toText(0));
Debug.print(debug_show (Nat.fromText(""), Nat.fromText("+7"), Nat.fromText("-7"), Nat.fromText("007"), Nat.fromText("123456789012345678901234567890")));
Debug.print(debug_show (Nat.bitshiftLeft(3, 4), Nat.bitshiftRight(100, 3), Int.hash(5) == Int.hash(5), Int.min(-3, 2), Int.max(-3, 2)));
Debug.print(debug_show (Nat8.toText(255), Nat8.fromNat(7), Nat8.toNat(200), Nat8.fromIntWrap(-1), Nat8.bitcountNonZero(0xF0), Nat8.bitcountLeadingZero(1), Nat8.bitcountTrailingZero(8)));
Debug.print(debug_show (Int16.toText(-300), Int16.abs(-300), Int16.fromIntWrap(65_535), Int16.maximumValue, Int16.minimumValue, Int16.bittest(-1, 15)));
Debug.print(debug_show (Nat64.addWrap(Nat64.maximumValue, 2), Nat64.bitrotLeft(1, 65), Nat64.compare(1, 2)));
Debug.print(debug_show (Char.isDigit('7'), Char.isDigit('a'), Char.isUppercase('Q'), Char.isWhitespace('\t'), Char.toText('z'), Char.fromNat32(65)));
Debug.print(debug_show (Iter.toArray(Text.tokens("  a  b c ", #char ' ')), Text.stripStart("prefix-rest", #text "prefix-"), Text.stripEnd("file.mo", #text ".txt")));
Debug.print(debug_show (Text.trimStart("xxabcxx", #char 'x'), Text.trimEnd("xxabcxx", #char 'x'), Text.trim("123abc456", #predicate(Char.isDigit))));
Debug.print(debug_show (Text.replace("a.b.c", #char '.', "::"), Text.contains("abc", #text ""), Text.endsWith("abc", #text "bc"), Text.startsWith("abc", #text "abcd")));
Debug.print(debug_show (Text.map("abc", func c = Char.fromNat32(Char.toNat32(c) + 1)), Text.translate("a-b", func c = if (c == '-') "--" else Text.fromChar(c)), Text.compareWith("ab", "abc", Char.compare)));
Debug.print(debug_show (Text.fromIter(Iter.fromArray(['h', 'i'])), Text.toArray("yo"), Text.decodeUtf8(Text.encodeUtf8("é")), Text.hash("a") == Text.hash("a")));
Debug.print(debug_show (Bool.toText(true), Bool.logxor(true, true), Bool.compare(false, true)));
"done"
