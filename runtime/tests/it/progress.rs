//! Progress reports of long messages: a message that runs past the interval is reported (with
//! its export and its instructions against the operation's limit), a short one never is, and
//! reporting changes no instruction count.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use minimo_runtime::{
    Canister, ErrorCode, Limits, Options, Progress, ProgressReport, Response, Vm,
};

use crate::{assert_code, install, number, Counter, ID};

/// A VM that collects its progress reports, with these limits and interval.
fn watched(limits: Limits, interval: Duration) -> (Vm, Arc<Mutex<Vec<ProgressReport>>>) {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let sink = reports.clone();
    let vm = Vm::new(Options {
        limits,
        progress: Some(Progress {
            interval,
            sink: Arc::new(move |report: &ProgressReport| {
                sink.lock().expect("the reports").push(report.clone())
            }),
        }),
        ..Options::default()
    })
    .expect("the VM starts");
    (vm, reports)
}

fn taken(reports: &Mutex<Vec<ProgressReport>>) -> Vec<ProgressReport> {
    std::mem::take(&mut *reports.lock().expect("the reports"))
}

/// Enough instructions for the endless loop to run well past a 10 ms interval.
const LONG: u64 = 100_000_000;

#[test]
fn a_long_message_is_reported_while_it_runs() {
    let (vm, reports) = watched(
        Limits {
            update_instructions: LONG,
            ..Limits::default()
        },
        Duration::from_millis(10),
    );
    let mut canister = install(&vm, Counter::V1);
    let outcome = canister.update(&vm, "spin", b"");
    assert_code(&outcome, ErrorCode::CanisterInstructionLimitExceeded);
    let reports = taken(&reports);
    assert!(!reports.is_empty(), "no progress report");
    for pair in reports.windows(2) {
        assert!(pair[0].instructions <= pair[1].instructions, "{pair:?}");
        assert!(pair[0].elapsed < pair[1].elapsed, "{pair:?}");
    }
    for report in &reports {
        assert_eq!(report.canister, ID);
        assert_eq!(report.export, "canister_update spin");
        assert_eq!(report.limit, LONG);
        assert!(report.instructions <= LONG, "{report:?}");
        assert!(report.elapsed >= Duration::from_millis(10), "{report:?}");
    }
}

#[test]
fn a_short_message_is_never_reported() {
    let (vm, reports) = watched(Limits::default(), Duration::from_secs(2));
    let mut canister = install(&vm, Counter::V1);
    for _ in 0..100 {
        canister.update(&vm, "inc", b"");
    }
    assert_eq!(number(&canister.query(&vm, "get", b"")), 100);
    assert_eq!(taken(&reports), Vec::new());
}

#[test]
fn an_upgrade_step_is_reported_against_the_whole_upgrades_limit() {
    let (vm, reports) = watched(
        Limits {
            upgrade_instructions: LONG,
            ..Limits::default()
        },
        Duration::from_millis(10),
    );
    let mut canister = install(&vm, Counter::V1);
    let spinning = Counter {
        post: "(loop $forever (br $forever))",
        ..Counter::V1.version(2)
    };
    let outcome = canister.upgrade(&vm, &spinning.wasm(), b"");
    assert_code(&outcome, ErrorCode::CanisterInstructionLimitExceeded);
    let reports = taken(&reports);
    let last = reports.last().expect("a progress report");
    assert_eq!(last.export, "canister_post_upgrade");
    assert_eq!(last.limit, LONG);
    assert_eq!(number(&canister.query(&vm, "version", b"")), 1);
}

#[test]
fn reporting_progress_changes_no_instruction_count() {
    let plain = Vm::new(Options::default()).expect("the VM starts");
    let (watched, _) = watched(Limits::default(), Duration::from_millis(1));
    let run = |vm: &Vm| {
        let (canister, _) = Canister::install(vm, ID, &Counter::V1.wasm(), b"");
        let mut canister = canister.expect("the install succeeds");
        let loop_of_1000: Vec<u8> = [8u32.to_le_bytes(), 1000u32.to_le_bytes()].concat();
        let calls: [(&str, &[u8]); 4] = [
            ("inc", b""),
            ("reply_chunks", &loop_of_1000),
            ("big_stable", b""),
            ("inc", b""),
        ];
        let counts: Vec<u64> = calls
            .iter()
            .map(|(method, arg)| canister.update(vm, method, arg).instructions)
            .collect();
        let perf = match canister.update(vm, "perf", b"").result {
            Ok(Response::Reply(bytes)) => bytes,
            other => panic!("expected a reply, got {other:?}"),
        };
        (counts, perf)
    };
    assert_eq!(run(&plain), run(&watched));
}
