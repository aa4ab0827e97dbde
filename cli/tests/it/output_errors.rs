//! Output that cannot be written: a full device (`> /dev/full`) or a reader that has gone
//! (`| head -c1`) ends a command with status 2, never a panic, and what is on disk matches
//! what was reported.

use std::fs::File;
use std::process::{Output, Stdio};

use crate::support::{stderr, Sandbox};

fn dev_full() -> Stdio {
    File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens")
        .into()
}

fn deployed() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    sandbox
}

/// Runs `minimo ARGS` with its stdout a pipe whose reading end is closed before it writes.
fn with_reader_gone(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut child = sandbox
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minimo runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("minimo ends")
}

fn assert_failed_cleanly(output: &Output, what: &str) {
    let stderr = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

#[test]
fn a_call_whose_reply_meets_a_full_device_fails_and_says_its_change_was_saved() {
    let sandbox = deployed();
    let output = sandbox
        .command(&["call", "counter", "inc"])
        .stdout(dev_full())
        .output()
        .expect("minimo runs");
    assert_failed_cleanly(&output, "call > /dev/full");
    let stderr = stderr(&output);
    assert!(stderr.contains("changes were saved"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(2 : nat)");
}

#[test]
fn a_call_whose_reader_has_gone_fails_and_says_its_change_was_saved() {
    let sandbox = deployed();
    let output = with_reader_gone(&sandbox, &["call", "counter", "inc"]);
    assert_failed_cleanly(&output, "call | head -c1");
    assert!(stderr(&output).contains("changes were saved"));
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(2 : nat)");
}

#[test]
fn a_command_whose_reader_has_gone_ends_quietly() {
    let sandbox = deployed();
    for args in [
        &["drun", "examples/counter/counter.drun"][..],
        &["run", "examples/registry/registry.mo"],
        &["status", "counter"],
    ] {
        let output = with_reader_gone(&sandbox, args);
        assert_failed_cleanly(&output, &args.join(" "));
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn every_command_fails_cleanly_when_its_output_is_full() {
    let sandbox = deployed();
    let bad = sandbox.dir.path().join("bad.mo");
    std::fs::write(&bad, "actor { public func f() : async Nat { \"text\" } }").expect("written");
    let bad = bad.to_str().expect("a UTF-8 path");
    let to_stdout: &[&[&str]] = &[
        &["drun", "examples/counter/counter.drun"],
        &["run", "examples/registry/registry.mo"],
        &["status", "counter"],
        &["stop", "counter"],
        &["upgrade", "counter", "examples/counter/counter_v2.mo"],
        &["--help"],
    ];
    for args in to_stdout {
        let output = sandbox
            .command(args)
            .stdout(dev_full())
            .output()
            .expect("minimo runs");
        assert_failed_cleanly(&output, &args.join(" "));
    }
    // Diagnostics go to stderr: with stderr full the status still says what happened.
    for args in [&["check", bad][..], &["build", bad]] {
        let output = sandbox
            .command(args)
            .stderr(dev_full())
            .output()
            .expect("minimo runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    // The stop and the upgrade were committed, as their error messages said.
    let status = sandbox.ok(&["status", "counter"]);
    assert!(status.contains("Status: Stopped"), "{status}");
    sandbox.ok(&["start", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(3 : nat)");
}
