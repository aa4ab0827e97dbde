//! Code generation: IR to a canister module (placeholder until the code generator lands).

pub mod rt_abi;

use crate::ir;

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

/// Emits the canister module for `program`.
pub fn emit(_program: &ir::Program, _metadata: &Metadata, _options: &Options) -> Vec<u8> {
    wasm_encoder::Module::new().finish()
}
