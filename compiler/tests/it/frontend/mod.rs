//! Tests of the front end: syntax, types, signatures, conformance.

mod class_types;
mod compat_explain;
mod conformance;
mod deep_input;
mod expr_forms;
mod lowering;
mod programs;
mod run_scripts;
mod script_values;
mod throw_catch;
mod type_bounds;
mod typed_forms;
