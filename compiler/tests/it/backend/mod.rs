//! Tests of the code generator and the runtime library, run in the VM.

mod codegen;
mod codegen_fixed_words;
mod codegen_lang;
mod codegen_prim;
mod codegen_run;
mod codegen_show;
mod codegen_source;
mod codegen_stable_deep;
mod codegen_stable_format;
mod codegen_stable_identity;
mod codegen_stable_types;
mod codegen_support;
mod codegen_upgrade;
mod codegen_values;
mod runtime_library;
