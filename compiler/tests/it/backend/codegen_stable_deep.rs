//! Values of recursive types far deeper than the Wasm stack, through upgrades and Candid
//! messages: a stable list of 100,000 elements is written, read back, converted (`Nat` to
//! `Int`) and skipped, a 100,000-deep tree likewise, and a long list crosses a method's
//! argument and reply. The programs walk their values with loops, since recursion in user
//! code is the user's business; what is tested is the generated serialization.

use candid::{Decode, Encode, Int, Nat};

use super::codegen_support::*;

const N: u64 = 100_000;

fn compile(source: &str) -> Vec<u8> {
    match minimo_compiler::compile(
        "test.mo",
        source,
        &minimo_compiler::codegen::Options::default(),
    ) {
        Ok(compiled) => compiled.wasm,
        Err(diagnostics) => panic!(
            "the program does not compile:\n{}",
            minimo_compiler::render(&diagnostics, "test.mo", source)
        ),
    }
}

fn nat_arg(n: u64) -> Vec<u8> {
    match Encode!(&Nat::from(n)) {
        Ok(bytes) => bytes,
        Err(error) => panic!("a nat encodes: {error}"),
    }
}

fn decode_nat_pair(result: &StepResult) -> (Nat, Nat) {
    match Decode!(reply(result), Nat, Nat) {
        Ok(pair) => pair,
        Err(error) => panic!("the reply is not (nat, nat): {error}"),
    }
}

/// A stable list of `Elem`, filled with 0..n (the last pushed first), and a query returning
/// its length and sum; `extra` declares more stable variables.
fn list_actor(elem: &str, extra: &str) -> String {
    format!(
        r#"
actor {{
  type List = ?({elem}, List);
  stable var list : List = null;
  {extra}
  public func fill(n : Nat) : async () {{
    var i = 0;
    while (i < n) {{ list := ?(i, list); i += 1 }};
  }};
  public query func stats() : async (Nat, {elem}) {{
    var count = 0;
    var sum : {elem} = 0;
    var rest = list;
    var going = true;
    while going {{
      switch rest {{
        case null {{ going := false }};
        case (?(x, tail)) {{ count += 1; sum += x; rest := tail }};
      }};
    }};
    (count, sum)
  }};
}}
"#
    )
}

fn expected_sum() -> Nat {
    Nat::from(N * (N - 1) / 2)
}

#[test]
fn stable_list_of_100000_elements_survives_an_upgrade() {
    let wasm = compile(&list_actor("Nat", ""));
    let results = run(
        &wasm,
        &[
            Step::Update("fill", nat_arg(N)),
            Step::Upgrade(wasm.clone()),
            Step::Query("stats", NO_ARGS.to_vec()),
        ],
        false,
    );
    if let Err(error) = &results[1] {
        panic!("the upgrade failed: {error:?}");
    }
    assert_eq!(decode_nat_pair(&results[2]), (Nat::from(N), expected_sum()));
}

#[test]
fn stable_list_of_100000_nats_is_read_as_a_list_of_ints() {
    let old = compile(&list_actor("Nat", ""));
    let new = compile(&list_actor("Int", ""));
    let results = run(
        &old,
        &[
            Step::Update("fill", nat_arg(N)),
            Step::Upgrade(new),
            Step::Query("stats", NO_ARGS.to_vec()),
        ],
        false,
    );
    if let Err(error) = &results[1] {
        panic!("the upgrade failed: {error:?}");
    }
    match Decode!(reply(&results[2]), Nat, Int) {
        Ok((count, sum)) => {
            assert_eq!(count, Nat::from(N));
            assert_eq!(sum, Int::from(N * (N - 1) / 2));
        }
        Err(error) => panic!("the reply is not (nat, int): {error}"),
    }
}

#[test]
fn removed_stable_list_of_100000_elements_is_skipped() {
    let keep = "stable var kept : Text = \"fresh\"; public func set() : async () { kept := \"kept\" }; public query func get() : async Text { kept };";
    let old = compile(&list_actor("Nat", keep));
    let new = compile(&format!(
        "actor {{ {} }}",
        keep.replace("\"fresh\"", "\"new\"")
    ));
    let results = run(
        &old,
        &[
            Step::Update("fill", nat_arg(N)),
            Step::Update("set", NO_ARGS.to_vec()),
            Step::Upgrade(new),
            Step::Query("get", NO_ARGS.to_vec()),
        ],
        false,
    );
    if let Err(error) = &results[2] {
        panic!("the upgrade failed: {error:?}");
    }
    assert_eq!(candid_text(reply(&results[3])), "(\"kept\")");
}

/// A record whose first field (by hash) is a long list and whose later fields must be
/// written and read after it; the new program drops field `z`, which is skipped after the
/// list.
#[test]
fn record_fields_after_a_long_list_keep_their_order() {
    let source = |fields: &str, init: &str, read: &str| {
        format!(
            r#"
actor {{
  type List = ?(Nat, List);
  stable var r : {{ a : List; b : Text; {fields} }} = {{ a = null; b = "empty"; {init} }};
  public func fill(n : Nat) : async () {{
    var list : List = null;
    var i = 0;
    while (i < n) {{ list := ?(i, list); i += 1 }};
    r := {{ a = list; b = "after"; {init} }};
  }};
  public query func get() : async (Nat, Text{read_ty}) {{
    let head = switch (r.a) {{ case null 0; case (?(x, _)) x }};
    (head, r.b{read})
  }};
}}
"#,
            read_ty = if read.is_empty() { "" } else { ", Text" }
        )
    };
    let old = compile(&source("z : Text", "z = \"zed\"", ", r.z"));
    let new = compile(&source("", "", ""));
    let results = run(
        &old,
        &[
            Step::Update("fill", nat_arg(N)),
            Step::Query("get", NO_ARGS.to_vec()),
            Step::Upgrade(new),
            Step::Query("get", NO_ARGS.to_vec()),
        ],
        false,
    );
    assert_eq!(
        candid_text(reply(&results[1])),
        "(99_999 : nat, \"after\", \"zed\")"
    );
    if let Err(error) = &results[2] {
        panic!("the upgrade failed: {error:?}");
    }
    assert_eq!(candid_text(reply(&results[3])), "(99_999 : nat, \"after\")");
}

const TREE: &str = r#"
actor {
  type Tree = { #leaf; #node : (Tree, Nat, Tree) };
  stable var tree : Tree = #leaf;
  // A path of n nodes that turns left and right in turn, each with a leaf on the other side.
  public func grow(n : Nat) : async () {
    var i = 0;
    while (i < n) {
      tree := if (i % 2 == 0) { #node(tree, i, #leaf) } else { #node(#leaf, i, tree) };
      i += 1;
    };
  };
  public query func depth_and_sum() : async (Nat, Nat) {
    var depth = 0;
    var sum = 0;
    var at = tree;
    var going = true;
    while going {
      switch at {
        case (#leaf) { going := false };
        case (#node(left, x, right)) {
          depth += 1;
          sum += x;
          at := switch left { case (#leaf) right; case _ left };
        };
      };
    };
    (depth, sum)
  };
}
"#;

#[test]
fn stable_tree_100000_deep_survives_an_upgrade() {
    let wasm = compile(TREE);
    let results = run(
        &wasm,
        &[
            Step::Update("grow", nat_arg(N)),
            Step::Upgrade(wasm.clone()),
            Step::Query("depth_and_sum", NO_ARGS.to_vec()),
        ],
        false,
    );
    if let Err(error) = &results[1] {
        panic!("the upgrade failed: {error:?}");
    }
    assert_eq!(decode_nat_pair(&results[2]), (Nat::from(N), expected_sum()));
}

/// A list of 100,000 elements as a method's reply and as another method's argument.
#[test]
fn long_list_crosses_a_reply_and_an_argument() {
    let wasm = compile(
        r#"
actor {
  type List = ?(Nat, List);
  public query func make(n : Nat) : async List {
    var list : List = null;
    var i = 0;
    while (i < n) { list := ?(i, list); i += 1 };
    list
  };
  public query func count(list : List) : async Nat {
    var count = 0;
    var rest = list;
    var going = true;
    while going {
      switch rest { case null { going := false }; case (?(_, tail)) { count += 1; rest := tail } };
    };
    count
  };
}
"#,
    );
    let made = run(&wasm, &[Step::Query("make", nat_arg(N))], false);
    let list = reply(&made[0]).to_vec();
    // The reply is a message whose value is the list; it is passed on unchanged.
    let counted = run(&wasm, &[Step::Query("count", list)], false);
    assert_eq!(decode_nat(&counted[0]), Nat::from(N));
}

/// Two types that refer to each other: a list alternating `Nat` and `Text` elements.
#[test]
fn mutually_recursive_stable_types_survive_an_upgrade() {
    let wasm = compile(
        r#"
actor {
  type Odd = ?(Nat, Even);
  type Even = ?(Text, Odd);
  stable var list : Even = null;
  public func fill(n : Nat) : async () {
    var i = 0;
    while (i < n) { list := ?("e", ?(i, list)); i += 1 };
  };
  public query func stats() : async (Nat, Nat) {
    var count = 0;
    var sum = 0;
    var rest = list;
    var going = true;
    while going {
      switch rest {
        case null { going := false };
        case (?(_, null)) { going := false };
        case (?(_, ?(x, tail))) { count += 1; sum += x; rest := tail };
      };
    };
    (count, sum)
  };
}
"#,
    );
    let results = run(
        &wasm,
        &[
            Step::Update("fill", nat_arg(N)),
            Step::Upgrade(wasm.clone()),
            Step::Query("stats", NO_ARGS.to_vec()),
        ],
        false,
    );
    if let Err(error) = &results[1] {
        panic!("the upgrade failed: {error:?}");
    }
    assert_eq!(decode_nat_pair(&results[2]), (Nat::from(N), expected_sum()));
}

/// The reply's type table describes the recursive type with an entry that refers to itself,
/// which another Candid implementation reads.
#[test]
fn recursive_list_reply_is_valid_candid() {
    let wasm = compile(
        r#"
actor {
  type List = ?(Nat, List);
  public query func three() : async List { ?(1, ?(2, ?(3, null))) };
}
"#,
    );
    let results = run(&wasm, &[Step::Query("three", NO_ARGS.to_vec())], false);
    assert_eq!(
        candid_text(reply(&results[0])),
        "(opt record { 1 : nat; opt record { 2 : nat; opt record { 3 : nat; null } } })"
    );
}
