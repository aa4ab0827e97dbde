//! Code generation: IR to an Internet Computer canister module.
//!
//! `emit` links the hand-written runtime library (`rt/*.wat`, assembled by `build.rs`) with the
//! functions generated for one program: its actor fields become exported Wasm globals, its
//! functions become Wasm functions over the `i32` value representation of `rt_abi`, and the
//! entry points (`canister_init`, one export per public method, the upgrade hooks) decode
//! Candid arguments, encode Candid replies and carry stable variables across upgrades. The
//! split: `module` (the module under construction), `layout` (data segments), `func`
//! (expressions), `object`, `pattern` and `compare` (compound values), `candid` (type
//! tables), `candid_decode` and `candid_encode` (per-type helpers), `types` (facts about types), `lifecycle` (entry
//! points), `stable` (the stable-memory format), `link` (the runtime library and the final
//! assembly). Nothing here checks the program's types: the IR is trusted to be well typed.

mod candid;
mod candid_decode;
mod candid_encode;
mod candid_work;
mod closure;
mod compare;
mod control;
mod error;
mod fixed;
mod float;
mod func;
mod layout;
mod lifecycle;
mod link;
mod module;
mod object;
mod pattern;
mod peephole;
mod pretty;
mod prim;
pub mod rt_abi;
mod show;
mod small_int;
mod stable;
mod types;

use crate::ir;

pub use candid::idl_hash;
pub use prim::{primitive_supported, PRIMITIVES};
pub use stable::{STABLE_FORMAT_VERSION, STABLE_HEADER_LEN, STABLE_MAGIC};

/// The texts embedded as custom sections.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// `icp:public candid:service`
    pub candid_service: String,
    /// `icp:private motoko:stable-types`
    pub stable_types: String,
}

/// Code generation options.
#[derive(Clone, Debug, Default)]
pub struct Options {}

/// The assembled runtime library that every canister links.
pub fn runtime_library() -> &'static [u8] {
    include_bytes!(concat!(env!("OUT_DIR"), "/runtime.wasm"))
}

/// What the runtime library lacks with respect to `rt_abi`: one line per runtime function that
/// is missing or has another signature. Empty when the library is complete; the code
/// generator replaces each such function by a stub that traps, so a test must check this.
pub fn runtime_library_problems() -> Vec<String> {
    match link::RuntimeLibrary::parse(runtime_library()) {
        Ok(library) => library.problems(),
        Err(error) => vec![error],
    }
}

/// Emits the canister module for `program`.
pub fn emit(program: &ir::Program, metadata: &Metadata, _options: &Options) -> Vec<u8> {
    let library = match link::RuntimeLibrary::parse(runtime_library()) {
        Ok(library) => library,
        // The library is a build artefact, not user input: a library that does not parse is a
        // broken build, and every test would report it.
        Err(error) => panic!("the runtime library is malformed: {error}"),
    };
    let mut module = module::ModuleBuilder::new(&library, program);
    lifecycle::generate(&mut module, program);
    module.finish_helpers();
    link::assemble(&library, module, metadata)
}
