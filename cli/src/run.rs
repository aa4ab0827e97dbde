//! `minimo run FILE.mo`: script mode.
//!
//! The script compiles, through the same compiler as any canister, to a module whose
//! `canister_init` runs the program; the VM installs it, and the debug output of that one
//! message is the script's output. A trap ends the script: the output so far is printed, then
//! moc's line `FILE.mo:L.C-L.C: execution error, <what>` on stderr, and the exit status is 3.

use std::path::Path;

use minimo_runtime::{CallError, Canister, ErrorCode};

use crate::failure::{Failure, Outcome};
use crate::vm_settings::VmSettings;
use crate::{canister_cmds, compile, output};

/// Exit status of a script that trapped (CLI.md).
const TRAPPED: u8 = 3;

pub fn run(file: &Path, settings: &VmSettings) -> Outcome {
    let compiled = compile::compile_file(file)?;
    let vm = canister_cmds::vm_for(settings, None, Some(&file.display().to_string()))?;
    let (result, mut prints) = Canister::install(&vm, "script", &compiled.wasm, b"DIDL\x00\x00");
    // A script that ran to its end printed its final value last, with layout marks.
    if let (Ok(_), Some(printer), Some(last)) = (&result, &compiled.result, prints.last_mut()) {
        *last = printer.render(last);
    }
    let text: String = prints.iter().map(|line| format!("{line}\n")).collect();
    output::out(&text)?;
    match result {
        Ok(_) => Ok(()),
        Err(error) => Err(Failure::with_status(
            TRAPPED,
            execution_error(&file.display().to_string(), &error),
        )),
    }
}

/// moc's line for a script that trapped. Generated code reports located traps as
/// `FILE:L.C-L.C: execution error, <what>` already; other failures (a Wasm trap, running out
/// of instructions) are given the file's name.
pub fn execution_error(file: &str, error: &CallError) -> String {
    let what = match error.code {
        ErrorCode::CanisterCalledTrap => error
            .message
            .split_once("trapped explicitly: ")
            .map(|(_, what)| what.to_string())
            .unwrap_or_else(|| error.message.clone()),
        ErrorCode::CanisterTrapped => error
            .message
            .split_once("trapped: ")
            .map(|(_, what)| what.to_string())
            .unwrap_or_else(|| error.message.clone()),
        _ => format!("{}: {}", error.code, error.message),
    };
    if what.contains(": execution error, ") {
        what
    } else {
        format!("{file}: execution error, {what}")
    }
}
