//! The library behind the `minimo` binary: each command as a function, so that tests can run
//! them in-process. `main.rs` only parses the command line and dispatches here.

pub mod candid_depth;
pub mod candid_strings;
pub mod candid_text;
pub mod canister_cmds;
pub mod compile;
pub mod drun;
pub mod failure;
pub mod input;
pub mod output;
pub mod run;
pub mod state;
pub mod upgrade_check;
pub mod vm_settings;
