//! The Registry examples of the documentation's upgrade chapter (`examples/registry/`), run
//! in the VM: StableRegistry keeps 10,000 registered names across an upgrade, the plain
//! Registry loses them, and the script form prints what moc prints.

use candid::{Decode, Encode};
use minimo_runtime::{Canister, Response, Vm};

use crate::support::{repo, Sandbox};

const STABLE: &str = "examples/registry/stable_registry.mo";
const PLAIN: &str = "examples/registry/registry_actor.mo";

fn module(path: &str) -> Vec<u8> {
    let source = std::fs::read_to_string(repo().join(path)).expect("the example exists");
    match minimo_compiler::compile(path, &source, &Default::default()) {
        Ok(compiled) => compiled.wasm,
        Err(errors) => panic!("{}", minimo_compiler::render(&errors, path, &source)),
    }
}

fn vm() -> Vm {
    Vm::new(minimo_runtime::Options::default()).expect("the VM starts")
}

fn install(vm: &Vm, wasm: &[u8]) -> Canister {
    match Canister::install(vm, "registry", wasm, b"DIDL\x00\x00") {
        (Ok(canister), _) => canister,
        (Err(error), _) => panic!("install failed: {error:?}"),
    }
}

fn reply(outcome: minimo_runtime::Outcome, what: &str) -> Vec<u8> {
    match outcome.result {
        Ok(Response::Reply(bytes)) => bytes,
        other => panic!("{what}: {other:?}"),
    }
}

fn register(vm: &Vm, canister: &mut Canister, name: &str) {
    let arg = Encode!(&name).expect("a Candid text");
    let bytes = reply(canister.update(vm, "register", &arg), name);
    Decode!(&bytes, ()).expect("register replies ()");
}

fn lookup(vm: &Vm, canister: &mut Canister, name: &str) -> Option<candid::Nat> {
    let arg = Encode!(&name).expect("a Candid text");
    let bytes = reply(canister.query(vm, "lookup", &arg), name);
    Decode!(&bytes, Option<candid::Nat>).expect("lookup replies ?nat")
}

fn upgrade(vm: &Vm, canister: &mut Canister, wasm: &[u8]) {
    if let Err(error) = canister.upgrade(vm, wasm, b"DIDL\x00\x00").result {
        panic!("upgrade failed: {error:?}");
    }
}

fn name(i: usize) -> String {
    format!("user-{i:05}")
}

#[test]
fn stable_registry_keeps_ten_thousand_names_across_an_upgrade() {
    let vm = vm();
    let wasm = module(STABLE);
    let mut canister = install(&vm, &wasm);
    let count = 10_000;
    for i in 0..count {
        register(&vm, &mut canister, &name(i));
    }
    upgrade(&vm, &mut canister, &wasm);
    for i in 0..count {
        assert_eq!(
            lookup(&vm, &mut canister, &name(i)),
            Some(candid::Nat::from(i)),
            "{} after the upgrade",
            name(i)
        );
    }
    assert_eq!(lookup(&vm, &mut canister, "nobody"), None);
    // Numbering goes on from where it was: the map came back whole.
    register(&vm, &mut canister, "newcomer");
    assert_eq!(
        lookup(&vm, &mut canister, "newcomer"),
        Some(candid::Nat::from(count))
    );
}

#[test]
fn plain_registry_forgets_its_names_on_upgrade() {
    let vm = vm();
    let wasm = module(PLAIN);
    let mut canister = install(&vm, &wasm);
    for i in 0..100 {
        register(&vm, &mut canister, &name(i));
    }
    assert_eq!(
        lookup(&vm, &mut canister, &name(42)),
        Some(candid::Nat::from(42u32))
    );
    upgrade(&vm, &mut canister, &wasm);
    for i in 0..100 {
        assert_eq!(lookup(&vm, &mut canister, &name(i)), None, "{}", name(i));
    }
}

/// Registers a few names (one repeated), then looks some up; with `self_upgrades`, the
/// canister is upgraded to the same code between every two calls.
fn stable_registry_session(self_upgrades: bool) -> Vec<Option<candid::Nat>> {
    let vm = vm();
    let wasm = module(STABLE);
    let mut canister = install(&vm, &wasm);
    let mut answers = Vec::new();
    for who in ["alice", "bob", "alice", "carol"] {
        register(&vm, &mut canister, who);
        if self_upgrades {
            upgrade(&vm, &mut canister, &wasm);
        }
    }
    for who in ["carol", "alice", "dave", "bob"] {
        answers.push(lookup(&vm, &mut canister, who));
        if self_upgrades {
            upgrade(&vm, &mut canister, &wasm);
        }
    }
    answers
}

#[test]
fn stable_registry_numbers_names_in_registration_order() {
    let n = |i: u32| Some(candid::Nat::from(i));
    assert_eq!(stable_registry_session(false), vec![n(2), n(0), None, n(1)]);
}

#[test]
fn stable_registry_answers_the_same_with_an_upgrade_between_every_two_calls() {
    assert_eq!(
        stable_registry_session(true),
        stable_registry_session(false)
    );
}

#[test]
fn registry_script_prints_what_moc_prints() {
    let sandbox = Sandbox::new();
    assert_eq!(
        sandbox.ok(&["run", "examples/registry/registry.mo"]),
        "(?0, null) : (?Nat, ?Nat)"
    );
}
