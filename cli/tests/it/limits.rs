//! The command line's bounds: files that are not regular files or are too large are refused at
//! once with their name, `--instruction-limit` stops a loop early with IC0522, and
//! `--progress-interval` makes a long message print progress lines (a short one prints none).

use std::fs;
use std::path::Path;

use minimo_cli::vm_settings::{parse_instruction_limit, parse_progress_interval, progress_line};
use minimo_runtime::ProgressReport;

use crate::support::{stderr, Sandbox};

/// An endless loop in a script's top level, which is the canister's `canister_init`.
const SPIN: &str = "var i = 0;\nwhile (true) { i += 1 };\n";

/// A file of `len` bytes that takes no disk space (the size is in the metadata only).
fn sparse(path: &Path, len: u64) {
    fs::File::create(path)
        .and_then(|file| file.set_len(len))
        .expect("a sparse file");
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).expect("the file is written");
}

fn path(sandbox: &Sandbox, name: &str) -> String {
    sandbox.dir.path().join(name).display().to_string()
}

#[test]
fn drun_with_a_device_as_its_module_fails_at_once_naming_it() {
    let sandbox = Sandbox::new();
    let script = path(&sandbox, "zero.drun");
    write(Path::new(&script), "install $ID /dev/zero \"\"\n");
    let output = sandbox.minimo(&["drun", &script]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "/dev/zero: the source file is a character device, not a regular file\n"
    );
}

#[test]
fn a_source_over_the_limit_is_refused_without_being_read() {
    let sandbox = Sandbox::new();
    let big = path(&sandbox, "big.mo");
    sparse(Path::new(&big), 33 << 20);
    let output = sandbox.minimo(&["check", &big]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("{big}: the source file (34603008 bytes) is larger than the limit of 32 MiB\n")
    );
}

#[test]
fn an_imported_file_over_the_limit_is_an_import_error() {
    let sandbox = Sandbox::new();
    sparse(&sandbox.dir.path().join("lib.mo"), 33 << 20);
    let main = path(&sandbox, "main.mo");
    write(Path::new(&main), "import L \"lib\";\nlet x = 1;\n");
    let output = sandbox.minimo(&["check", &main]);
    assert_eq!(output.status.code(), Some(1));
    let lib = path(&sandbox, "lib.mo");
    assert!(
        stderr(&output).contains(&format!(
            "file \"lib\" cannot be read: {lib}: the imported file (34603008 bytes) is larger than the limit of 32 MiB"
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_signature_that_is_a_directory_is_refused() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().display().to_string();
    let output = sandbox.minimo(&["stable-compatible", &dir, &dir]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("{dir}: the stable signature is a directory, not a regular file\n")
    );
}

#[test]
fn a_lowered_instruction_limit_stops_a_loop_early_with_ic0522() {
    let sandbox = Sandbox::new();
    let spin = path(&sandbox, "spin.mo");
    write(Path::new(&spin), SPIN);
    let output = sandbox.minimo(&["--instruction-limit", "5M", "run", &spin]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        stderr(&output),
        format!("{spin}: execution error, IC0522: Canister script exceeded the instruction limit for single message execution.\n")
    );
}

#[test]
fn a_long_message_prints_progress_lines() {
    let sandbox = Sandbox::new();
    let spin = path(&sandbox, "spin.mo");
    write(Path::new(&spin), SPIN);
    let output = sandbox.minimo(&[
        "--instruction-limit",
        "1B",
        "--progress-interval",
        "0.05",
        "run",
        &spin,
    ]);
    assert_eq!(output.status.code(), Some(3));
    let text = stderr(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (last, progress) = lines.split_last().expect("stderr has lines");
    assert!(last.contains("IC0522"), "{text}");
    assert!(!progress.is_empty(), "no progress line:\n{text}");
    for line in progress {
        assert!(
            line.starts_with(&format!(
                "minimo: canister_init of {spin} still running after "
            )) && line.ends_with(" of 1 B instructions"),
            "{line}"
        );
    }
}

#[test]
fn a_short_message_prints_no_progress_line() {
    let sandbox = Sandbox::new();
    let hello = path(&sandbox, "hello.mo");
    write(Path::new(&hello), "let x = 1 + 1;\n");
    let output = sandbox.minimo(&["--progress-interval", "0.05", "run", &hello]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn an_instruction_limit_may_use_separators_and_suffixes() {
    assert_eq!(parse_instruction_limit("5000000"), Ok(5_000_000));
    assert_eq!(parse_instruction_limit("5_000_000"), Ok(5_000_000));
    assert_eq!(parse_instruction_limit("250K"), Ok(250_000));
    assert_eq!(parse_instruction_limit("5M"), Ok(5_000_000));
    assert_eq!(parse_instruction_limit("2b"), Ok(2_000_000_000));
    assert!(parse_instruction_limit("0").is_err());
    assert!(parse_instruction_limit("5x").is_err());
    assert!(parse_instruction_limit("M").is_err());
    assert!(parse_instruction_limit("99999999999B").is_err());
}

#[test]
fn a_progress_interval_is_in_seconds_and_zero_turns_it_off() {
    use std::time::Duration;
    assert_eq!(
        parse_progress_interval("0.5"),
        Ok(Duration::from_millis(500))
    );
    assert_eq!(parse_progress_interval("0"), Ok(Duration::ZERO));
    assert!(parse_progress_interval("-1").is_err());
    assert!(parse_progress_interval("soon").is_err());
}

#[test]
fn a_progress_line_gives_instructions_in_millions_or_billions() {
    let report = ProgressReport {
        canister: "rwlgt-iiaaa-aaaaa-aaaaa-cai".to_string(),
        export: "canister_pre_upgrade".to_string(),
        instructions: 12_345_678_901,
        limit: 300_000_000_000,
        elapsed: std::time::Duration::from_millis(10_040),
    };
    assert_eq!(
        progress_line(&report, Some("counter")),
        "minimo: canister_pre_upgrade of counter still running after 10.0 s: 12.3 B of 300 B instructions"
    );
    let small = ProgressReport {
        instructions: 4_500_000,
        limit: 999_999,
        ..report
    };
    assert_eq!(
        progress_line(&small, None),
        "minimo: canister_pre_upgrade of rwlgt-iiaaa-aaaaa-aaaaa-cai still running after 10.0 s: 4.5 M of 999999 instructions"
    );
}
