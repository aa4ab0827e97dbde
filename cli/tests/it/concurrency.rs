//! Several `minimo` processes on one state directory at once: they queue on its lock, so no
//! update is lost and the state stays whole. (`cli/benches/concurrent_calls.sh` runs the full
//! measurement, 10 repetitions of 2 × 50 calls; these are the short forms.)

use std::thread;

use crate::support::Sandbox;

/// Calls per process stream: enough to overlap often, short enough for two cores.
const CALLS: usize = 20;

/// The number in a reply such as `(12 : nat)`.
fn reply_number(reply: &str) -> u64 {
    reply
        .trim_start_matches('(')
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a counter reply: {reply}"))
}

/// Runs `streams` loops of `CALLS` sequential `minimo call counter inc` side by side, and
/// `beside` at the same time; returns every reply's number, sorted.
fn concurrent_calls(sandbox: &Sandbox, streams: usize, beside: impl FnOnce() + Send) -> Vec<u64> {
    let mut replies: Vec<u64> = thread::scope(|scope| {
        let callers: Vec<_> = (0..streams)
            .map(|_| {
                scope.spawn(|| {
                    (0..CALLS)
                        .map(|_| reply_number(&sandbox.ok(&["call", "counter", "inc"])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        beside();
        callers
            .into_iter()
            .flat_map(|caller| caller.join().expect("a caller ends"))
            .collect()
    });
    replies.sort_unstable();
    replies
}

#[test]
fn concurrent_calls_from_two_processes_count_every_call() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    let replies = concurrent_calls(&sandbox, 2, || {});
    let expected: Vec<u64> = (1..=2 * CALLS as u64).collect();
    assert_eq!(replies, expected, "every call counted once");
    assert!(sandbox
        .ok(&["status", "counter"])
        .contains("Status: Running"));
    assert_eq!(
        sandbox.ok(&["call", "counter", "inc"]),
        format!("({} : nat)", 2 * CALLS + 1)
    );
}

#[test]
fn calls_interleaved_with_upgrades_lose_no_update() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["deploy", "examples/counter/counter.mo", "--name", "counter"]);
    // Version 2 counts in threes; the upgrades alternate and end on version 1.
    let versions = [
        "examples/counter/counter_v2.mo",
        "examples/counter/counter.mo",
        "examples/counter/counter_v2.mo",
        "examples/counter/counter.mo",
    ];
    let replies = concurrent_calls(&sandbox, 2, || {
        for file in versions {
            sandbox.ok(&["upgrade", "counter", file]);
        }
    });
    assert_eq!(replies.len(), 2 * CALLS);
    // Each call saw the state the one before it committed: the replies climb from 0 in steps
    // of 1 (version 1) or 3 (version 2), never repeating a value.
    let mut previous = 0;
    for &reply in &replies {
        assert!(
            reply == previous + 1 || reply == previous + 3,
            "{reply} after {previous}: an update was lost ({replies:?})"
        );
        previous = reply;
    }
    assert_eq!(
        sandbox.ok(&["call", "counter", "inc"]),
        format!("({} : nat)", previous + 1)
    );
}
