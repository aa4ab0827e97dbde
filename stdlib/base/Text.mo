//! Functions on `Text` (UTF-8 strings). Searching, splitting and replacing
//! work on the text's characters through one pattern matcher (`#char`,
//! `#text` or `#predicate`), written in Motoko over arrays of characters.
//! Case mapping uses the per-character primitives; UTF-8 encoding and
//! decoding are primitives. Texts are built by concatenation, so nothing
//! here assumes a particular string representation.
import Prim "mo:⛔";
import Hash "Hash";
import Iter "Iter";
import Order "Order";

module {
  public type Text = Prim.Types.Text;

  /// What `split`, `contains`, `replace` and friends look for.
  public type Pattern = { #char : Char; #text : Text; #predicate : (Char -> Bool) };

  public let fromChar : (c : Char) -> Text = Prim.charToText;

  public func fromArray(a : [Char]) : Text = fromIter(a.vals());

  public func fromVarArray(a : [var Char]) : Text = fromIter(a.vals());

  public func toIter(t : Text) : Iter.Iter<Char> = t.chars();

  public func toArray(t : Text) : [Char] = Iter.toArray<Char>(t.chars());

  public func toVarArray(t : Text) : [var Char] = Iter.toArrayMut<Char>(t.chars());

  public func fromIter(cs : Iter.Iter<Char>) : Text {
    var r = "";
    for (c in cs) { r #= Prim.charToText(c) };
    r;
  };

  /// The same shape as `List.List`, written out to keep this module
  /// independent of `List`.
  type List<T> = ?(T, List<T>);

  public func fromList(cs : List<Char>) : Text = fromIter(Iter.fromList<Char>(cs));

  public func toList(t : Text) : List<Char> = Iter.toList<Char>(t.chars());

  public func size(t : Text) : Nat = t.size();

  /// A 32-bit hash of the characters (multiply by 33, add the code point,
  /// wrapping): fast, not cryptographic.
  public func hash(t : Text) : Hash.Hash {
    var x : Nat32 = 5381;
    for (c in t.chars()) {
      x := (x << 5) +% x +% Prim.charToNat32(c);
    };
    x;
  };

  public func concat(t1 : Text, t2 : Text) : Text = t1 # t2;

  public func equal(t1 : Text, t2 : Text) : Bool { t1 == t2 };

  public func notEqual(t1 : Text, t2 : Text) : Bool { t1 != t2 };

  public func less(t1 : Text, t2 : Text) : Bool { t1 < t2 };

  public func lessOrEqual(t1 : Text, t2 : Text) : Bool { t1 <= t2 };

  public func greater(t1 : Text, t2 : Text) : Bool { t1 > t2 };

  public func greaterOrEqual(t1 : Text, t2 : Text) : Bool { t1 >= t2 };

  /// Lexicographic order of the characters' code points.
  public func compare(t1 : Text, t2 : Text) : Order.Order {
    if (t1 < t2) #less else if (t1 == t2) #equal else #greater;
  };

  public func join(sep : Text, ts : Iter.Iter<Text>) : Text {
    var r = "";
    var first = true;
    for (t in ts) {
      if (first) first := false else r #= sep;
      r #= t;
    };
    r;
  };

  public func map(t : Text, f : Char -> Char) : Text {
    var r = "";
    for (c in t.chars()) { r #= Prim.charToText(f(c)) };
    r;
  };

  public func translate(t : Text, f : Char -> Text) : Text {
    var r = "";
    for (c in t.chars()) { r #= f(c) };
    r;
  };

  // ------------------------------------------------------------ matching

  func chars(t : Text) : [Char] = Iter.toArray<Char>(t.chars());

  func slice(cs : [Char], from : Nat, to : Nat) : Text {
    var r = "";
    var i = from;
    while (i < to) { r #= Prim.charToText(cs[i]); i += 1 };
    r;
  };

  /// A pattern with its text form already split into characters.
  type Compiled = { #char : Char; #chars : [Char]; #predicate : (Char -> Bool) };

  func compile(p : Pattern) : Compiled {
    switch p {
      case (#char(c)) #char(c);
      case (#text(t)) #chars(chars(t));
      case (#predicate(f)) #predicate(f);
    };
  };

  /// The number of characters `p` matches at position `i` of `cs`, if any.
  func matchAt(cs : [Char], i : Nat, p : Compiled) : ?Nat {
    switch p {
      case (#char(c)) { if (i < cs.size() and cs[i] == c) ?1 else null };
      case (#predicate(f)) { if (i < cs.size() and f(cs[i])) ?1 else null };
      case (#chars(pcs)) {
        if (i + pcs.size() > cs.size()) return null;
        var k = 0;
        while (k < pcs.size()) {
          if (cs[i + k] != pcs[k]) return null;
          k += 1;
        };
        ?pcs.size();
      };
    };
  };

  /// The fields of `t` between the matches of `p`, in order. An empty match
  /// is not a separator, so an empty text pattern never splits.
  public func split(t : Text, p : Pattern) : Iter.Iter<Text> {
    let cs = chars(t);
    let cp = compile(p);
    var start = 0;
    var i = 0;
    var done = false;
    object {
      public func next() : ?Text {
        if (done) return null;
        while (i < cs.size()) {
          switch (matchAt(cs, i, cp)) {
            case (?n) {
              if (n > 0) {
                let field = slice(cs, start, i);
                i += n;
                start := i;
                return ?field;
              };
              i += 1;
            };
            case null { i += 1 };
          };
        };
        done := true;
        ?slice(cs, start, cs.size());
      };
    };
  };

  /// Like `split`, without the empty fields.
  public func tokens(t : Text, p : Pattern) : Iter.Iter<Text> {
    let fields = split(t, p);
    object {
      public func next() : ?Text {
        loop {
          switch (fields.next()) {
            case null return null;
            case (?f) { if (f != "") return ?f };
          };
        };
      };
    };
  };

  public func contains(t : Text, p : Pattern) : Bool {
    let cs = chars(t);
    let cp = compile(p);
    var i = 0;
    while (i <= cs.size()) {
      switch (matchAt(cs, i, cp)) { case (?_) return true; case null {} };
      i += 1;
    };
    false;
  };

  public func startsWith(t : Text, p : Pattern) : Bool {
    switch (matchAt(chars(t), 0, compile(p))) { case (?_) true; case null false };
  };

  public func endsWith(t : Text, p : Pattern) : Bool {
    let cs = chars(t);
    switch (compile(p)) {
      case (#chars(pcs)) {
        if (pcs.size() > cs.size()) false
        else matchAt(cs, cs.size() - pcs.size(), #chars(pcs)) != null;
      };
      case (cp) {
        if (cs.size() == 0) false else matchAt(cs, cs.size() - 1, cp) != null;
      };
    };
  };

  /// Replaces every non-overlapping match of `p`, scanning from the left.
  public func replace(t : Text, p : Pattern, r : Text) : Text {
    let cs = chars(t);
    let cp = compile(p);
    var out = "";
    var i = 0;
    while (i < cs.size()) {
      switch (matchAt(cs, i, cp)) {
        case (?n) {
          if (n > 0) { out #= r; i += n } else {
            out #= Prim.charToText(cs[i]);
            i += 1;
          };
        };
        case null { out #= Prim.charToText(cs[i]); i += 1 };
      };
    };
    out;
  };

  /// The rest of `t` after one match of `p` at its start, or `null`.
  public func stripStart(t : Text, p : Pattern) : ?Text {
    let cs = chars(t);
    switch (matchAt(cs, 0, compile(p))) {
      case (?n) ?slice(cs, n, cs.size());
      case null null;
    };
  };

  /// `t` without one match of `p` at its end, or `null`.
  public func stripEnd(t : Text, p : Pattern) : ?Text {
    let cs = chars(t);
    switch (suffixMatch(cs, cs.size(), compile(p))) {
      case (?n) ?slice(cs, 0, cs.size() - n);
      case null null;
    };
  };

  /// The length of a match of `p` ending exactly at `end`, if any.
  func suffixMatch(cs : [Char], end : Nat, cp : Compiled) : ?Nat {
    switch cp {
      case (#chars(pcs)) {
        if (pcs.size() > end) null else matchAt(cs, end - pcs.size(), cp);
      };
      case _ { if (end == 0) null else matchAt(cs, end - 1, cp) };
    };
  };

  /// `t` without any number of matches of `p` at its start.
  public func trimStart(t : Text, p : Pattern) : Text {
    let cs = chars(t);
    slice(cs, trimmedStart(cs, compile(p)), cs.size());
  };

  public func trimEnd(t : Text, p : Pattern) : Text {
    let cs = chars(t);
    slice(cs, 0, trimmedEnd(cs, 0, compile(p)));
  };

  public func trim(t : Text, p : Pattern) : Text {
    let cs = chars(t);
    let cp = compile(p);
    let from = trimmedStart(cs, cp);
    slice(cs, from, trimmedEnd(cs, from, cp));
  };

  func trimmedStart(cs : [Char], cp : Compiled) : Nat {
    var i = 0;
    label scan loop {
      switch (matchAt(cs, i, cp)) {
        case (?n) { if (n == 0) break scan; i += n };
        case null break scan;
      };
    };
    i;
  };

  func trimmedEnd(cs : [Char], floor : Nat, cp : Compiled) : Nat {
    var end = cs.size();
    label scan loop {
      switch (suffixMatch(cs, end, cp)) {
        case (?n) { if (n == 0 or end < floor + n) break scan; end -= n };
        case null break scan;
      };
    };
    end;
  };

  /// Lexicographic comparison with a caller-supplied character order.
  public func compareWith(t1 : Text, t2 : Text, cmp : (Char, Char) -> Order.Order) : Order.Order {
    let cs1 = t1.chars();
    let cs2 = t2.chars();
    loop {
      switch (cs1.next(), cs2.next()) {
        case (null, null) return #equal;
        case (null, ?_) return #less;
        case (?_, null) return #greater;
        case (?c1, ?c2) {
          switch (cmp(c1, c2)) { case (#equal) {}; case other return other };
        };
      };
    };
  };

  public let encodeUtf8 : Text -> Blob = Prim.encodeUtf8;

  /// `null` when the bytes are not valid UTF-8.
  public let decodeUtf8 : Blob -> ?Text = Prim.decodeUtf8;

  public func toLowercase(t : Text) : Text = map(t, Prim.charToLower);

  public func toUppercase(t : Text) : Text = map(t, Prim.charToUpper);
};
