//! The short, bounded property runs that go with every `cargo test`: the same properties as
//! the fuzz targets (`minimo_testkit`), on inputs from proptest's generators (a grammar of
//! Motoko programs, of data types as `.most` and `.did`, of drun scripts; mutations of the
//! repository's own files; argument bytes steering the Candid value generator).
//!
//! Each harness runs a fixed number of cases, small enough for a few seconds on two cores;
//! `PROPTEST_CASES=N` runs N instead, for a longer run. Failures are shrunk and saved by
//! proptest in `testkit/tests/proptest-regressions/`, and replayed first afterwards.

mod arguments;
mod drun_scripts;
mod front_end;
mod gen_motoko;
mod gen_signatures;
mod mutate;
mod signatures;

use proptest::test_runner::Config;

/// `cases` cases, unless `PROPTEST_CASES` asks for another number.
pub fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        max_shrink_iters: 512,
        ..Config::default()
    }
}
