//! The VM's configuration: which compiler wasmtime uses, where compiled modules are cached, and
//! the per-message limits. Passed in as a value; the VM reads no environment or global flags.

use std::path::PathBuf;

/// Which wasmtime compiler turns canister Wasm into machine code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Compiler {
    /// The baseline compiler: compiles fast, runs slower. Right for short-lived processes.
    #[default]
    Winch,
    /// The optimising compiler: compiles slower, runs fast.
    Cranelift,
}

/// Instruction budgets and memory limits, with the Internet Computer's values as defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Instructions (wasmtime fuel) for one update call.
    pub update_instructions: u64,
    /// Instructions for one query call.
    pub query_instructions: u64,
    /// Instructions for an install or reinstall (start function and `canister_init`).
    pub install_instructions: u64,
    /// Instructions for an upgrade (`canister_pre_upgrade`, the start function of the new
    /// module and `canister_post_upgrade` together).
    pub upgrade_instructions: u64,
    /// The largest stable memory, in bytes (rounded down to whole 64 KiB pages).
    pub stable_memory_bytes: u64,
    /// The largest linear memory (heap), in bytes.
    pub heap_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            update_instructions: 40_000_000_000,
            query_instructions: 5_000_000_000,
            install_instructions: 300_000_000_000,
            upgrade_instructions: 300_000_000_000,
            stable_memory_bytes: 400 << 30,
            heap_bytes: 4 << 30,
        }
    }
}

/// Everything the VM can be configured with.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub compiler: Compiler,
    /// Where compiled modules are kept between processes; `None` compiles every time.
    pub cache_dir: Option<PathBuf>,
    pub limits: Limits,
}
