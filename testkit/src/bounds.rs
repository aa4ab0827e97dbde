//! How big an input the harnesses try, and the stack they try it on.
//!
//! Inputs longer than [`MAX_TEXT_BYTES`] are skipped rather than failed: long inputs make each
//! run slow without reaching code that short ones do not. Depth is not bounded: the front end
//! and the signature readers have nesting limits of their own (1,000 levels), and a harness
//! that stayed below them would never try them. 4,096 bytes are enough to cross every one.
//!
//! The properties run on a thread with the stack the `minimo` binary gives its commands
//! ([`on_command_stack`]), since some of what they call (the Candid side of the upgrade check,
//! `candid_parser`) recurses up to those limits on the caller's stack, as the CLI does.

/// The longest text (program, signature, script) a harness runs.
pub const MAX_TEXT_BYTES: usize = 4096;

/// The stack the `minimo` binary runs each command on (`cli/src/main.rs`).
pub const COMMAND_STACK_BYTES: usize = 256 << 20;

/// Whether `text` is short enough to try.
pub fn within(text: &str) -> bool {
    text.len() <= MAX_TEXT_BYTES
}

/// Runs `check` on a thread with [`COMMAND_STACK_BYTES`] of stack, as a command of the binary
/// runs; a panic inside it is passed on to the caller, where the fuzzer or proptest sees it.
pub fn on_command_stack<T: Send>(check: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .stack_size(COMMAND_STACK_BYTES)
            .spawn_scoped(scope, check)
            .unwrap_or_else(|error| panic!("cannot start a thread for the check: {error}"));
        match thread.join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
