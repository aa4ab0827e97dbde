//! The replica's limits on a canister module: its size, the size of its code section, the
//! numbers of functions, globals and exported methods, the length of the method names, and the
//! number and size of its `icp:` custom sections. A module over any of them is refused with
//! IC0505 before it is compiled, worded as the replica words it.
//!
//! Only the section headers and the export and custom-section entries are read (never the
//! function bodies), so the check costs little next to compiling. This file does not decide
//! whether a module is a valid canister module otherwise; `validate.rs` does, after compiling.

use wasmparser::{ExternalKind, Parser, Payload};

use crate::options::ModuleLimits;
use crate::validate::Invalid;

/// The prefixes of exported methods, as the replica counts them.
const METHOD_PREFIXES: [&str; 3] = [
    "canister_update ",
    "canister_query ",
    "canister_composite_query ",
];

/// The prefixes of the custom sections the replica keeps (and limits).
const ICP_SECTION_PREFIXES: [&str; 2] = ["icp:public ", "icp:private "];

/// Checks `wasm` against `limits`. A module that does not parse is left to the compiler, whose
/// message says what is wrong with it.
pub(crate) fn check(wasm: &[u8], limits: &ModuleLimits) -> Result<(), Invalid> {
    let size = wasm.len() as u64;
    if size > limits.bytes {
        return Err(format!(
            "Wasm module size of {size} bytes exceeds the maximum allowed size of {} bytes",
            limits.bytes
        ));
    }
    let mut methods = 0u64;
    let mut method_name_bytes = 0u64;
    let mut custom_sections = 0u64;
    let mut custom_section_bytes = 0u64;
    for payload in Parser::new(0).parse_all(wasm) {
        let Ok(payload) = payload else {
            return Ok(());
        };
        match payload {
            Payload::CodeSectionStart { size, .. } => {
                at_most(
                    u64::from(size),
                    limits.code_section_bytes,
                    |size, allowed| {
                        format!(
                        "Wasm module code section size of {size} exceeds the maximum allowed size of {allowed}"
                    )
                    },
                )?;
            }
            Payload::FunctionSection(reader) => {
                at_most(u64::from(reader.count()), limits.functions, |n, allowed| {
                    too_many(n, "functions", allowed)
                })?;
            }
            Payload::GlobalSection(reader) => {
                at_most(u64::from(reader.count()), limits.globals, |n, allowed| {
                    too_many(n, "globals", allowed)
                })?;
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let Ok(export) = export else {
                        return Ok(());
                    };
                    if export.kind != ExternalKind::Func {
                        continue;
                    }
                    if let Some(name) = METHOD_PREFIXES
                        .iter()
                        .find_map(|prefix| export.name.strip_prefix(prefix))
                    {
                        methods += 1;
                        method_name_bytes += name.len() as u64;
                    }
                }
                at_most(methods, limits.exported_methods, |_, allowed| {
                    format!(
                        "Wasm module has an invalid export section. The number of exported functions called `canister_update <name>`, `canister_query <name>`, or `canister_composite_query <name>` exceeds {allowed}."
                    )
                })?;
                at_most(
                    method_name_bytes,
                    limits.exported_method_name_bytes,
                    |_, allowed| {
                        format!(
                            "Wasm module has an invalid export section. The sum of `<name>` lengths in exported functions called `canister_update <name>`, `canister_query <name>`, or `canister_composite_query <name>` exceeds {allowed}."
                        )
                    },
                )?;
            }
            Payload::CustomSection(reader) => {
                let Some(name) = ICP_SECTION_PREFIXES
                    .iter()
                    .find_map(|prefix| reader.name().strip_prefix(prefix))
                else {
                    continue;
                };
                custom_sections += 1;
                custom_section_bytes += (name.len() + reader.data().len()) as u64;
                at_most(
                    custom_section_bytes,
                    limits.custom_section_bytes,
                    |total, allowed| {
                        format!(
                            "Wasm module has an invalid custom section. Invalid custom sections: total size of the custom sections exceeds the maximum allowed: size {total} bytes, allowed {allowed} bytes"
                        )
                    },
                )?;
                at_most(custom_sections, limits.custom_sections, |n, allowed| {
                    too_many(n, "custom sections", allowed)
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// `Ok` if `value` is within `limit`, else the message `describe(value, limit)`.
fn at_most(
    value: u64,
    limit: u64,
    describe: impl FnOnce(u64, u64) -> String,
) -> Result<(), Invalid> {
    if value > limit {
        Err(describe(value, limit))
    } else {
        Ok(())
    }
}

fn too_many(defined: u64, what: &str, allowed: u64) -> String {
    format!(
        "Wasm module defined {defined} {what} which exceeds the maximum number allowed {allowed}."
    )
}
