//! The minimo compiler: Motoko source to canister Wasm, Candid service and stable signature.
//!
//! The pipeline is parse (`syntax`) → check (`typeck`) → lower (`lower`) → emit (`codegen`),
//! with `signature` printing the Candid service and the stable signature from the checked
//! program. Nothing in this crate does IO: sources come in as strings, results go out as data.

pub mod codegen;
pub mod diag;
pub mod ir;
pub(crate) mod syntax;

pub use diag::{Diagnostic, Severity};
