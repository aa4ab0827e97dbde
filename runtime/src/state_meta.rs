//! `meta.txt` of a saved generation: the format's version line, the canister's id and status,
//! the installed module's hash and every exported mutable global, one line each.
//!
//! ```text
//! minimo-canister 1
//! id rwlgt-iiaaa-aaaaa-aaaaa-cai
//! status running
//! module-sha256 <hex>
//! global <hex of the export name> i32 42
//! ```
//!
//! The checksum line that ends the file belongs to the text-file format (`state_file.rs`).
//! This file turns lines into values and back; it does not read or write files.

use crate::canister::Status;
use crate::engine::hex;
use crate::snapshot::GlobalValue;

/// The first line of every `meta.txt` this version writes and reads.
pub(crate) const FORMAT: &str = "minimo-canister 1";

pub(crate) struct Meta {
    pub(crate) id: String,
    pub(crate) status: Status,
    pub(crate) module_hash: Option<String>,
    pub(crate) globals: Vec<(String, GlobalValue)>,
}

/// What `meta.txt` says of an installed module.
pub(crate) struct Installed<'a> {
    pub(crate) hash: &'a [u8; 32],
    pub(crate) globals: &'a [(String, GlobalValue)],
}

/// The body of `meta.txt` (without its checksum line).
pub(crate) fn print(id: &str, status: Status, module: Option<Installed<'_>>) -> String {
    let mut text = format!("{FORMAT}\nid {id}\nstatus {}\n", status.as_str());
    if let Some(Installed { hash, globals }) = module {
        text.push_str(&format!("module-sha256 {}\n", hex(hash)));
        for (global, value) in globals {
            text.push_str(&format!(
                "global {} {}\n",
                hex(global.as_bytes()),
                encode(value)
            ));
        }
    }
    text
}

/// Reads the body of `meta.txt`; the error says what is wrong (the caller names the file).
pub(crate) fn parse(text: &str) -> Result<Meta, String> {
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT) {
        return Err(format!("the file does not start with `{FORMAT}`"));
    }
    let mut meta = Meta {
        id: String::new(),
        status: Status::Running,
        module_hash: None,
        globals: Vec::new(),
    };
    for line in lines {
        let bad = || format!("cannot read the line `{line}`");
        let (key, value) = line.split_once(' ').ok_or_else(bad)?;
        match key {
            "id" => meta.id = value.to_string(),
            "status" => {
                meta.status = match value {
                    "running" => Status::Running,
                    "stopping" => Status::Stopping,
                    "stopped" => Status::Stopped,
                    _ => return Err(bad()),
                }
            }
            "module-sha256" => meta.module_hash = Some(value.to_string()),
            "global" => meta.globals.push(decode_global(value).ok_or_else(bad)?),
            _ => return Err(bad()),
        }
    }
    if meta.id.is_empty() {
        return Err("the canister id is missing".to_string());
    }
    Ok(meta)
}

fn encode(value: &GlobalValue) -> String {
    match value {
        GlobalValue::I32(v) => format!("i32 {v}"),
        GlobalValue::I64(v) => format!("i64 {v}"),
        GlobalValue::F32(bits) => format!("f32 {bits}"),
        GlobalValue::F64(bits) => format!("f64 {bits}"),
        GlobalValue::V128(bits) => format!("v128 {bits}"),
    }
}

fn decode_global(text: &str) -> Option<(String, GlobalValue)> {
    let mut parts = text.split(' ');
    let name_hex = parts.next()?;
    let ty = parts.next()?;
    let value = parts.next()?;
    if parts.next().is_some() || name_hex.len() % 2 != 0 {
        return None;
    }
    let name_bytes = (0..name_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(name_hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let name = String::from_utf8(name_bytes).ok()?;
    let value = match ty {
        "i32" => GlobalValue::I32(value.parse().ok()?),
        "i64" => GlobalValue::I64(value.parse().ok()?),
        "f32" => GlobalValue::F32(value.parse().ok()?),
        "f64" => GlobalValue::F64(value.parse().ok()?),
        "v128" => GlobalValue::V128(value.parse().ok()?),
        _ => return None,
    };
    Some((name, value))
}
