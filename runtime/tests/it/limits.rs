//! The Internet Computer's size limits: replies and reject messages (IC0504, the canister
//! unchanged), arguments (refused before the canister runs) and modules (IC0505 at install and at
//! upgrade, the old module kept). Module limits are lowered to the test canister's own figures,
//! so that one more function, global, export or section crosses them.

use minimo_runtime::{Canister, ErrorCode, Limits, ModuleLimits, Response};
use wasmparser::{ExternalKind, Parser, Payload};

use crate::{assert_code, counters, error, install, number, vm, vm_with, Counter, ID};

const MIB: u32 = 1 << 20;

/// The argument of `reply_chunks`: `count` appends of `chunk` bytes.
fn chunks(chunk: u32, count: u32) -> Vec<u8> {
    [chunk.to_le_bytes(), count.to_le_bytes()].concat()
}

fn reply_len(outcome: &minimo_runtime::Outcome) -> usize {
    match &outcome.result {
        Ok(Response::Reply(bytes)) => bytes.len(),
        other => panic!("expected a reply, got {other:?}"),
    }
}

fn violation(what: &str) -> String {
    format!("Canister {ID} violated contract: {what}")
}

#[test]
fn the_default_limits_are_the_internet_computers() {
    let limits = Limits::default();
    assert_eq!(limits.reply_bytes, 2 * 1024 * 1024);
    assert_eq!(limits.query_reply_bytes, 3 * 1024 * 1024);
    assert_eq!(limits.argument_bytes, 2 * 1024 * 1024);
    assert_eq!(
        limits.module,
        ModuleLimits {
            bytes: 100 * 1024 * 1024,
            code_section_bytes: 10 * 1024 * 1024,
            functions: 50_000,
            globals: 1_000,
            exported_methods: 1_000,
            exported_method_name_bytes: 20_000,
            custom_sections: 16,
            custom_section_bytes: 1024 * 1024,
        }
    );
}

#[test]
fn a_reply_over_the_limit_traps_with_ic0504_and_leaves_the_canister_unchanged() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.update(&vm, "reply_chunks", &chunks(2 * MIB + 1, 1));
    assert_code(&outcome, ErrorCode::CanisterContractViolation);
    assert_eq!(
        error(&outcome).message,
        violation(
            "ic0.msg_reply_data_append: application payload size (2097153) cannot be larger than 2097152"
        )
    );
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
    assert_eq!(number(&canister.query(&vm, "memory_pages", b"")), 1);
}

#[test]
fn a_reply_exactly_at_the_limit_is_delivered() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "reply_chunks", &chunks(MIB, 2));
    assert_eq!(reply_len(&outcome), 2 * MIB as usize);
    assert_eq!(counters(&vm, &mut canister).0, 1);
}

#[test]
fn appends_that_add_up_past_the_limit_trap_at_the_one_that_crosses_it() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "reply_chunks", &chunks(MIB, 4096));
    assert_eq!(
        error(&outcome).message,
        violation(
            "ic0.msg_reply_data_append: application payload size (3145728) cannot be larger than 2097152"
        )
    );
    assert_eq!(counters(&vm, &mut canister).0, 0);
}

#[test]
fn a_query_may_reply_up_to_its_own_larger_limit() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.query(&vm, "query_reply_chunks", &chunks(MIB, 3));
    assert_eq!(reply_len(&outcome), 3 * MIB as usize);
    let outcome = canister.query(&vm, "query_reply_chunks", &chunks(3 * MIB + 1, 1));
    assert_eq!(
        error(&outcome).message,
        violation(
            "ic0.msg_reply_data_append: application payload size (3145729) cannot be larger than 3145728"
        )
    );
}

#[test]
fn a_reject_message_over_the_limit_traps_with_ic0504() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let at_limit = canister.update(&vm, "reject_of_size", &(2 * MIB).to_le_bytes());
    assert!(
        matches!(&at_limit.result, Ok(Response::Reject(text)) if text.len() == 2 * MIB as usize),
        "{:?}",
        at_limit.result.as_ref().map(|_| ())
    );
    let outcome = canister.update(&vm, "reject_of_size", &(2 * MIB + 1).to_le_bytes());
    assert_eq!(
        error(&outcome).message,
        violation(
            "ic0.msg_reject: application payload size (2097153) cannot be larger than 2097152"
        )
    );
    // The reject at the limit kept its changes, as any reject does; the trap did not.
    assert_eq!(counters(&vm, &mut canister).0, 1);
}

#[test]
fn an_argument_over_the_limit_is_refused_before_the_canister_runs() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "inc", &vec![0; 2 * MIB as usize + 1]);
    assert_code(&outcome, ErrorCode::RequestTooLarge);
    assert_eq!(
        error(&outcome).to_string(),
        format!(
            "413 (Payload Too Large): Request to inc of canister {ID} is too large. Message byte size 2097153 is larger than the max allowed 2097152."
        )
    );
    assert_eq!(outcome.instructions, 0);
    assert_code(
        &canister.query(&vm, "get", &vec![0; 2 * MIB as usize + 1]),
        ErrorCode::RequestTooLarge,
    );
    assert_eq!(counters(&vm, &mut canister).0, 0);
}

#[test]
fn an_argument_exactly_at_the_limit_is_accepted() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "inc", &vec![0; 2 * MIB as usize]);
    assert_eq!(number(&outcome), 1);
}

#[test]
fn an_install_argument_over_the_limit_is_refused() {
    let vm = vm();
    let (result, prints) =
        Canister::install(&vm, ID, &Counter::V1.wasm(), &vec![0; 3 * MIB as usize]);
    let Err(error) = result else {
        panic!("the install succeeded");
    };
    assert_eq!(error.code, ErrorCode::RequestTooLarge);
    assert!(prints.is_empty(), "canister_init ran: {prints:?}");
}

#[test]
fn an_upgrade_argument_over_the_limit_is_refused_and_the_old_module_stays() {
    let vm = vm();
    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.upgrade(
        &vm,
        &Counter::V1.version(2).wasm(),
        &vec![0; 3 * MIB as usize],
    );
    assert_code(&outcome, ErrorCode::RequestTooLarge);
    assert!(
        outcome.debug_prints.is_empty(),
        "{:?}",
        outcome.debug_prints
    );
    assert_eq!(number(&canister.query(&vm, "version", b"")), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

/// The figures of a module that its limits count, read independently of the VM.
#[derive(Default, Debug)]
struct Figures {
    bytes: u64,
    code_section_bytes: u64,
    functions: u64,
    globals: u64,
    exported_methods: u64,
    exported_method_name_bytes: u64,
    custom_sections: u64,
    custom_section_bytes: u64,
}

fn figures(wasm: &[u8]) -> Figures {
    let mut figures = Figures {
        bytes: wasm.len() as u64,
        ..Figures::default()
    };
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.expect("the test canister parses") {
            Payload::CodeSectionStart { size, .. } => figures.code_section_bytes = size.into(),
            Payload::FunctionSection(reader) => figures.functions = reader.count().into(),
            Payload::GlobalSection(reader) => figures.globals = reader.count().into(),
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.expect("an export");
                    let method = ["canister_update ", "canister_query "]
                        .iter()
                        .find_map(|prefix| export.name.strip_prefix(prefix));
                    if let (ExternalKind::Func, Some(name)) = (export.kind, method) {
                        figures.exported_methods += 1;
                        figures.exported_method_name_bytes += name.len() as u64;
                    }
                }
            }
            Payload::CustomSection(reader) => {
                let name = ["icp:public ", "icp:private "]
                    .iter()
                    .find_map(|prefix| reader.name().strip_prefix(prefix));
                if let Some(name) = name {
                    figures.custom_sections += 1;
                    figures.custom_section_bytes += (name.len() + reader.data().len()) as u64;
                }
            }
            _ => {}
        }
    }
    figures
}

/// Limits set exactly to the test canister's figures by `exact`: the canister installs, and the
/// same canister with `extra` module fields is refused with IC0505 and the message that
/// `message` makes of the two modules' figures (the canister's, the larger one's), both at
/// install and at upgrade (where the old module, heap and stable memory stay).
fn over_the_limit_is_refused(
    exact: impl Fn(&Figures) -> ModuleLimits,
    extra: &'static str,
    message: impl Fn(&Figures, &Figures) -> String,
) {
    let within = figures(&Counter::V1.wasm());
    let vm = vm_with(Limits {
        module: exact(&within),
        ..Limits::default()
    });
    let over = Counter {
        start: extra,
        ..Counter::V1.version(2)
    }
    .wasm();
    let expected = format!(
        "Canister {ID}'s Wasm module is not valid: {}",
        message(&within, &figures(&over))
    );

    let (fresh, _) = Canister::install(&vm, ID, &over, b"");
    let Err(refused) = fresh else {
        panic!("a module over the limit was installed");
    };
    assert_eq!(refused.code, ErrorCode::CanisterInvalidWasm);
    assert_eq!(refused.message, expected);

    let mut canister = install(&vm, Counter::V1);
    canister.update(&vm, "inc", b"");
    let outcome = canister.upgrade(&vm, &over, b"");
    assert_code(&outcome, ErrorCode::CanisterInvalidWasm);
    assert_eq!(error(&outcome).message, expected);
    assert!(outcome.debug_prints.is_empty(), "pre_upgrade ran");
    assert_eq!(number(&canister.query(&vm, "version", b"")), 1);
    assert_eq!(counters(&vm, &mut canister), (1, 1, 1));
}

/// The start of the replica's sentence for a count over its limit.
fn too_many(what: &str, over: u64, within: u64) -> String {
    format!("Wasm module defined {over} {what} which exceeds the maximum number allowed {within}.")
}

const METHODS: &str = "exported functions called `canister_update <name>`, `canister_query <name>`, or `canister_composite_query <name>`";

#[test]
fn a_module_over_the_size_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            bytes: f.bytes,
            ..ModuleLimits::default()
        },
        r#"(data (i32.const 2000) "more")"#,
        |within, over| {
            format!(
                "Wasm module size of {} bytes exceeds the maximum allowed size of {} bytes",
                over.bytes, within.bytes
            )
        },
    );
}

#[test]
fn a_module_over_the_code_section_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            code_section_bytes: f.code_section_bytes,
            ..ModuleLimits::default()
        },
        "(func $extra)",
        |within, over| {
            format!(
                "Wasm module code section size of {} exceeds the maximum allowed size of {}",
                over.code_section_bytes, within.code_section_bytes
            )
        },
    );
}

#[test]
fn a_module_over_the_function_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            functions: f.functions,
            ..ModuleLimits::default()
        },
        "(func $extra)",
        |within, over| too_many("functions", over.functions, within.functions),
    );
}

#[test]
fn a_module_over_the_global_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            globals: f.globals,
            ..ModuleLimits::default()
        },
        "(global $extra i32 (i32.const 0))",
        |within, over| too_many("globals", over.globals, within.globals),
    );
}

#[test]
fn a_module_over_the_exported_method_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            exported_methods: f.exported_methods,
            ..ModuleLimits::default()
        },
        r#"(func (export "canister_query extra"))"#,
        |within, _| {
            format!(
                "Wasm module has an invalid export section. The number of {METHODS} exceeds {}.",
                within.exported_methods
            )
        },
    );
}

#[test]
fn a_module_over_the_method_name_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            exported_method_name_bytes: f.exported_method_name_bytes,
            ..ModuleLimits::default()
        },
        r#"(func (export "canister_query extra"))"#,
        |within, _| {
            format!(
                "Wasm module has an invalid export section. The sum of `<name>` lengths in {METHODS} exceeds {}.",
                within.exported_method_name_bytes
            )
        },
    );
}

#[test]
fn a_module_over_the_custom_section_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            custom_sections: f.custom_sections,
            ..ModuleLimits::default()
        },
        r#"(@custom "icp:public extra" "x")"#,
        |within, over| {
            too_many(
                "custom sections",
                over.custom_sections,
                within.custom_sections,
            )
        },
    );
}

#[test]
fn a_module_over_the_custom_section_size_limit_is_refused() {
    over_the_limit_is_refused(
        |f| ModuleLimits {
            custom_section_bytes: f.custom_section_bytes,
            ..ModuleLimits::default()
        },
        r#"(@custom "icp:public extra" "x")"#,
        |within, over| {
            format!(
                "Wasm module has an invalid custom section. Invalid custom sections: total size of the custom sections exceeds the maximum allowed: size {} bytes, allowed {} bytes",
                over.custom_section_bytes, within.custom_section_bytes
            )
        },
    );
}

#[test]
fn imported_functions_and_other_custom_sections_are_not_counted() {
    let exact = figures(&Counter::V1.wasm());
    let vm = vm_with(Limits {
        module: ModuleLimits {
            functions: exact.functions,
            custom_sections: exact.custom_sections,
            custom_section_bytes: exact.custom_section_bytes,
            ..ModuleLimits::default()
        },
        ..Limits::default()
    });
    let with_name_section = Counter {
        start: r#"(@custom "notes" "not an icp: section")"#,
        ..Counter::V1
    };
    let (installed, _) = Canister::install(&vm, ID, &with_name_section.wasm(), b"");
    assert!(installed.is_ok(), "{:?}", installed.err());
}
