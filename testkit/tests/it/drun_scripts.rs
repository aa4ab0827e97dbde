//! The drun property (`minimo_testkit::drun`) on scripts from a small line grammar, on
//! mutations of the repository's scripts, and on those scripts themselves.

use minimo_testkit::drun::{check_script, ScriptModules};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::{config, mutate};

thread_local! {
    static MODULES: ScriptModules = ScriptModules::new();
}

/// The repository's scripts, naming their programs as the harness serves them.
fn scripts() -> Vec<String> {
    let mut scripts = vec![include_str!("../../../examples/counter/counter.drun").to_string()];
    for path in mutate::files(&["cli/tests/upgrade"], "script.drun") {
        let case = path
            .parent()
            .and_then(|dir| dir.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("a script reads");
        scripts.push(
            text.replace(" v1.mo ", &format!(" {case}/v1.mo "))
                .replace(" v2.mo ", &format!(" {case}/v2.mo ")),
        );
    }
    scripts
}

fn line() -> impl Strategy<Value = String> {
    let command = prop::sample::select(
        &[
            "install",
            "upgrade",
            "reinstall",
            "ingress",
            "query",
            "frobnicate",
            "",
        ][..],
    );
    let id = prop::sample::select(&["$ID", "$ID", "$OTHER", "rwlgt-iiaaa-aaaaa-aaaaa-cai"][..]);
    let target = prop_oneof![
        prop::sample::select(
            &[
                "counter.mo",
                "counter_v2.mo",
                "v1.mo",
                "v2.mo",
                "nat_to_int/v2.mo",
                "postupgrade_trap/v2.mo",
                "counter.wasm",
                "missing.mo",
            ][..]
        )
        .prop_map(str::to_string),
        prop::sample::select(&["inc", "get", "add", "take", "inc_then_throw", "nope"][..])
            .prop_map(str::to_string),
        "[a-z_./]{0,8}",
    ];
    let arg = prop_oneof![
        Just(String::new()),
        Just("\"DIDL\\x00\\x00\"".to_string()),
        Just("0x4449444c0000".to_string()),
        Just("\"DIDL\\x00\\x01\\x7d\\x05\"".to_string()),
        "0x[0-9a-f]{0,24}",
        "\"DIDL(\\\\x[0-9a-f]{2}){0,8}\"",
        "\"[ -~]{0,10}\"",
        "[ -~]{0,10}",
    ];
    (command, id, target, arg).prop_map(|(c, i, t, a)| format!("{c} {i} {t} {a}"))
}

#[test]
fn repository_scripts_keep_the_drun_property() {
    MODULES.with(|modules| {
        for script in scripts() {
            for checks in [None, Some(false), Some(true)] {
                if let Err(why) = check_script(modules, &script, checks) {
                    panic!("{why}\n--- script:\n{script}");
                }
            }
        }
    });
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn generated_scripts_run_or_fail_with_an_error(
        lines in prop::collection::vec(line(), 0..8),
        checks in prop::option::of(any::<bool>()),
    ) {
        // A script that installs first reaches the later lines more often.
        let script = format!("install $ID counter.mo \"\"\n{}\n", lines.join("\n"));
        MODULES.with(|modules| check_script(modules, &script, checks))
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- script:\n{script}")))?;
    }

    #[test]
    fn mutated_repository_scripts_run_or_fail_with_an_error(
        index in any::<prop::sample::Index>(),
        edits in mutate::edits(),
        checks in prop::option::of(any::<bool>()),
    ) {
        thread_local! {
            static INPUTS: (Vec<String>, Vec<String>) = (scripts(), mutate::drun_dictionary());
        }
        let script = INPUTS.with(|(scripts, dictionary)| {
            mutate::apply(&scripts[index.index(scripts.len())], &edits, dictionary)
        });
        MODULES.with(|modules| check_script(modules, &script, checks))
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- script:\n{script}")))?;
    }
}
