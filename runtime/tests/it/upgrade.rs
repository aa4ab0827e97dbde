//! Upgrades and reinstalls, and their atomicity.

use minimo_runtime::{Canister, ErrorCode, Response};

use crate::{assert_code, counters, install, number, vm, Counter};

fn version(vm: &minimo_runtime::Vm, canister: &mut Canister) -> i64 {
    number(&canister.query(vm, "version", b""))
}

#[test]
fn upgrade_keeps_stable_memory_discards_heap_and_runs_post_upgrade_not_init() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    canister.update(&vm, "inc", b"");
    let outcome = canister.upgrade(&vm, &Counter::V1.version(2).wasm(), b"");
    assert_eq!(outcome.result, Ok(Response::Reply(Vec::new())));
    assert_eq!(outcome.debug_prints, vec!["pre", "post"]);
    assert_eq!(version(&vm, &mut canister), 2);
    assert_eq!(counters(&vm, &mut canister), (0, 0, 2));
    assert_eq!(number(&canister.query(&vm, "get_inited", b"")), 0);
}

#[test]
fn upgrade_passes_its_argument_to_post_upgrade() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    // post_upgrade copies its argument to the heap cell, where `get_cell` reads it.
    let v2 = Counter {
        post: "(call $arg_copy (i32.const 100) (i32.const 0) (i32.const 8))",
        ..Counter::V1.version(2)
    };
    let outcome = canister.upgrade(&vm, &v2.wasm(), &42i64.to_le_bytes());
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    assert_eq!(number(&canister.query(&vm, "get_cell", b"")), 42);
}

#[test]
fn upgrade_whose_post_upgrade_traps_leaves_the_canister_as_before() {
    let vm = vm();
    // The old pre_upgrade changes heap and stable memory, which must be undone too.
    let v1 = Counter {
        pre: "(call $bump)",
        ..Counter::V1
    };
    let mut canister = install(&vm, v1);
    canister.update(&vm, "inc", b"");
    let v2 = Counter {
        post: "(unreachable)",
        ..Counter::V1.version(2)
    };
    let outcome = canister.upgrade(&vm, &v2.wasm(), b"");
    assert_code(&outcome, ErrorCode::CanisterTrapped);
    assert_eq!(outcome.debug_prints, vec!["pre", "post"]);
    assert_eq!(version(&vm, &mut canister), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 2);
}

#[test]
fn upgrade_whose_pre_upgrade_traps_leaves_the_canister_as_before() {
    let vm = vm();
    let v1 = Counter {
        pre: "(call $bump) (drop (memory.grow (i32.const 2))) (unreachable)",
        ..Counter::V1
    };
    let mut canister = install(&vm, v1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.upgrade(&vm, &Counter::V1.version(2).wasm(), b"");
    assert_code(&outcome, ErrorCode::CanisterTrapped);
    assert_eq!(version(&vm, &mut canister), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
    assert_eq!(number(&canister.query(&vm, "memory_pages", b"")), 1);
}

#[test]
fn upgrade_whose_new_module_fails_to_instantiate_leaves_the_canister_as_before() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let v2 = Counter {
        start: "(start $fail) (func $fail unreachable)",
        ..Counter::V1.version(2)
    };
    let outcome = canister.upgrade(&vm, &v2.wasm(), b"");
    assert_code(&outcome, ErrorCode::CanisterTrapped);
    assert_eq!(version(&vm, &mut canister), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn upgrade_to_an_invalid_module_changes_nothing() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.upgrade(&vm, b"\0asm garbage", b"");
    assert_code(&outcome, ErrorCode::CanisterInvalidWasm);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn upgrade_out_of_instructions_is_ic0522_and_changes_nothing() {
    let vm = crate::vm_with(minimo_runtime::Limits {
        upgrade_instructions: 1_000_000,
        ..minimo_runtime::Limits::default()
    });
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let v2 = Counter {
        post: "(call $bump) (loop $forever (br $forever))",
        ..Counter::V1.version(2)
    };
    let outcome = canister.upgrade(&vm, &v2.wasm(), b"");
    assert_code(&outcome, ErrorCode::CanisterInstructionLimitExceeded);
    assert_eq!(version(&vm, &mut canister), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn reinstall_clears_heap_and_stable_memory_and_runs_init() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.reinstall(&vm, &Counter::V1.version(3).wasm(), b"");
    assert_eq!(outcome.debug_prints, vec!["init"]);
    assert!(outcome.result.is_ok());
    assert_eq!(version(&vm, &mut canister), 3);
    assert_eq!(counters(&vm, &mut canister), (0, 0, -1));
    assert_eq!(canister.stable_memory_size(), 0);
}

#[test]
fn reinstall_whose_init_traps_changes_nothing() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let v3 = Counter {
        init: "(unreachable)",
        ..Counter::V1.version(3)
    };
    assert_code(
        &canister.reinstall(&vm, &v3.wasm(), b""),
        ErrorCode::CanisterTrapped,
    );
    assert_eq!(version(&vm, &mut canister), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn upgrade_keeps_the_canister_status() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.stop();
    let outcome = canister.upgrade(&vm, &Counter::V1.version(2).wasm(), b"");
    assert!(outcome.result.is_ok());
    assert_eq!(canister.status(), minimo_runtime::Status::Stopped);
}
