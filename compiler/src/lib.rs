//! The minimo compiler: Motoko source to canister Wasm, Candid service and stable signature.

pub mod codegen;
pub mod ir;
