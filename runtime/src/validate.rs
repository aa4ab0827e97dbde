//! Checks that a compiled module is a canister module this VM can run and roll back, and reads
//! its custom sections.
//!
//! wasmtime has already validated the Wasm itself. Here: imports come only from `ic0` with the
//! System API table's signatures; `canister_*` exports are functions of type `() -> ()`, and no
//! method is both an update and a query; a defined memory is exported as `memory` and every
//! mutable global is exported, because the VM snapshots the heap through exports only (it cannot
//! read what a module keeps private). This file does not instantiate anything.

use std::collections::HashSet;

use wasmparser::{ExternalKind, Parser, Payload};
use wasmtime::{ExternType, Module};

/// Why a module is not accepted, as a sentence fragment for IC0505's message.
pub(crate) type Invalid = String;

pub(crate) fn check(module: &Module, wasm: &[u8]) -> Result<(), Invalid> {
    check_imports(module)?;
    check_exports(module)?;
    check_heap_is_visible(wasm)
}

fn check_imports(module: &Module) -> Result<(), Invalid> {
    for import in module.imports() {
        let what = format!("{}.{}", import.module(), import.name());
        let declared = (import.module() == minimo_sysapi::MODULE)
            .then(|| minimo_sysapi::lookup(import.name()))
            .flatten()
            .ok_or_else(|| format!("it imports `{what}`, which is not part of the System API"))?;
        let ExternType::Func(ty) = import.ty() else {
            return Err(format!(
                "it imports `{what}` as something other than a function"
            ));
        };
        let matches = |have: &mut dyn ExactSizeIterator<Item = wasmtime::ValType>,
                       want: &[minimo_sysapi::ValType]| {
            have.len() == want.len()
                && have.zip(want).all(|(h, w)| match w {
                    minimo_sysapi::ValType::I32 => matches!(h, wasmtime::ValType::I32),
                    minimo_sysapi::ValType::I64 => matches!(h, wasmtime::ValType::I64),
                })
        };
        if !matches(&mut ty.params(), declared.params)
            || !matches(&mut ty.results(), declared.results)
        {
            return Err(format!(
                "it imports `{what}` with the signature {ty}, which is not the System API's"
            ));
        }
    }
    Ok(())
}

fn check_exports(module: &Module) -> Result<(), Invalid> {
    let mut updates = HashSet::new();
    let mut queries = HashSet::new();
    for export in module.exports() {
        let name = export.name();
        if !name.starts_with("canister_") {
            continue;
        }
        let ExternType::Func(ty) = export.ty() else {
            return Err(format!("its export `{name}` is not a function"));
        };
        if ty.params().len() != 0 || ty.results().len() != 0 {
            return Err(format!(
                "its export `{name}` has type {ty}; it must be [] -> []"
            ));
        }
        if let Some(method) = name.strip_prefix("canister_update ") {
            updates.insert(method.to_string());
        } else if let Some(method) = name.strip_prefix("canister_query ") {
            queries.insert(method.to_string());
        }
    }
    if let Some(method) = updates.intersection(&queries).next() {
        return Err(format!(
            "it exports `{method}` both as an update and as a query"
        ));
    }
    Ok(())
}

fn check_heap_is_visible(wasm: &[u8]) -> Result<(), Invalid> {
    let mut memories = 0u32;
    let mut mutable_globals = Vec::new();
    let mut exported_memories = HashSet::new();
    let mut exported_globals = HashSet::new();
    let mut memory_named_memory = false;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::MemorySection(reader) => memories += reader.count(),
            Payload::GlobalSection(reader) => {
                for (index, global) in reader.into_iter().enumerate() {
                    let global = global.map_err(|e| e.to_string())?;
                    if global.ty.mutable {
                        if !matches!(
                            global.ty.content_type,
                            wasmparser::ValType::I32
                                | wasmparser::ValType::I64
                                | wasmparser::ValType::F32
                                | wasmparser::ValType::F64
                                | wasmparser::ValType::V128
                        ) {
                            return Err(format!(
                                "its global {index} is a mutable reference, which cannot be saved"
                            ));
                        }
                        mutable_globals.push(index as u32);
                    }
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|e| e.to_string())?;
                    match export.kind {
                        ExternalKind::Memory => {
                            exported_memories.insert(export.index);
                            memory_named_memory |= export.name == "memory";
                        }
                        ExternalKind::Global => {
                            exported_globals.insert(export.index);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Imports are only `ic0` functions (checked first), so defined memories and globals are
    // numbered from zero.
    if memories > 1 {
        return Err("it defines more than one memory".to_string());
    }
    if memories == 1 && !(exported_memories.contains(&0) && memory_named_memory) {
        return Err("its memory must be exported as `memory`".to_string());
    }
    if let Some(index) = mutable_globals
        .iter()
        .find(|index| !exported_globals.contains(index))
    {
        return Err(format!(
            "its mutable global {index} is not exported (every mutable global must be exported so that the VM can save and restore it)"
        ));
    }
    Ok(())
}

/// The content of the custom section `name`, also found when `name` leaves out the section's
/// `icp:public ` or `icp:private ` prefix.
pub(crate) fn custom_section(wasm: &[u8], name: &str) -> Option<Vec<u8>> {
    let matches = |section: &str| {
        section == name
            || section.strip_prefix("icp:public ") == Some(name)
            || section.strip_prefix("icp:private ") == Some(name)
    };
    for payload in Parser::new(0).parse_all(wasm) {
        if let Ok(Payload::CustomSection(reader)) = payload {
            if matches(reader.name()) {
                return Some(reader.data().to_vec());
            }
        }
    }
    None
}
