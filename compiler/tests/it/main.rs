//! The compiler's integration tests: one binary, one module per area.

mod backend;
mod frontend;
mod fuzz_regressions;
