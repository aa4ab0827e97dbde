//! minimo's VM: a small local replica of the Internet Computer that runs canister modules on
//! wasmtime.
//!
//! A [`Vm`] owns the engine and the `ic0` System API; a [`Canister`] holds one canister's status,
//! module, heap and stable memory and runs its messages ([`Canister::install`],
//! [`Canister::update`], [`Canister::query`], [`Canister::upgrade`], [`Canister::reinstall`]),
//! each atomic; a [`StateDir`] saves and loads canisters on disk, committing atomically, one
//! process at a time (it holds the directory's lock while it lives). Failed messages are
//! [`CallError`]s with the Internet Computer's codes and wording.
//!
//! The runtime sees Wasm bytes and custom sections only: it does not depend on the compiler, and
//! it never reads or writes a program's variables (stable variables are the program's own
//! business, through stable memory). There are no inter-canister calls, cycles or timers.
//!
//! ```no_run
//! use minimo_runtime::{Canister, Options, Vm};
//! # fn demo(wasm: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! let vm = Vm::new(Options::default())?;
//! let (canister, _prints) = Canister::install(&vm, "rwlgt-iiaaa-aaaaa-aaaaa-cai", wasm, b"DIDL\0\0");
//! let mut canister = canister?;
//! let outcome = canister.update(&vm, "inc", b"DIDL\0\0");
//! println!("{:?}", outcome.result);
//! # Ok(()) }
//! ```

mod canister;
mod engine;
mod error;
mod fingerprint;
mod host;
mod module_limits;
mod options;
pub mod principal;
mod progress;
mod snapshot;
mod stable_memory;
mod state_dir;
mod state_file;
mod state_fs;
mod state_lock;
mod state_meta;
mod upgrade;
mod validate;

pub use canister::{Canister, Outcome, Response, Status};
pub use engine::Vm;
pub use error::{CallError, ErrorCode, VmError};
pub use host::ExecutionContext;
pub use options::{
    Compiler, Limits, ModuleLimits, Options, Progress, ProgressReport, ProgressSink,
};
pub use stable_memory::PAGE_SIZE;
pub use state_dir::{StateDir, StateError};
pub use state_lock::{Access, Waiting, NOTICE_AFTER};
