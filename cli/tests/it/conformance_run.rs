//! The `run/` cases of the conformance corpus: `minimo run NAME.mo`, from inside `run/`, must
//! print `NAME.stdout` exactly, and its exit status must agree with `ok`. The outcome of every
//! case is kept in a ledger snapshot (`snapshots/conformance/`), so progress and regressions
//! show up as a diff of one line each; the test fails only when the ledger changes.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

fn corpus() -> PathBuf {
    let path = crate::support::repo().join("tests/conformance/run");
    assert!(
        path.is_dir(),
        "the conformance corpus is missing: expected it at {}",
        path.display()
    );
    path
}

#[derive(serde::Deserialize)]
struct Expected {
    ok: bool,
    stderr: String,
}

/// Runs one case; `Ok` when it passes, else what differs.
fn run_case(dir: &std::path::Path, name: &str) -> Result<(), String> {
    let expected_stdout = std::fs::read_to_string(dir.join(format!("{name}.stdout")))
        .map_err(|error| format!("no expected stdout: {error}"))?;
    let expected: Expected = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.expected.json")))
            .map_err(|error| format!("no expected json: {error}"))?,
    )
    .map_err(|error| format!("bad expected json: {error}"))?;
    let output = Command::new(env!("CARGO_BIN_EXE_minimo"))
        .args(["run", &format!("{name}.mo")])
        .current_dir(dir)
        .output()
        .map_err(|error| format!("minimo does not run: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let ok = output.status.success();
    if ok != expected.ok {
        let first = stderr.lines().next().unwrap_or("").to_string();
        return Err(format!(
            "exit status {:?}, expected {}: {first}",
            output.status.code(),
            if expected.ok { "success" } else { "failure" }
        ));
    }
    if stdout != expected_stdout {
        let line = stdout
            .lines()
            .zip(expected_stdout.lines())
            .position(|(got, want)| got != want)
            .unwrap_or_else(|| stdout.lines().count().min(expected_stdout.lines().count()));
        return Err(format!("stdout differs from line {}", line + 1));
    }
    if !expected.ok {
        let want = expected
            .stderr
            .lines()
            .find(|line| line.contains("execution error"));
        let got = stderr.lines().find(|line| line.contains("execution error"));
        if want.is_some() && want != got {
            return Err(format!(
                "stdout matches, but the trap line is {got:?}, not {want:?}"
            ));
        }
    }
    Ok(())
}

#[test]
fn conformance_run_cases_ledger() {
    let dir = corpus();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus is readable")
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".mo").map(str::to_string)
        })
        .collect();
    names.sort();
    let mut ledger = String::new();
    let mut passed = 0;
    for name in &names {
        match run_case(&dir, name) {
            Ok(()) => {
                passed += 1;
                let _ = writeln!(ledger, "pass {name}");
            }
            Err(reason) => {
                let _ = writeln!(ledger, "FAIL {name}: {reason}");
            }
        }
    }
    let summary = format!("conformance run/: {passed}/{} passed", names.len());
    println!("{summary}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(crate::support::repo().join("snapshots/conformance"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!("run_ledger", format!("{summary}\n{ledger}"));
    });
}
