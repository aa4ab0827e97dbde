//! The properties that minimo's fuzz targets (`fuzz/`, cargo-fuzz) and its property tests
//! (`tests/it`, proptest) check, written once for both.
//!
//! Every property takes an input of any shape (text or bytes), runs one part of minimo on it
//! and returns `Err` with a sentence naming the broken promise; a panic inside minimo is a
//! broken promise too, which the fuzzer or proptest catches. The promises are those of the
//! house rules: bad input gets an error as a value or a diagnostic, never a panic, an abort or
//! a hang, and a failed message leaves a canister exactly as it was.
//!
//! - [`source`]: the parser, the checker and, for a program that checks, the compiler.
//! - [`signatures`]: `.most` parsing and the stable-compatibility check; `.did` parsing and
//!   the Candid side of the upgrade check.
//! - [`canister`]: Candid arguments, well-formed or not, sent to compiled fixture canisters.
//! - [`drun`]: drun scripts through `minimo drun`'s reader and runner.
//!
//! Inputs longer than [`bounds::MAX_TEXT_BYTES`] are skipped, not failed; depth is not
//! bounded, so the nesting limits of the front end and the signature readers are tried too.
//! The properties run on a stack as large as the binary's commands get. This crate does no IO: fixtures are compiled from sources embedded
//! at build time, and drun scripts get their modules from memory.

pub mod bounds;
pub mod candid_values;
pub mod canister;
pub mod drun;
pub mod signatures;
pub mod source;

/// The outcome of checking one input: `Err` names the property the input broke.
pub type Verdict = Result<(), String>;

/// Fails with `message` unless `condition` holds.
pub(crate) fn ensure(condition: bool, message: impl FnOnce() -> String) -> Verdict {
    if condition {
        Ok(())
    } else {
        Err(message())
    }
}
