//! Update and query messages: replies, rejects, errors with the IC's codes, rollback of failed
//! messages, debug output and the System API's answers.

use minimo_runtime::principal::{self, ANONYMOUS};
use minimo_runtime::{Canister, ErrorCode, Limits, Response};

use crate::{assert_code, counters, error, install, number, vm, vm_with, Counter, ID};

#[test]
fn install_then_update_replies() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 1);
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 2);
    assert_eq!(counters(&vm, &mut canister), (2, 2, 2));
}

#[test]
fn heap_persists_between_messages() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    assert_eq!(number(&canister.query(&vm, "get_cell", b"")), 1);
    assert_eq!(number(&canister.query(&vm, "get_inited", b"")), 1);
}

#[test]
fn query_changes_to_heap_and_stable_memory_are_discarded() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    assert_eq!(number(&canister.query(&vm, "bump_in_query", b"")), 2);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
    assert_eq!(number(&canister.query(&vm, "memory_pages", b"")), 1);
    assert_eq!(number(&canister.query(&vm, "stable_pages", b"")), 1);
}

#[test]
fn update_that_traps_leaves_heap_and_stable_memory_unchanged() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.update(&vm, "bump_then_trap", b"");
    assert_code(&outcome, ErrorCode::CanisterTrapped);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn trap_after_memory_grow_rolls_back_the_memory_size() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    assert_code(
        &canister.update(&vm, "grow_then_trap", b""),
        ErrorCode::CanisterTrapped,
    );
    assert_eq!(number(&canister.query(&vm, "memory_pages", b"")), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
    // The canister keeps working after the fresh instantiation.
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 2);
}

#[test]
fn memory_grown_by_a_successful_update_is_kept() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "grow", b"")), 2);
    assert_eq!(canister.heap_size(), 2 * 65536);
}

#[test]
fn running_out_of_instructions_is_ic0522_and_rolls_back() {
    let vm = vm_with(Limits {
        update_instructions: 1_000_000,
        ..Limits::default()
    });
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.update(&vm, "spin", b"");
    assert_code(&outcome, ErrorCode::CanisterInstructionLimitExceeded);
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} exceeded the instruction limit for single message execution.")
    );
    assert!(outcome.instructions >= 1_000_000);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn explicit_trap_is_ic0503_with_its_message() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "explicit_trap", b"");
    assert_code(&outcome, ErrorCode::CanisterCalledTrap);
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped explicitly: boom")
    );
    assert_eq!(counters(&vm, &mut canister), (0, 0, -1));
}

#[test]
fn division_by_zero_is_ic0502() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "divide", b"");
    assert_code(&outcome, ErrorCode::CanisterTrapped);
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: integer division by 0")
    );
}

#[test]
fn unreachable_is_reported_as_such() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "bump_then_trap", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: unreachable")
    );
}

#[test]
fn unknown_method_is_ic0536() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "nope", b"");
    assert_code(&outcome, ErrorCode::CanisterMethodNotFound);
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} has no update method 'nope'")
    );
    // `get` is a query, so it is not an update method either.
    assert_code(
        &canister.update(&vm, "get", b""),
        ErrorCode::CanisterMethodNotFound,
    );
    let outcome = canister.query(&vm, "inc", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} has no query method 'inc'")
    );
}

#[test]
fn method_without_reply_is_ic0506_and_keeps_its_changes() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "silent", b"");
    assert_code(&outcome, ErrorCode::CanisterDidNotReply);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn reject_is_a_response_and_keeps_changes() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "refuse", b"");
    assert_eq!(outcome.result, Ok(Response::Reject("nope".to_string())));
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

#[test]
fn replying_twice_is_a_contract_violation() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "reply_twice", b"");
    assert_code(&outcome, ErrorCode::CanisterContractViolation);
    assert!(error(&outcome).message.contains("already replied"));
}

#[test]
fn debug_prints_are_collected() {
    let vm = vm();
    let (canister, prints) = Canister::install(&vm, ID, &Counter::V1.wasm(), b"");
    assert_eq!(prints, vec!["init"]);
    let mut canister = canister.expect("installed");
    assert_eq!(
        canister.update(&vm, "print", b"").debug_prints,
        vec!["hello"]
    );
}

#[test]
fn debug_prints_survive_a_trap() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "print_then_trap", b"");
    assert_eq!(outcome.debug_prints, vec!["before"]);
    assert_code(&outcome, ErrorCode::CanisterTrapped);
}

#[test]
fn heap_access_out_of_bounds_in_the_system_api_traps() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "heap_oob", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: heap out of bounds")
    );
}

#[test]
fn stable_memory_access_out_of_bounds_traps() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "stable_oob", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: stable memory out of bounds")
    );
}

#[test]
fn stable_grow_past_the_limit_returns_minus_one() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "stable_limit", b"")), -1);
}

#[test]
fn argument_bytes_are_passed_to_the_method() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "echo", b"DIDL\x00\x00");
    assert_eq!(
        outcome.result,
        Ok(Response::Reply(b"DIDL\x00\x00".to_vec()))
    );
}

#[test]
fn caller_is_anonymous_unless_given() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "caller", b"");
    assert_eq!(outcome.result, Ok(Response::Reply(ANONYMOUS.to_vec())));
    let outcome = canister.update_as(&vm, &[1, 2, 3], "caller", b"");
    assert_eq!(outcome.result, Ok(Response::Reply(vec![1, 2, 3])));
}

#[test]
fn canister_self_is_the_canister_id() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "self", b"");
    assert_eq!(
        outcome.result,
        Ok(Response::Reply(principal::canister_id_bytes(0)))
    );
}

#[test]
fn time_is_nanoseconds_and_never_decreases() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let first = number(&canister.update(&vm, "time", b""));
    let second = number(&canister.update(&vm, "time", b""));
    assert!(first > 1_600_000_000_000_000_000, "{first}");
    assert!(second >= first);
}

#[test]
fn performance_counter_counts_the_messages_instructions() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "perf", b"");
    let counted = number(&outcome) as u64;
    assert!(counted > 0);
    assert!(counted <= outcome.instructions);
}

#[test]
fn stable_memory_limit_is_configurable() {
    let vm = vm_with(Limits {
        stable_memory_bytes: 4 * 65536,
        ..Limits::default()
    });
    let mut canister = install(&vm, Counter::V1);
    // `big_stable` grows by 16384 pages, past the limit: the grow fails and the write after it
    // is out of bounds.
    let outcome = canister.update(&vm, "big_stable", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: stable memory out of bounds")
    );
}

#[test]
fn heap_limit_makes_memory_grow_fail() {
    let vm = vm_with(Limits {
        heap_bytes: 2 * 65536,
        ..Limits::default()
    });
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "grow", b"")), 2);
    assert_eq!(number(&canister.update(&vm, "grow", b"")), 2);
}

#[test]
fn stack_overflow_is_ic0502_and_rolls_back() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "recurse", b"");
    assert_eq!(
        error(&outcome).message,
        format!("Canister {ID} trapped: stack overflow")
    );
    assert_eq!(counters(&vm, &mut canister), (0, 0, -1));
}
