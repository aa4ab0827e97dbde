//! Identity of mutable objects across upgrades (stable format version 2): two stable
//! variables that alias one `[var T]` still alias it after an upgrade, a cycle through a record
//! with `var` fields comes back as the same cycle, and sharing inside immutable structures is
//! kept. Every scenario runs plainly and with an upgrade to the same code between every two
//! calls (`run_both`), so each assertion holds across upgrades.

use candid::{Decode, Encode, Nat};

use super::codegen_support::*;

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

fn decode_nat(result: &StepResult) -> Nat {
    match Decode!(reply(result), Nat) {
        Ok(n) => n,
        Err(error) => panic!("the reply is not a nat: {error}"),
    }
}

fn set(n: u64) -> Step {
    Step::Update("set", nat_arg(n))
}

fn read() -> Step {
    Step::Query("read", NO_ARGS.to_vec())
}

const ALIASED_ARRAYS: &str = r#"
actor {
  stable let a : [var Nat] = [var 0, 0];
  stable let b : [var Nat] = a;
  public func set(n : Nat) : async () { a[1] := n };
  public query func read() : async Nat { b[1] };
};
"#;

#[test]
fn two_stable_variables_aliasing_one_array_still_alias_it_after_an_upgrade() {
    let wasm = compile(ALIASED_ARRAYS);
    let results = run_both(
        &wasm,
        &[set(7), read(), Step::Upgrade(wasm.clone()), set(9), read()],
    );
    assert_eq!(decode_nat(&results[1]), Nat::from(7u32));
    assert_eq!(decode_nat(&results[4]), Nat::from(9u32));
}

#[test]
fn a_cycle_through_a_mutable_record_survives_an_upgrade() {
    let wasm = compile(
        r#"
actor {
  type Node = { var value : Nat; var next : ?Node };
  stable let ring : Node = { var value = 0; var next = null };
  stable let other : Node = { var value = 100; var next = ?ring };
  public func link() : async () { ring.next := ?other };
  public func set(n : Nat) : async () { ring.value := n };
  // Walks ring -> other -> ring and reads the value there.
  public query func read() : async Nat {
    switch (ring.next) {
      case null { 0 };
      case (?n) { switch (n.next) { case null { 1 }; case (?m) { m.value + n.value } } };
    }
  };
};
"#,
    );
    let results = run_both(
        &wasm,
        &[
            Step::Update("link", NO_ARGS.to_vec()),
            set(5),
            read(),
            Step::Upgrade(wasm.clone()),
            set(6),
            read(),
        ],
    );
    assert_eq!(decode_nat(&results[2]), Nat::from(105u32));
    assert_eq!(decode_nat(&results[5]), Nat::from(106u32));
}

#[test]
fn an_array_shared_inside_an_immutable_tuple_stays_shared() {
    let wasm = compile(
        r#"
actor {
  let cell : [var Nat] = [var 0];
  stable let pair : ([var Nat], [var Nat]) = (cell, cell);
  public func set(n : Nat) : async () { pair.0[0] := n };
  public query func read() : async Nat { pair.1[0] };
};
"#,
    );
    let results = run_both(&wasm, &[set(3), Step::Upgrade(wasm.clone()), read()]);
    assert_eq!(decode_nat(&results[2]), Nat::from(3u32));
}

#[test]
fn a_failed_upgrade_leaves_aliased_arrays_usable() {
    // The writer numbers objects in their headers; a post-upgrade that traps rolls the old
    // heap back, so the old program still reads its arrays.
    let wasm = compile(ALIASED_ARRAYS);
    let incompatible = compile(
        r#"
actor {
  stable let a : Text = "";
  public query func read() : async Nat { 0 };
};
"#,
    );
    let results = run(
        &wasm,
        &[set(4), Step::Upgrade(incompatible), set(8), read()],
        false,
    );
    assert!(results[1].is_err(), "{:?}", results[1]);
    assert_eq!(decode_nat(&results[3]), Nat::from(8u32));
}

#[test]
fn an_alias_into_a_removed_variable_traps_and_keeps_the_old_module() {
    // `a` is written first and carries the array's contents; the new program does not declare
    // it, so its contents are skipped and `b`'s reference to them cannot be restored.
    let wasm = compile(ALIASED_ARRAYS);
    let without_a = compile(
        r#"
actor {
  stable let b : [var Nat] = [var];
  public query func read() : async Nat { b[1] };
};
"#,
    );
    let results = run(&wasm, &[set(2), Step::Upgrade(without_a), read()], false);
    let message = error_message(&results[1]).to_string();
    assert!(
        message.contains("no longer declares"),
        "unexpected message: {message}"
    );
    assert_eq!(decode_nat(&results[2]), Nat::from(2u32));
}
