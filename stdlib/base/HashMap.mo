//! `HashMap<K, V>`: a mutable hash table with separate chaining, keyed by a
//! caller-supplied equality and 32-bit hash. The table doubles its number of
//! buckets when it holds as many entries as buckets, so lookups stay O(1)
//! on average. Iteration order follows the buckets and is unspecified; it is
//! not a persistent structure (store `Iter.toArray(map.entries())` in a
//! stable variable and rebuild with `fromIter`).
import Prim "mo:⛔";
import Hash "Hash";
import Iter "Iter";

module {
  /// One bucket: a singly linked chain of entries.
  type Chain<K, V> = ?((K, V), Chain<K, V>);

  public class HashMap<K, V>(
    initCapacity : Nat,
    keyEq : (K, K) -> Bool,
    keyHash : K -> Hash.Hash,
  ) {
    var table : [var Chain<K, V>] = Prim.Array_init<Chain<K, V>>(initCapacity, null);
    var _count = 0;

    func bucketOf(k : K, buckets : Nat) : Nat {
      Prim.nat32ToNat(keyHash(k)) % buckets;
    };

    /// The chain without the entry for `k`, and that entry's value if present.
    func without(chain : Chain<K, V>, k : K) : (Chain<K, V>, ?V) {
      switch chain {
        case null (null, null);
        case (?((k1, v1), rest)) {
          if (keyEq(k1, k)) (rest, ?v1) else {
            let (rest2, found) = without(rest, k);
            (?((k1, v1), rest2), found);
          };
        };
      };
    };

    func grow() {
      let size = if (table.size() == 0) 1 else table.size() * 2;
      let fresh = Prim.Array_init<Chain<K, V>>(size, null);
      for (chain in table.vals()) {
        var c = chain;
        label walk loop {
          switch c {
            case null break walk;
            case (?((k, v), rest)) {
              let b = bucketOf(k, size);
              fresh[b] := ?((k, v), fresh[b]);
              c := rest;
            };
          };
        };
      };
      table := fresh;
    };

    public func size() : Nat = _count;

    public func get(key : K) : ?V {
      if (table.size() == 0) return null;
      var c = table[bucketOf(key, table.size())];
      loop {
        switch c {
          case null return null;
          case (?((k, v), rest)) {
            if (keyEq(k, key)) return ?v;
            c := rest;
          };
        };
      };
    };

    public func put(key : K, value : V) = ignore replace(key, value);

    /// Sets `key` to `value` and returns the previous value, if any.
    public func replace(key : K, value : V) : ?V {
      if (_count >= table.size()) grow();
      let b = bucketOf(key, table.size());
      let (rest, old) = without(table[b], key);
      table[b] := ?((key, value), rest);
      switch old { case null _count += 1; case (?_) {} };
      old;
    };

    public func delete(key : K) = ignore remove(key);

    /// Removes `key` and returns its value, if it was present.
    public func remove(key : K) : ?V {
      if (table.size() == 0) return null;
      let b = bucketOf(key, table.size());
      let (rest, old) = without(table[b], key);
      switch old {
        case null {};
        case (?_) { table[b] := rest; _count -= 1 };
      };
      old;
    };

    public func keys() : Iter.Iter<K> = Iter.map<(K, V), K>(entries(), func(k, _) = k);

    public func vals() : Iter.Iter<V> = Iter.map<(K, V), V>(entries(), func(_, v) = v);

    public func entries() : Iter.Iter<(K, V)> {
      var bucket = 0;
      var chain : Chain<K, V> = null;
      let snapshot = table;
      object {
        public func next() : ?(K, V) {
          loop {
            switch chain {
              case (?(entry, rest)) { chain := rest; return ?entry };
              case null {
                if (bucket >= snapshot.size()) return null;
                chain := snapshot[bucket];
                bucket += 1;
              };
            };
          };
        };
      };
    };
  };

  public func clone<K, V>(
    map : HashMap<K, V>,
    keyEq : (K, K) -> Bool,
    keyHash : K -> Hash.Hash,
  ) : HashMap<K, V> {
    let out = HashMap<K, V>(map.size(), keyEq, keyHash);
    for ((k, v) in map.entries()) out.put(k, v);
    out;
  };

  public func fromIter<K, V>(
    iter : Iter.Iter<(K, V)>,
    initCapacity : Nat,
    keyEq : (K, K) -> Bool,
    keyHash : K -> Hash.Hash,
  ) : HashMap<K, V> {
    let out = HashMap<K, V>(initCapacity, keyEq, keyHash);
    for ((k, v) in iter) out.put(k, v);
    out;
  };

  public func map<K, V1, V2>(
    hashMap : HashMap<K, V1>,
    keyEq : (K, K) -> Bool,
    keyHash : K -> Hash.Hash,
    f : (K, V1) -> V2,
  ) : HashMap<K, V2> {
    let out = HashMap<K, V2>(hashMap.size(), keyEq, keyHash);
    for ((k, v) in hashMap.entries()) out.put(k, f(k, v));
    out;
  };

  public func mapFilter<K, V1, V2>(
    hashMap : HashMap<K, V1>,
    keyEq : (K, K) -> Bool,
    keyHash : K -> Hash.Hash,
    f : (K, V1) -> ?V2,
  ) : HashMap<K, V2> {
    let out = HashMap<K, V2>(hashMap.size(), keyEq, keyHash);
    for ((k, v) in hashMap.entries()) {
      switch (f(k, v)) { case (?v2) out.put(k, v2); case null {} };
    };
    out;
  };
};
