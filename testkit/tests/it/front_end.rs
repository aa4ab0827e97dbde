//! The front-end property (`minimo_testkit::source`) on generated programs, on mutations of the
//! repository's programs, and on the repository's programs themselves.

use minimo_testkit::{bounds, source};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::{config, gen_motoko, mutate};

fn programs() -> Vec<String> {
    mutate::texts(&mutate::files(
        &[
            "compiler/tests/programs",
            "examples",
            "stdlib/base",
            "cli/tests/upgrade",
        ],
        ".mo",
    ))
}

#[test]
fn repository_programs_keep_the_front_end_property() {
    let programs = programs();
    assert!(programs.len() > 50, "found {} programs", programs.len());
    for program in &programs {
        if let Err(why) = source::check_source(program) {
            panic!("{why}\n--- program:\n{program}");
        }
    }
}

#[test]
fn most_repository_programs_are_within_the_harness_bounds() {
    let programs = programs();
    let within = programs.iter().filter(|p| bounds::within(p)).count();
    assert!(
        within * 4 >= programs.len() * 3,
        "only {within} of {} programs are within the bounds",
        programs.len()
    );
}

#[test]
fn bounds_skip_long_input_but_not_deep_input() {
    assert!(!bounds::within(&" ".repeat(bounds::MAX_TEXT_BYTES + 1)));
    assert!(bounds::within(&"(".repeat(2_000)));
}

#[test]
fn input_past_the_nesting_limit_gets_well_formed_diagnostics() {
    for shape in [["(", ")"], ["[", "]"], ["do { ", " }"], ["?", ""]] {
        let [open, close] = shape;
        let program = format!("let x = {}1{};", open.repeat(1_001), close.repeat(1_001));
        if let Err(why) = source::check_source(&program) {
            panic!("{why}\n--- program starts:\n{}", &program[..40]);
        }
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn generated_programs_check_or_get_diagnostics(program in gen_motoko::program()) {
        source::check_source(&program)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- program:\n{program}")))?;
    }
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn mutated_repository_programs_get_diagnostics(
        index in any::<prop::sample::Index>(),
        edits in mutate::edits(),
    ) {
        thread_local! {
            static INPUTS: (Vec<String>, Vec<String>) = (programs(), mutate::motoko_dictionary());
        }
        let program = INPUTS.with(|(programs, dictionary)| {
            mutate::apply(&programs[index.index(programs.len())], &edits, dictionary)
        });
        source::check_source(&program)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- program:\n{program}")))?;
    }
}
