//! The signature property (`minimo_testkit::signatures`) on generated pairs of signatures, on
//! mutations of the repository's `.most` and `.did` files, and on those files themselves.

use minimo_testkit::signatures;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::{config, gen_signatures, mutate};

fn signature_files() -> Vec<String> {
    let mut paths = mutate::files(&["cli/tests/compat"], ".most");
    paths.extend(mutate::files(&["cli/tests/compat"], ".did"));
    mutate::texts(&paths)
}

#[test]
fn repository_signatures_keep_the_signature_property() {
    let texts = signature_files();
    assert!(texts.len() > 20, "found {} signature files", texts.len());
    for old in &texts {
        for new in &texts {
            if let Err(why) = signatures::check_pair(old, new) {
                panic!("{why}\n--- old:\n{old}\n--- new:\n{new}");
            }
        }
    }
}

#[test]
fn a_pair_splits_at_the_first_zero_byte() {
    assert_eq!(
        signatures::split_pair(b"old\0new\0more"),
        ("old".to_string(), "new\0more".to_string())
    );
    assert_eq!(
        signatures::split_pair(b"only"),
        ("only".to_string(), String::new())
    );
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn generated_stable_signatures_compare_without_failing(
        (old, new) in gen_signatures::signature_pair(),
    ) {
        let (old, new) = (old.most(), new.most());
        signatures::check_pair(&old, &new)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- old:\n{old}\n--- new:\n{new}")))?;
    }

    #[test]
    fn generated_candid_services_compare_without_failing(
        (old, new) in gen_signatures::signature_pair(),
    ) {
        let (old, new) = (old.did(), new.did());
        signatures::check_pair(&old, &new)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- old:\n{old}\n--- new:\n{new}")))?;
    }

    #[test]
    fn mutated_repository_signatures_compare_without_failing(
        old in any::<prop::sample::Index>(),
        new in any::<prop::sample::Index>(),
        edits in mutate::edits(),
    ) {
        thread_local! {
            static INPUTS: (Vec<String>, Vec<String>) =
                (signature_files(), mutate::signatures_dictionary());
        }
        let (old, new) = INPUTS.with(|(texts, dictionary)| {
            let old = texts[old.index(texts.len())].clone();
            let new = mutate::apply(&texts[new.index(texts.len())], &edits, dictionary);
            (old, new)
        });
        signatures::check_pair(&old, &new)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- old:\n{old}\n--- new:\n{new}")))?;
    }
}
