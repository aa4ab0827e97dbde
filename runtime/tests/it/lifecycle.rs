//! Installing, stopping and starting canisters; module checks; the System API table; the
//! compiler choice and the module cache.

use minimo_runtime::{Canister, Compiler, ErrorCode, Options, Status, Vm};
use minimo_sysapi::{ValType, SYSTEM_API};

use crate::{assert_code, install, number, vm, Counter, ID};

#[test]
fn stopped_canister_rejects_calls_with_ic0508_until_started() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.stop();
    assert_eq!(canister.status(), Status::Stopped);
    let outcome = canister.update(&vm, "inc", b"");
    assert_code(&outcome, ErrorCode::CanisterStopped);
    assert_eq!(
        outcome.result.expect_err("stopped").message,
        format!("Canister {ID} is stopped")
    );
    assert_code(&canister.query(&vm, "get", b""), ErrorCode::CanisterStopped);
    canister.start();
    assert_eq!(canister.status(), Status::Running);
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 1);
}

#[test]
fn canister_without_module_is_ic0537() {
    let vm = vm();
    let mut canister = Canister::empty(ID);
    assert_code(
        &canister.update(&vm, "inc", b""),
        ErrorCode::CanisterWasmModuleNotFound,
    );
    assert_code(
        &canister.upgrade(&vm, &Counter::V1.wasm(), b""),
        ErrorCode::CanisterWasmModuleNotFound,
    );
    assert!(canister.module().is_none());
}

#[test]
fn invalid_wasm_is_ic0505_not_a_panic() {
    let vm = vm();
    let (canister, _) = Canister::install(&vm, ID, b"not wasm at all", b"");
    let error = canister.err().expect("rejected");
    assert_eq!(error.code, ErrorCode::CanisterInvalidWasm);
    assert!(error.message.contains("not valid"), "{}", error.message);
}

#[test]
fn import_outside_the_system_api_is_rejected() {
    let vm = vm();
    let wasm = wat::parse_str(r#"(module (import "ic0" "call_new" (func)))"#).expect("wat");
    let error = Canister::install(&vm, ID, &wasm, b"")
        .0
        .err()
        .expect("rejected");
    assert_eq!(error.code, ErrorCode::CanisterInvalidWasm);
    assert!(error.message.contains("ic0.call_new"), "{}", error.message);
}

#[test]
fn import_with_a_wrong_signature_is_rejected() {
    let vm = vm();
    let wasm =
        wat::parse_str(r#"(module (import "ic0" "msg_reply" (func (param i32))))"#).expect("wat");
    let error = Canister::install(&vm, ID, &wasm, b"")
        .0
        .err()
        .expect("rejected");
    assert_eq!(error.code, ErrorCode::CanisterInvalidWasm);
}

#[test]
fn unexported_mutable_global_is_rejected() {
    let vm = vm();
    let wasm = wat::parse_str("(module (global (mut i32) (i32.const 0)))").expect("wat");
    let error = Canister::install(&vm, ID, &wasm, b"")
        .0
        .err()
        .expect("rejected");
    assert!(
        error.message.contains("mutable global 0"),
        "{}",
        error.message
    );
}

#[test]
fn unexported_memory_is_rejected() {
    let vm = vm();
    let wasm = wat::parse_str("(module (memory 1))").expect("wat");
    let error = Canister::install(&vm, ID, &wasm, b"")
        .0
        .err()
        .expect("rejected");
    assert!(error.message.contains("`memory`"), "{}", error.message);
}

#[test]
fn every_system_api_function_links_with_the_tables_signature() {
    let imports: String = SYSTEM_API
        .iter()
        .map(|f| {
            let types = |list: &[ValType]| {
                list.iter()
                    .map(|t| match t {
                        ValType::I32 => " i32",
                        ValType::I64 => " i64",
                    })
                    .collect::<String>()
            };
            format!(
                "(import \"ic0\" \"{}\" (func (param{}) (result{})))\n",
                f.name,
                types(f.params),
                types(f.results)
            )
        })
        .collect();
    let wasm = wat::parse_str(format!("(module {imports})")).expect("wat");
    let vm = vm();
    let (canister, _) = Canister::install(&vm, ID, &wasm, b"");
    canister.expect("every ic0 function of the table is provided with its signature");
}

#[test]
fn reply_in_init_is_a_contract_violation() {
    let vm = vm();
    let counter = Counter {
        init: "(call $reply)",
        ..Counter::V1
    };
    let error = Canister::install(&vm, ID, &counter.wasm(), b"")
        .0
        .err()
        .expect("fails");
    assert_eq!(error.code, ErrorCode::CanisterContractViolation);
    assert!(
        error.message.contains("cannot be executed in init mode"),
        "{}",
        error.message
    );
}

#[test]
fn trap_in_init_fails_the_install() {
    let vm = vm();
    let counter = Counter {
        init: "(unreachable)",
        ..Counter::V1
    };
    let (canister, prints) = Canister::install(&vm, ID, &counter.wasm(), b"");
    assert_eq!(
        canister.err().expect("fails").code,
        ErrorCode::CanisterTrapped
    );
    assert_eq!(prints, vec!["init"]);
}

#[test]
fn custom_sections_are_found_with_or_without_their_prefix() {
    let vm = vm();
    let canister = install(&vm, Counter::V1);
    let candid = b"service : { inc : () -> (nat64) }".to_vec();
    assert_eq!(
        canister.custom_section("candid:service"),
        Some(candid.clone())
    );
    assert_eq!(
        canister.custom_section("icp:public candid:service"),
        Some(candid)
    );
    assert_eq!(
        canister.custom_section("motoko:stable-types"),
        Some(b"actor {}".to_vec())
    );
    assert_eq!(canister.custom_section("motoko:compiler"), None);
}

#[test]
fn cranelift_runs_the_same_canister() {
    let vm = Vm::new(Options {
        compiler: Compiler::Cranelift,
        ..Options::default()
    })
    .expect("the VM starts");
    let mut canister = install(&vm, Counter::V1);
    assert_eq!(number(&canister.update(&vm, "inc", b"")), 1);
}

#[test]
fn compiled_modules_are_cached_on_disk() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let options = Options {
        cache_dir: Some(dir.path().to_path_buf()),
        ..Options::default()
    };
    let first = Vm::new(options.clone()).expect("the VM starts");
    install(&first, Counter::V1);
    let cached: Vec<_> = std::fs::read_dir(dir.path())
        .expect("cache directory")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "cwasm"))
        .collect();
    assert_eq!(cached.len(), 1);
    // A second VM loads the module from the cache and runs it.
    let second = Vm::new(options).expect("the VM starts");
    let mut canister = install(&second, Counter::V1);
    assert_eq!(number(&canister.update(&second, "inc", b"")), 1);
}
