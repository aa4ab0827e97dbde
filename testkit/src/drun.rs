//! The drun property: any script text given to `minimo drun`'s reader and runner ends in its
//! output or in an error value, never a panic; the output is made of drun's line forms only.
//!
//! Scripts name their modules as the repository's drun scripts do (`counter.mo`, `v1.mo`, or
//! `<case>/v1.mo` for the upgrade scenarios), and [`ScriptModules`] serves them from memory,
//! compiled once; any other name is an error, as a missing file is. Nothing touches the disk.
//! The first byte of a fuzz input chooses whether `upgrade` lines are checked (`--check-upgrades`)
//! and with which `--yes`.

use std::collections::BTreeMap;
use std::rc::Rc;

use minimo_cli::drun::Runner;
use minimo_cli::failure::Failure;
use minimo_compiler::codegen;

use crate::{bounds, canister, Verdict};

/// The programs scripts may name: each upgrade scenario's under `<case>/<file>`, the first
/// scenario's also under its bare file name (as its script names them), and the tutorial's.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "counter.mo",
        include_str!("../../examples/counter/counter.mo"),
    ),
    (
        "counter_v2.mo",
        include_str!("../../examples/counter/counter_v2.mo"),
    ),
    (
        "counter/v1.mo",
        include_str!("../../cli/tests/upgrade/counter/v1.mo"),
    ),
    (
        "counter/v2.mo",
        include_str!("../../cli/tests/upgrade/counter/v2.mo"),
    ),
    (
        "flexible_resets/v1.mo",
        include_str!("../../cli/tests/upgrade/flexible_resets/v1.mo"),
    ),
    (
        "nat_to_int/v1.mo",
        include_str!("../../cli/tests/upgrade/nat_to_int/v1.mo"),
    ),
    (
        "nat_to_int/v2.mo",
        include_str!("../../cli/tests/upgrade/nat_to_int/v2.mo"),
    ),
    (
        "postupgrade_trap/v1.mo",
        include_str!("../../cli/tests/upgrade/postupgrade_trap/v1.mo"),
    ),
    (
        "postupgrade_trap/v2.mo",
        include_str!("../../cli/tests/upgrade/postupgrade_trap/v2.mo"),
    ),
    (
        "query_no_trace/v1.mo",
        include_str!("../../cli/tests/upgrade/query_no_trace/v1.mo"),
    ),
    (
        "throw_rejects_and_keeps_state/v1.mo",
        include_str!("../../cli/tests/upgrade/throw_rejects_and_keeps_state/v1.mo"),
    ),
];

/// The compiled programs, by the names scripts use.
#[derive(Clone)]
pub struct ScriptModules {
    modules: Rc<BTreeMap<String, Vec<u8>>>,
}

impl ScriptModules {
    /// Compiles every program (a second or two in a debug build).
    pub fn new() -> ScriptModules {
        let mut modules = BTreeMap::new();
        for &(name, source) in PROGRAMS {
            let compiled = minimo_compiler::compile(name, source, &codegen::Options::default())
                .unwrap_or_else(|_| panic!("the script program {name} compiles"));
            if let Some(file) = name.strip_prefix("counter/") {
                modules.insert(file.to_string(), compiled.wasm.clone());
            }
            // A module under a `.wasm` name too, as scripts may install built modules.
            modules.insert(name.replace(".mo", ".wasm"), compiled.wasm.clone());
            modules.insert(name.to_string(), compiled.wasm);
        }
        ScriptModules {
            modules: Rc::new(modules),
        }
    }

    /// The names scripts may use.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.modules.keys().map(String::as_str)
    }

    fn load(&self, file: &str) -> Result<Vec<u8>, Failure> {
        self.modules
            .get(file)
            .cloned()
            .ok_or_else(|| Failure::usage(format!("cannot read {file}: no such module")))
    }
}

impl Default for ScriptModules {
    fn default() -> ScriptModules {
        ScriptModules::new()
    }
}

/// Checks the drun property on fuzz bytes: the first byte picks the upgrade checks, the rest
/// is the script.
pub fn check_script_bytes(modules: &ScriptModules, data: &[u8]) -> Verdict {
    let Some((&flags, script)) = data.split_first() else {
        return Ok(());
    };
    let checks = match flags % 3 {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    check_script(modules, &String::from_utf8_lossy(script), checks)
}

/// Checks the drun property on `script`; `checks` as `minimo drun`'s `--check-upgrades`
/// (`None` without it, `Some(yes)` with it and `--yes` if `yes`).
pub fn check_script(modules: &ScriptModules, script: &str, checks: Option<bool>) -> Verdict {
    if script.len() > bounds::MAX_TEXT_BYTES {
        return Ok(());
    }
    let served = modules.clone();
    let mut runner = Runner::with_loader(canister::fuzz_vm(), move |file| served.load(file));
    if let Some(yes) = checks {
        runner = runner.with_upgrade_checks(yes);
    }
    let output = match runner.run_text(script) {
        Ok(output) => output,
        Err(failure) => {
            return if failure.message.is_empty() {
                Err("a script failed without saying why".to_string())
            } else {
                Ok(())
            };
        }
    };
    if checks.is_some() {
        // The upgrade check's report has lines of its own.
        return Ok(());
    }
    match output.lines().find(|line| !drun_line(line)) {
        Some(line) => Err(format!(
            "the output has a line drun does not write: {line:?}"
        )),
        None => Ok(()),
    }
}

/// Whether `line` has one of drun's forms.
fn drun_line(line: &str) -> bool {
    const FORMS: &[&str] = &[
        "debug.print: ",
        "ingress Completed: Reply: 0x",
        "ingress Completed: Reject: ",
        "ingress Err: IC0",
        "Ok: Reply: 0x",
        "Ok: Reject: ",
        "Err: IC0",
    ];
    FORMS.iter().any(|form| line.starts_with(form))
}
