//! The VM's configuration: which compiler wasmtime uses, where compiled modules are cached, the
//! Internet Computer's limits (instruction budgets, memory, message and module sizes), and how
//! a long message reports progress. Passed in as a value; the VM reads no environment or global
//! flags, and it never prints: progress goes to the callback given here.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Which wasmtime compiler turns canister Wasm into machine code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Compiler {
    /// The baseline compiler: compiles fast, runs slower. Right for short-lived processes.
    #[default]
    Winch,
    /// The optimising compiler: compiles slower, runs fast.
    Cranelift,
}

const MIB: u64 = 1 << 20;

/// Instruction budgets, memory limits and message sizes, with the Internet Computer's values as
/// defaults (those of an application subnet).
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
    /// The largest reply (or reject message) of an update, in bytes: the replica's limit on an
    /// inter-canister payload, which also bounds what an ingress message may answer.
    pub reply_bytes: u64,
    /// The largest reply (or reject message) of a query, in bytes. A query called from outside
    /// runs on one replica only, which allows it a larger reply than an update.
    pub query_reply_bytes: u64,
    /// The largest argument of a message (update, query, install or upgrade), in bytes: the
    /// replica refuses a larger ingress message before any canister sees it.
    pub argument_bytes: u64,
    /// What a module must respect to be installed.
    pub module: ModuleLimits,
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
            reply_bytes: 2 * MIB,
            query_reply_bytes: 3 * MIB,
            argument_bytes: 2 * MIB,
            module: ModuleLimits::default(),
        }
    }
}

impl Limits {
    /// These limits with every instruction budget lowered to at most `cap` (budgets already
    /// below it stay as they are).
    pub fn with_instruction_cap(self, cap: u64) -> Limits {
        Limits {
            update_instructions: self.update_instructions.min(cap),
            query_instructions: self.query_instructions.min(cap),
            install_instructions: self.install_instructions.min(cap),
            upgrade_instructions: self.upgrade_instructions.min(cap),
            ..self
        }
    }
}

/// The replica's limits on a canister module, checked when a module is installed, reinstalled
/// or upgraded to (a module already installed is not checked again when it is loaded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleLimits {
    /// The size of the module, in bytes.
    pub bytes: u64,
    /// The size of the code section, in bytes.
    pub code_section_bytes: u64,
    /// Functions the module defines (imports not counted).
    pub functions: u64,
    /// Globals the module defines.
    pub globals: u64,
    /// Exported methods: functions named `canister_update <name>`, `canister_query <name>` or
    /// `canister_composite_query <name>`.
    pub exported_methods: u64,
    /// The sum of the lengths of those methods' `<name>`s, in bytes.
    pub exported_method_name_bytes: u64,
    /// Custom sections named `icp:public <name>` or `icp:private <name>` (others, such as a
    /// `name` section, are not counted, as the replica ignores them).
    pub custom_sections: u64,
    /// The total size of those sections, each counted as its `<name>` plus its content.
    pub custom_section_bytes: u64,
}

impl Default for ModuleLimits {
    fn default() -> ModuleLimits {
        ModuleLimits {
            bytes: 100 * MIB,
            code_section_bytes: 10 * MIB,
            functions: 50_000,
            globals: 1_000,
            exported_methods: 1_000,
            exported_method_name_bytes: 20_000,
            custom_sections: 16,
            custom_section_bytes: MIB,
        }
    }
}

/// What a long message reports: which code is running where, and how far it got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressReport {
    /// The canister's id, as given when the canister was created.
    pub canister: String,
    /// The export that runs (`canister_update inc`, `canister_pre_upgrade`, ...), or
    /// `start function` while a module is instantiated.
    pub export: String,
    /// Instructions used so far by the operation (an upgrade counts its earlier steps too).
    pub instructions: u64,
    /// The operation's instruction limit.
    pub limit: u64,
    /// Wall-clock time since the running export started.
    pub elapsed: Duration,
}

/// Receives progress reports; called on the thread that runs the message, from inside it.
pub type ProgressSink = Arc<dyn Fn(&ProgressReport) + Send + Sync>;

/// Progress reporting for long messages: a message that runs longer than `interval` is reported
/// to `sink`, then again after every further `interval`. A message shorter than `interval` is
/// never reported.
#[derive(Clone)]
pub struct Progress {
    pub interval: Duration,
    pub sink: ProgressSink,
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Progress")
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

/// Everything the VM can be configured with.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub compiler: Compiler,
    /// Where compiled modules are kept between processes; `None` compiles every time.
    pub cache_dir: Option<PathBuf>,
    pub limits: Limits,
    /// `None`: no progress reports (and no cost for them in the compiled code).
    pub progress: Option<Progress>,
}
