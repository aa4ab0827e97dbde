//! The state directory as a user meets it: damaged files give clear errors, never panics.

use crate::support::{stderr, Sandbox};

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
