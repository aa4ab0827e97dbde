//! The explanations of `minimo stable-compatible` and `minimo candid-compatible`, run as a
//! user runs them: each case folder `cli/tests/compat/<case>/` holds `old.most` and
//! `new.most`, or `old.did` and `new.did`; the snapshot shows both inputs, the exit status
//! and everything printed, in `snapshots/compat/`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// Runs `minimo COMMAND old.EXT new.EXT` inside the case folder (so that the printed file
/// names do not depend on where the repository lives) and tells the story of the run.
fn story(case: &Path, command: &str, ext: &str) -> String {
    let old = format!("old.{ext}");
    let new = format!("new.{ext}");
    let output = Command::new(env!("CARGO_BIN_EXE_minimo"))
        .args([command, &old, &new])
        .current_dir(case)
        .output()
        .expect("minimo runs");
    let mut story = String::new();
    for file in [&old, &new] {
        let text = std::fs::read_to_string(case.join(file)).expect("readable");
        let _ = writeln!(story, "----- {file}\n{}", text.trim_end());
    }
    let _ = writeln!(story, "----- exit status: {:?}", output.status.code());
    let _ = writeln!(story, "----- stdout");
    story.push_str(&String::from_utf8_lossy(&output.stdout));
    let _ = writeln!(story, "----- stderr");
    story.push_str(&String::from_utf8_lossy(&output.stderr));
    story
}

fn with_snapshots(run: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(crate::support::repo().join("snapshots/compat"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(run);
}

#[test]
fn stable_compatible_explains_each_finding() {
    with_snapshots(|| {
        insta::glob!("../compat", "*/old.most", |path| {
            let case = path.parent().expect("a case folder");
            insta::assert_snapshot!(story(case, "stable-compatible", "most"));
        });
    });
}

#[test]
fn candid_compatible_explains_each_break() {
    with_snapshots(|| {
        insta::glob!("../compat", "*/old.did", |path| {
            let case = path.parent().expect("a case folder");
            insta::assert_snapshot!(story(case, "candid-compatible", "did"));
        });
    });
}

#[test]
fn stable_compatible_exits_by_verdict() {
    let base = crate::support::repo().join("cli/tests/compat");
    let status = |case: &str| {
        Command::new(env!("CARGO_BIN_EXE_minimo"))
            .args(["stable-compatible", "old.most", "new.most"])
            .current_dir(base.join(case))
            .output()
            .expect("minimo runs")
            .status
            .code()
    };
    assert_eq!(status("nat_to_int_compatible"), Some(0));
    assert_eq!(status("removed_variable"), Some(0), "warnings alone pass");
    assert_eq!(status("int_to_nat"), Some(1));
}

#[test]
fn a_signature_that_does_not_parse_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("old.most"), "actor { stable var x : Nat }").expect("written");
    std::fs::write(dir.path().join("new.most"), "actor { stable var x : }").expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_minimo"))
        .args(["stable-compatible", "old.most", "new.most"])
        .current_dir(dir.path())
        .output()
        .expect("minimo runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("new.most"), "{stderr}");
}

#[test]
fn a_candid_file_that_does_not_parse_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("old.did"),
        "service : { get : () -> (nat) }",
    )
    .expect("written");
    std::fs::write(dir.path().join("new.did"), "service : { get : ( -> }").expect("written");
    let output = Command::new(env!("CARGO_BIN_EXE_minimo"))
        .args(["candid-compatible", "old.did", "new.did"])
        .current_dir(dir.path())
        .output()
        .expect("minimo runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("new.did"), "{stderr}");
}
