//! The short, bounded property runs that go with every `cargo test`: the same properties as
//! the fuzz targets (`minimo_testkit`), on inputs from proptest's generators (a grammar of
//! Motoko programs, of data types as `.most` and `.did`, of drun scripts; mutations of the
//! repository's own files; argument bytes steering the Candid value generator).
//!
//! Each harness runs a fixed number of cases from a fixed seed, small enough for a few seconds
//! on two cores, so that every run of the suite tries the same inputs; `PROPTEST_CASES=N` runs
//! N instead and `PROPTEST_RNG_SEED=S` starts from another seed, for a longer or a new run (the
//! open-ended search is the fuzz targets' job). Failures are shrunk and saved by
//! proptest in `testkit/tests/proptest-regressions/`, and replayed first afterwards.

mod arguments;
mod drun_scripts;
mod front_end;
mod gen_motoko;
mod gen_signatures;
mod mutate;
mod signatures;

use proptest::test_runner::{Config, RngSeed};

/// The seed of every harness unless `PROPTEST_RNG_SEED` names another.
const SEED: u64 = 0x6d69_6e69_6d6f;

/// `cases` cases from [`SEED`], unless `PROPTEST_CASES` or `PROPTEST_RNG_SEED` say otherwise.
pub fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let defaults = Config::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
        defaults.rng_seed
    } else {
        RngSeed::Fixed(SEED)
    };
    Config {
        cases,
        rng_seed,
        max_shrink_iters: 512,
        ..defaults
    }
}
