//! Integration tests of the VM: canisters written as WAT, driven through the public API only.
//!
//! `counter.wat` is the test canister (a template, see its header); `Counter` builds variants of
//! it. The tests are grouped by concern in the submodules. They do not test the compiler's
//! output; the end-to-end suites elsewhere do that.

mod fingerprint;
mod lifecycle;
mod limits;
mod messages;
mod progress;
mod state;
mod state_hostile;
mod state_lock;
mod upgrade;

use minimo_runtime::{CallError, Canister, ErrorCode, Limits, Options, Outcome, Response, Vm};

const TEMPLATE: &str = include_str!("counter.wat");

/// The id of the first canister on a local replica.
pub const ID: &str = "rwlgt-iiaaa-aaaaa-aaaaa-cai";

/// A variant of the test canister.
#[derive(Clone, Copy)]
pub struct Counter {
    pub version: u32,
    pub init: &'static str,
    pub pre: &'static str,
    pub post: &'static str,
    pub start: &'static str,
}

impl Counter {
    pub const V1: Counter = Counter {
        version: 1,
        init: "",
        pre: "",
        post: "",
        start: "",
    };

    pub fn version(self, version: u32) -> Counter {
        Counter { version, ..self }
    }

    pub fn wasm(self) -> Vec<u8> {
        let text = TEMPLATE
            .replace("{VERSION}", &self.version.to_string())
            .replace("{INIT}", self.init)
            .replace("{PRE}", self.pre)
            .replace("{POST}", self.post)
            .replace("{START}", self.start);
        let wasm = wat::parse_str(text).expect("the test canister is valid WAT");
        wasmparser::Validator::new()
            .validate_all(&wasm)
            .expect("the test canister is valid Wasm");
        wasm
    }
}

pub fn vm() -> Vm {
    Vm::new(Options::default()).expect("the VM starts")
}

pub fn vm_with(limits: Limits) -> Vm {
    Vm::new(Options {
        limits,
        ..Options::default()
    })
    .expect("the VM starts")
}

pub fn install(vm: &Vm, counter: Counter) -> Canister {
    let (canister, _) = Canister::install(vm, ID, &counter.wasm(), b"");
    canister.expect("the install succeeds")
}

/// The reply of a successful call, as the number the test canister encodes.
pub fn number(outcome: &Outcome) -> i64 {
    match &outcome.result {
        Ok(Response::Reply(bytes)) => {
            let bytes: [u8; 8] = bytes[..].try_into().expect("an 8-byte reply");
            i64::from_le_bytes(bytes)
        }
        other => panic!("expected a reply, got {other:?}"),
    }
}

pub fn error(outcome: &Outcome) -> &CallError {
    match &outcome.result {
        Err(error) => error,
        other => panic!("expected an error, got {other:?}"),
    }
}

/// The counter as the global, the heap cell and stable memory hold it.
pub fn counters(vm: &Vm, canister: &mut Canister) -> (i64, i64, i64) {
    (
        number(&canister.query(vm, "get", b"")),
        number(&canister.query(vm, "get_cell", b"")),
        number(&canister.query(vm, "get_stable", b"")),
    )
}

pub fn assert_code(outcome: &Outcome, code: ErrorCode) {
    assert_eq!(error(outcome).code, code, "{:?}", outcome.result);
}
