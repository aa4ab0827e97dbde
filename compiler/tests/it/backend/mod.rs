//! Tests of the code generator and the runtime library, run in the VM.

mod runtime_library;
