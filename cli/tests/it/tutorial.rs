//! The counter tutorial of the README, each command its own process, as a user runs it.

use crate::support::Sandbox;

const V1: &str = "examples/counter/counter.mo";
const V2: &str = "examples/counter/counter_v2.mo";

#[test]
fn tutorial_counts_one_two_three_then_six_nine_across_processes() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", V1, "--name", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(1 : nat)");
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(2 : nat)");
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(3 : nat)");
    sandbox.ok(&["upgrade", "counter", V2]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(6 : nat)");
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(9 : nat)");
}

#[test]
fn tutorial_gives_the_same_replies_with_an_upgrade_to_the_same_code_between_calls() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", V1, "--name", "counter"]);
    let mut replies = Vec::new();
    for _ in 0..3 {
        replies.push(sandbox.ok(&["call", "counter", "inc"]));
        sandbox.ok(&["upgrade", "counter", V1]);
    }
    sandbox.ok(&["upgrade", "counter", V2]);
    for _ in 0..2 {
        replies.push(sandbox.ok(&["call", "counter", "inc"]));
        sandbox.ok(&["deploy", V2, "--name", "counter"]);
    }
    assert_eq!(
        replies,
        [
            "(1 : nat)",
            "(2 : nat)",
            "(3 : nat)",
            "(6 : nat)",
            "(9 : nat)"
        ]
    );
}

#[test]
fn a_stopped_canister_rejects_calls_until_started() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", V1, "--name", "counter"]);
    sandbox.ok(&["stop", "counter"]);
    let output = sandbox.minimo(&["call", "counter", "inc"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        crate::support::stderr(&output).contains("IC0508"),
        "{}",
        crate::support::stderr(&output)
    );
    assert!(sandbox
        .ok(&["status", "counter"])
        .contains("Status: Stopped"));
    sandbox.ok(&["start", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(1 : nat)");
}

#[test]
fn calling_an_unknown_canister_names_it() {
    let sandbox = Sandbox::new();
    let output = sandbox.minimo(&["call", "nowhere", "inc"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(crate::support::stderr(&output).contains("no canister named `nowhere`"));
}

#[test]
fn an_upgrade_that_changes_a_stable_type_incompatibly_is_refused_even_with_yes() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let text_version = dir.join("text.mo");
    std::fs::write(
        &text_version,
        "actor { stable var value : Text = \"\"; public func inc() : async Nat { 0 } }",
    )
    .expect("written");
    sandbox.ok(&["deploy", V1, "--name", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(1 : nat)");
    let path = text_version.to_str().expect("utf-8 path");
    let output = sandbox.minimo(&["upgrade", "counter", path, "--yes"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = crate::support::stderr(&output);
    assert!(stderr.contains("value"), "{stderr}");
    assert!(stderr.contains("M0170"), "{stderr}");
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(2 : nat)");
}

#[test]
fn an_upgrade_that_removes_a_public_method_needs_yes() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let renamed = dir.join("renamed.mo");
    std::fs::write(
        &renamed,
        "actor { stable var value = 0; public func next() : async Nat { value += 1; value } }",
    )
    .expect("written");
    let path = renamed.to_str().expect("utf-8 path");
    sandbox.ok(&["deploy", V1, "--name", "counter"]);
    assert_eq!(sandbox.ok(&["call", "counter", "inc"]), "(1 : nat)");
    let output = sandbox.minimo(&["upgrade", "counter", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        crate::support::stderr(&output).contains("inc"),
        "{}",
        crate::support::stderr(&output)
    );
    sandbox.ok(&["upgrade", "counter", path, "--yes"]);
    assert_eq!(sandbox.ok(&["call", "counter", "next"]), "(2 : nat)");
}

#[test]
fn drun_prints_each_reply_in_drun_format() {
    let sandbox = Sandbox::new();
    let output = sandbox.ok(&["drun", "examples/counter/counter.drun"]);
    // (1 : nat) is 4449444c00017d01.
    let expected = [
        "ingress Completed: Reply: 0x4449444c0000",
        "ingress Completed: Reply: 0x4449444c00017d01",
        "ingress Completed: Reply: 0x4449444c00017d02",
        "ingress Completed: Reply: 0x4449444c00017d03",
        "ingress Completed: Reply: 0x4449444c0000",
        "ingress Completed: Reply: 0x4449444c00017d06",
        "ingress Completed: Reply: 0x4449444c00017d09",
    ];
    assert_eq!(output.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn run_resolves_relative_imports_next_to_the_script() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    std::fs::write(
        dir.join("lib.mo"),
        "module { public func twice(n : Nat) : Nat { n * 2 } }\n",
    )
    .expect("written");
    std::fs::write(dir.join("main.mo"), "import L \"lib\";\nL.twice(21)\n").expect("written");
    let main = dir.join("main.mo");
    assert_eq!(
        sandbox.ok(&["run", main.to_str().expect("utf-8 path")]),
        "42 : Nat"
    );
}
