//! Progress reports from long messages, through wasmtime's epoch interruption.
//!
//! When [`Options::progress`](crate::Options) is set, the engine compiles epoch checks into the
//! code (at function entries and loop headers, Winch and Cranelift alike), a [`Ticker`] thread
//! advances the engine's epoch a few times per reporting interval, and each store's epoch
//! callback looks at the running message: once it has run for an interval since it started (or
//! since its last report), the callback hands a [`ProgressReport`] to the sink and lets the
//! message continue. The check is a load and a compare, and it never touches fuel, so
//! instruction counts are the same with or without progress. Without the option nothing of
//! this exists. This file does not print; the sink does what it likes with a report.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use wasmtime::{Engine, Store, UpdateDeadline};

use crate::host::HostState;
use crate::options::{Progress, ProgressReport};

/// How many epoch ticks make one reporting interval: a report is late by at most this fraction
/// of the interval.
const TICKS_PER_INTERVAL: u32 = 4;

/// The thread that advances the engine's epoch. It stops when the ticker is dropped (the
/// channel's sender goes with it, which wakes the thread at once).
pub(crate) struct Ticker {
    _stop: mpsc::Sender<()>,
}

impl Ticker {
    pub(crate) fn start(engine: &Engine, interval: Duration) -> Ticker {
        let (stop, stopped) = mpsc::channel::<()>();
        let engine = engine.clone();
        let tick = (interval / TICKS_PER_INTERVAL).max(Duration::from_millis(1));
        thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(tick) {
                engine.increment_epoch();
            }
        });
        Ticker { _stop: stop }
    }
}

/// Makes `store` report the messages it runs to `progress`.
pub(crate) fn watch(store: &mut Store<HostState>, progress: &Progress) {
    let interval = progress.interval;
    let sink = progress.sink.clone();
    store.epoch_deadline_callback(move |mut context| {
        let remaining = context.get_fuel().unwrap_or(0);
        let HostState {
            message, canister, ..
        } = context.data_mut();
        if let Some(message) = message.as_mut() {
            let now = Instant::now();
            if now.duration_since(message.last_report) >= interval {
                message.last_report = now;
                sink(&ProgressReport {
                    canister: canister.clone(),
                    export: message.export.clone(),
                    instructions: message.prior_instructions
                        + message.budget.saturating_sub(remaining),
                    limit: message.prior_instructions + message.budget,
                    elapsed: now.duration_since(message.started),
                });
            }
        }
        Ok(UpdateDeadline::Continue(1))
    });
    store.set_epoch_deadline(1);
}
