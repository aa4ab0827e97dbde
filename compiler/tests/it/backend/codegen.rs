//! The shape of emitted modules: validity, imports, exports, custom sections, linking.

use minimo_compiler::codegen::{self, idl_hash};
use minimo_compiler::ir::Ty;
use wasmparser::{Parser, Payload};

use super::codegen_support::*;

fn counter() -> Vec<u8> {
    let mut program = ProgramBuilder::new();
    let value = program.stable("value", Ty::Nat, nat(0));
    program.update(
        "inc",
        vec![],
        Ty::Nat,
        block(
            vec![effect(assign_global(
                value,
                binary(
                    minimo_compiler::ir::BinOp::NatAdd,
                    global(value, Ty::Nat),
                    nat(1),
                ),
            ))],
            global(value, Ty::Nat),
        ),
    );
    program.query("get", vec![], Ty::Nat, global(value, Ty::Nat));
    program.build()
}

#[test]
fn runtime_library_provides_every_abi_function() {
    assert_eq!(codegen::runtime_library_problems(), Vec::<String>::new());
}

#[test]
fn empty_program_validates() {
    ProgramBuilder::new().build();
}

#[test]
fn module_imports_only_from_ic0() {
    for payload in Parser::new(0).parse_all(&counter()) {
        if let Ok(Payload::ImportSection(reader)) = payload {
            for import in reader.into_imports() {
                let import = import.expect("the import section parses");
                assert_eq!(import.module, "ic0", "import {}", import.name);
            }
        }
    }
}

#[test]
fn module_embeds_candid_service_and_stable_types() {
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(&counter()) {
        if let Ok(Payload::CustomSection(section)) = payload {
            names.push((section.name().to_string(), section.data().to_vec()));
        }
    }
    assert!(names.contains(&(
        "icp:public candid:service".to_string(),
        b"service : {}".to_vec()
    )));
    assert!(names.contains(&(
        "icp:private motoko:stable-types".to_string(),
        b"actor {\n};\n".to_vec()
    )));
}

#[test]
fn module_exports_entry_points_memory_and_mutable_globals_only() {
    let wasm = counter();
    let mut functions = Vec::new();
    let mut memory = false;
    for payload in Parser::new(0).parse_all(&wasm) {
        if let Ok(Payload::ExportSection(reader)) = payload {
            for export in reader {
                let export = export.expect("the export section parses");
                match export.kind {
                    wasmparser::ExternalKind::Func => functions.push(export.name.to_string()),
                    wasmparser::ExternalKind::Memory => memory = true,
                    wasmparser::ExternalKind::Global => {
                        assert!(!export.name.starts_with("canister_"), "{}", export.name)
                    }
                    _ => panic!("unexpected export {}", export.name),
                }
            }
        }
    }
    assert!(memory);
    functions.sort();
    assert_eq!(
        functions,
        [
            "canister_init",
            "canister_post_upgrade",
            "canister_pre_upgrade",
            "canister_query get",
            "canister_update inc",
        ]
    );
}

#[test]
fn every_mutable_global_is_exported() {
    let wasm = counter();
    let mut mutable = Vec::new();
    let mut exported = Vec::new();
    for payload in Parser::new(0).parse_all(&wasm) {
        match payload {
            Ok(Payload::GlobalSection(reader)) => {
                for (index, global) in reader.into_iter().enumerate() {
                    if global.expect("the global section parses").ty.mutable {
                        mutable.push(index as u32);
                    }
                }
            }
            Ok(Payload::ExportSection(reader)) => {
                for export in reader {
                    let export = export.expect("the export section parses");
                    if export.kind == wasmparser::ExternalKind::Global {
                        exported.push(export.index);
                    }
                }
            }
            _ => {}
        }
    }
    for index in mutable {
        assert!(
            exported.contains(&index),
            "mutable global {index} is not exported"
        );
    }
}

#[test]
fn idl_hash_matches_candid() {
    assert_eq!(idl_hash("value"), candid::idl_hash("value"));
    assert_eq!(idl_hash(""), 0);
    assert_eq!(idl_hash("a"), 97);
}
