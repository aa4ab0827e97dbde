//! The stable-memory format seen from outside: modules written by hand with wasm-encoder put
//! chosen bytes into stable memory (or dump it as a reply), and minimo's modules must read and
//! write exactly the documented format.

use candid::{CandidType, Encode, Nat};
use minimo_compiler::codegen::{STABLE_FORMAT_VERSION, STABLE_MAGIC};
use minimo_compiler::ir::{BinOp, Ty};
use minimo_runtime::Canister;
use wasm_encoder::{
    CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection, Function,
    FunctionSection, ImportSection, MemorySection, MemoryType, Module, TypeSection, ValType,
};

use super::codegen_support::*;

/// How many bytes of stable memory `dump` replies with.
const DUMP_LEN: i64 = 256;

/// A module with no minimo code: its `canister_pre_upgrade` copies `stable` into stable
/// memory, and its query `dump` replies with the first `DUMP_LEN` bytes of stable memory.
fn foreign_module(stable: &[u8]) -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([], []); // 0: entry points
    types.ty().function([ValType::I64], [ValType::I64]); // 1: stable64_grow
    types.ty().function([ValType::I64; 3], []); // 2: stable64_read/write
    types.ty().function([ValType::I32; 2], []); // 3: msg_reply_data_append
    let mut imports = ImportSection::new();
    imports.import("ic0", "stable64_grow", EntityType::Function(1)); // 0
    imports.import("ic0", "stable64_write", EntityType::Function(2)); // 1
    imports.import("ic0", "stable64_read", EntityType::Function(2)); // 2
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(3)); // 3
    imports.import("ic0", "msg_reply", EntityType::Function(0)); // 4
    let mut functions = FunctionSection::new();
    functions.function(0).function(0).function(0);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 1,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    exports.export("canister_init", ExportKind::Func, 5);
    exports.export("canister_pre_upgrade", ExportKind::Func, 6);
    exports.export("canister_query dump", ExportKind::Func, 7);

    let mut code = CodeSection::new();
    let mut init = Function::new([]);
    init.instructions().end();
    code.function(&init);
    let mut pre_upgrade = Function::new([]);
    pre_upgrade
        .instructions()
        .i64_const(1)
        .call(0)
        .drop()
        .i64_const(0)
        .i64_const(0x100)
        .i64_const(stable.len() as i64)
        .call(1)
        .end();
    code.function(&pre_upgrade);
    let mut dump = Function::new([]);
    dump.instructions()
        .i64_const(0x8000)
        .i64_const(0)
        .i64_const(DUMP_LEN)
        .call(2)
        .i32_const(0x8000)
        .i32_const(DUMP_LEN as i32)
        .call(3)
        .call(4)
        .end();
    code.function(&dump);
    let mut data = DataSection::new();
    data.active(0, &ConstExpr::i32_const(0x100), stable.iter().copied());

    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&memories)
        .section(&exports)
        .section(&code)
        .section(&data);
    let wasm = module.finish();
    if let Err(error) = wasmparser::Validator::new().validate_all(&wasm) {
        panic!("the foreign module does not validate: {error}");
    }
    wasm
}

fn header(version: u32, payload: &[u8]) -> Vec<u8> {
    let mut bytes = STABLE_MAGIC.to_vec();
    bytes.extend_from_slice(&version.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

#[derive(CandidType)]
struct Stored {
    value: Nat,
}

#[derive(CandidType)]
struct StoredWithNote {
    value: Nat,
    note: String,
}

/// `stable var value : Nat = 0` with `inc`, or with `value` and `note : Text` when `note`.
fn counter(note: bool) -> Vec<u8> {
    let mut program = ProgramBuilder::new();
    let value = program.stable("value", Ty::Nat, nat(0));
    if note {
        program.stable(
            "note",
            Ty::Text,
            text("a note long enough to be noticed in a dump"),
        );
    }
    program.update(
        "inc",
        vec![],
        Ty::Nat,
        block(
            vec![effect(assign_global(
                value,
                binary(BinOp::NatAdd, global(value, Ty::Nat), nat(1)),
            ))],
            global(value, Ty::Nat),
        ),
    );
    program.build()
}

/// Installs `first`, runs `steps`, and returns every result.
fn scenario(first: &[u8], steps: &[Step]) -> Vec<StepResult> {
    run(first, steps, false)
}

#[test]
fn pre_upgrade_writes_the_documented_header_and_candid_payload() {
    let results = scenario(
        &counter(false),
        &[
            Step::Update("inc", NO_ARGS.to_vec()),
            Step::Update("inc", NO_ARGS.to_vec()),
            Step::Upgrade(foreign_module(&[])),
            Step::Query("dump", NO_ARGS.to_vec()),
        ],
    );
    let payload = Encode!(&Stored {
        value: Nat::from(2u32)
    })
    .expect("encodes");
    let expected = header(STABLE_FORMAT_VERSION, &payload);
    let dump = reply(&results[3]);
    assert_eq!(&dump[..expected.len()], &expected[..]);
}

#[test]
fn post_upgrade_reads_a_payload_written_by_another_encoder() {
    let payload = Encode!(&StoredWithNote {
        value: Nat::from(41u32),
        note: "ignored".to_string(),
    })
    .expect("encodes");
    // Version 1, which the code generator wrote before mutable objects kept their identity.
    let foreign = foreign_module(&header(1, &payload));
    let vm = vm();
    let (canister, _) = Canister::install(&vm, CANISTER_ID, &foreign, NO_ARGS);
    let mut canister = canister.expect("installs");
    let outcome = canister.upgrade(&vm, &counter(false), NO_ARGS);
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    let result = canister.update(&vm, "inc", NO_ARGS).result;
    assert_eq!(decode_nat(&result), Nat::from(42u32));
}

fn upgrade_from_foreign(stable: &[u8]) -> (StepResult, StepResult) {
    let vm = vm();
    let (canister, _) = Canister::install(&vm, CANISTER_ID, &foreign_module(stable), NO_ARGS);
    let mut canister = canister.expect("installs");
    let upgrade = canister.upgrade(&vm, &counter(false), NO_ARGS).result;
    let after = canister.update(&vm, "inc", NO_ARGS).result;
    (upgrade, after)
}

#[test]
fn zero_header_restores_nothing() {
    let (upgrade, after) = upgrade_from_foreign(&[0; 32]);
    assert!(upgrade.is_ok(), "{upgrade:?}");
    assert_eq!(decode_nat(&after), Nat::from(1u32));
}

#[test]
fn unknown_format_version_traps_and_keeps_the_old_module() {
    let payload = Encode!(&Stored {
        value: Nat::from(1u32)
    })
    .expect("encodes");
    let (upgrade, after) = upgrade_from_foreign(&header(STABLE_FORMAT_VERSION + 1, &payload));
    assert!(error_message(&upgrade).contains("unsupported format version"));
    // The old module is still installed: it has no `inc`.
    assert!(after.is_err());
}

#[test]
fn foreign_magic_traps() {
    let (upgrade, _) =
        upgrade_from_foreign(b"XXXX\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    assert!(error_message(&upgrade).contains("unknown format"));
}

#[test]
fn post_upgrade_zeroes_the_bytes_it_read() {
    // The version with `note` stores a longer payload than the version without; after the
    // second upgrade, the tail of the longer payload must read as zeroes.
    let results = scenario(
        &counter(true),
        &[
            Step::Update("inc", NO_ARGS.to_vec()),
            Step::Upgrade(counter(false)),
            Step::Upgrade(foreign_module(&[])),
            Step::Query("dump", NO_ARGS.to_vec()),
        ],
    );
    let short = header(
        STABLE_FORMAT_VERSION,
        &Encode!(&Stored {
            value: Nat::from(1u32)
        })
        .expect("encodes"),
    );
    let dump = reply(&results[3]);
    assert_eq!(&dump[..short.len()], &short[..]);
    assert!(
        dump[short.len()..].iter().all(|byte| *byte == 0),
        "{dump:?}"
    );
}
