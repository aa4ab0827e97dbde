//! `Canister::fingerprint`: the comparison key the fuzz harnesses use to check that a failed
//! message changed nothing.

use crate::{install, vm, Counter};

#[test]
fn fingerprint_is_unchanged_by_a_trap_and_changed_by_an_update() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let before = canister.fingerprint();
    assert!(canister.update(&vm, "bump_then_trap", b"").result.is_err());
    assert!(canister.update(&vm, "grow_then_trap", b"").result.is_err());
    assert_eq!(canister.fingerprint(), before);
    canister.update(&vm, "inc", b"");
    assert_ne!(canister.fingerprint(), before);
}

#[test]
fn fingerprint_is_unchanged_by_a_query() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let before = canister.fingerprint();
    canister.query(&vm, "bump_in_query", b"");
    assert_eq!(canister.fingerprint(), before);
}

#[test]
fn fingerprint_tells_stable_memory_apart() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let before = canister.fingerprint();
    assert!(canister.update(&vm, "big_stable", b"").result.is_ok());
    assert_ne!(canister.fingerprint(), before);
}
