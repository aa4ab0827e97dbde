//! Upgrade scenarios: `cli/tests/upgrade/<case>/script.drun` with the programs beside it.
//!
//! Each scenario runs twice: once as written, and once with an upgrade to the code the canister
//! currently runs inserted after every call. Both runs must give the same output for every line
//! of the script: an upgrade to the same code must be invisible. The exception is a scenario
//! about flexible state, which an upgrade resets by design: its script says so with the line
//! `# flexible state is reset by the self-upgrades`, and then the second run is snapshotted
//! beside the first instead of compared with it. Output is snapshotted with each reply
//! decoded as Candid text beside it.

use std::fmt::Write as _;
use std::path::Path;

use minimo_cli::drun::{parse_script, Runner, Step};
use minimo_cli::vm_settings::VmSettings;

/// The line by which a script says that self-upgrades change its replies (flexible state).
const FLEXIBLE_MARKER: &str = "# flexible state is reset by the self-upgrades";

/// Runs `steps`; with `self_upgrades`, upgrades every canister to its current code after each
/// call. Returns the output of the script's own steps only.
fn run(base: &Path, steps: &[Step], self_upgrades: bool) -> Vec<String> {
    let mut runner = Runner::new(base, &VmSettings::default()).expect("a runner");
    let mut current: std::collections::BTreeMap<String, String> = Default::default();
    let mut outputs = Vec::new();
    for step in steps {
        let output = runner.step(step).expect("the step runs");
        let succeeded = output
            .lines()
            .last()
            .is_some_and(|line| line.contains("Completed"));
        match step {
            Step::Install { id, file, .. }
            | Step::Upgrade { id, file, .. }
            | Step::Reinstall { id, file, .. } => {
                if succeeded {
                    current.insert(id.clone(), file.clone());
                }
            }
            Step::Ingress { id, .. } | Step::Query { id, .. } => {
                if self_upgrades {
                    let file = current.get(id).expect("calls follow an install").clone();
                    let upgrade = Step::Upgrade {
                        id: id.clone(),
                        file,
                        arg: Vec::new(),
                    };
                    let result = runner.step(&upgrade).expect("the upgrade runs");
                    assert!(
                        result.ends_with("ingress Completed: Reply: 0x4449444c0000\n"),
                        "self-upgrade failed: {result}"
                    );
                }
            }
        }
        outputs.push(output);
    }
    outputs
}

/// Adds the decoded Candid text after every reply line, for a reader of the snapshot.
fn annotate(output: &str) -> String {
    let mut annotated = String::new();
    for line in output.lines() {
        annotated.push_str(line);
        if let Some(hex) = line.split("Reply: 0x").nth(1) {
            let bytes = minimo_cli::drun::parse_blob(&format!("0x{hex}")).expect("hex");
            if let Ok(text) = minimo_cli::candid_text::render_untyped(&bytes) {
                let _ = write!(annotated, "    // {text}");
            }
        }
        annotated.push('\n');
    }
    annotated
}

#[test]
fn upgrade_scenarios_give_the_same_replies_with_and_without_self_upgrades() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(crate::support::repo().join("snapshots/scenarios"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../upgrade", "*/script.drun", |path| {
            let base = path.parent().expect("a case folder");
            let text = std::fs::read_to_string(path).expect("the script is readable");
            let steps = parse_script(&text).expect("the script parses");
            let plain = run(base, &steps, false);
            let with_upgrades = run(base, &steps, true);
            let resets_flexible_state = text.contains(FLEXIBLE_MARKER);
            if !resets_flexible_state {
                assert_eq!(
                    plain,
                    with_upgrades,
                    "self-upgrades changed the output of {}",
                    path.display()
                );
            }

            let mut story = String::new();
            let mut files: Vec<_> = std::fs::read_dir(base)
                .expect("readable")
                .flatten()
                .map(|entry| entry.path())
                .collect();
            files.sort();
            for file in files
                .iter()
                .filter(|file| file.extension().is_some_and(|ext| ext == "mo"))
            {
                let name = file.file_name().expect("a name").to_string_lossy();
                let _ = writeln!(
                    story,
                    "----- {name}\n{}",
                    std::fs::read_to_string(file).expect("readable").trim_end()
                );
            }
            let _ = writeln!(story, "----- script.drun\n{}", text.trim_end());
            let _ = writeln!(story, "----- output");
            for output in &plain {
                story.push_str(&annotate(output));
            }
            if resets_flexible_state {
                let _ = writeln!(
                    story,
                    "----- output with an upgrade to the same code after every call"
                );
                for output in &with_upgrades {
                    story.push_str(&annotate(output));
                }
            }
            insta::assert_snapshot!(story);
        });
    });
}
