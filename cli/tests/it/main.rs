//! End-to-end tests of minimo: the binary in separate processes, and upgrade scenarios run
//! in-process through the drun runner.

mod build_cmd;
mod candid_text;
mod compat;
mod compat_upgrade;
mod concurrency;
mod conformance_run;
mod deep_input;
mod limits;
mod output_errors;
mod registry;
mod scenarios;
mod state_dir;
mod support;
mod tutorial;
