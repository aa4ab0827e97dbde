//! The state directory as a user meets it: damaged files, links and special files give clear
//! errors naming them, never panics, hangs or writes outside the directory.

use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support::{stderr, Sandbox};

/// The committed generation folder of `counter`.
fn generation(sandbox: &Sandbox) -> PathBuf {
    let folder = sandbox.state().join("canisters/counter");
    let current = std::fs::read_to_string(folder.join("CURRENT")).expect("CURRENT");
    folder.join(current.trim())
}

#[test]
fn a_corrupt_state_directory_gives_an_error_naming_the_problem() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(1 : nat)");
    // Damage every file of the canister's state.
    let mut damaged = 0;
    for entry in walk(&sandbox.state()) {
        if entry.components().any(|c| c.as_os_str() == "cache") {
            continue;
        }
        std::fs::write(&entry, b"garbage").expect("writable");
        damaged += 1;
    }
    assert!(damaged > 0);
    let output = sandbox.minimo(&["call", "counter", "inc"]);
    assert!(!output.status.success());
    let stderr = stderr(&output);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("state"), "{stderr}");
}

#[test]
fn a_link_at_a_temporary_current_is_refused_and_nothing_outside_is_written() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    let victim = sandbox.dir.path().join("precious.txt");
    std::fs::write(&victim, "precious").expect("victim file");
    let link = sandbox.state().join("canisters/counter/CURRENT.tmp");
    symlink(&victim, &link).expect("link made");
    let output = sandbox.minimo(&["call", "counter", "inc"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(stderr.contains("CURRENT.tmp"), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
}

#[test]
fn a_state_file_linked_to_dev_zero_is_an_error_not_a_hang() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    let module = generation(&sandbox).join("module.wasm");
    std::fs::remove_file(&module).expect("removed");
    symlink("/dev/zero", &module).expect("link made");
    let started = Instant::now();
    let output = sandbox.minimo(&["status", "counter"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(stderr.contains("module.wasm"), "{stderr}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
