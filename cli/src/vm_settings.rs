//! The VM settings of the command line's global flags: a cap on every message's instructions
//! (`--instruction-limit`, for local work: an endless loop stops early) and how often a long
//! message reports its progress on stderr (`--progress-interval`).
//!
//! `main.rs` reads them from the flags and passes them, as a value, to every command that
//! builds a VM; [`VmSettings::default`] (what a test calling a command in-process uses) is the
//! Internet Computer's limits and a report every 5 seconds. This file does not run anything; it
//! only turns flags into `minimo_runtime::Options` and reports into lines.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use minimo_runtime::{Compiler, Limits, Options, Progress, ProgressReport};

/// The settings the flags give.
#[derive(Clone, Debug, PartialEq)]
pub struct VmSettings {
    /// At most this many instructions per message, of any kind; `None` keeps the Internet
    /// Computer's budgets.
    pub instruction_limit: Option<u64>,
    /// How long a message runs before (and between) progress lines; `None` prints none.
    pub progress_interval: Option<Duration>,
}

/// The interval between progress lines unless `--progress-interval` says otherwise.
pub const DEFAULT_PROGRESS_INTERVAL: Duration = Duration::from_secs(5);

impl Default for VmSettings {
    fn default() -> VmSettings {
        VmSettings {
            instruction_limit: None,
            progress_interval: Some(DEFAULT_PROGRESS_INTERVAL),
        }
    }
}

impl VmSettings {
    /// The settings of the flags: `--instruction-limit` if given, and `--progress-interval` if
    /// given (zero for none) or the default.
    pub fn from_flags(
        instruction_limit: Option<u64>,
        progress_interval: Option<Duration>,
    ) -> VmSettings {
        let interval = progress_interval.unwrap_or(DEFAULT_PROGRESS_INTERVAL);
        VmSettings {
            instruction_limit,
            progress_interval: (!interval.is_zero()).then_some(interval),
        }
    }
}

/// The options of a VM for one command: the baseline compiler (fast to start), a module cache
/// in `cache_dir` if given, the flags' instruction cap, and progress lines that call the
/// running canister `name` (or, without a name, by its id).
pub fn options(settings: &VmSettings, cache_dir: Option<PathBuf>, name: Option<&str>) -> Options {
    let limits = match settings.instruction_limit {
        Some(cap) => Limits::default().with_instruction_cap(cap),
        None => Limits::default(),
    };
    let name = name.map(str::to_string);
    let progress = settings.progress_interval.map(|interval| Progress {
        interval,
        sink: Arc::new(move |report: &ProgressReport| {
            // A progress line is a courtesy: if stderr is closed or full, the message goes on
            // (`eprintln!` would panic inside the running message instead).
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                progress_line(report, name.as_deref())
            );
        }),
    });
    Options {
        compiler: Compiler::Winch,
        cache_dir,
        limits,
        progress,
    }
}

/// `minimo: canister_pre_upgrade of counter still running after 10.0 s: 12.3 B of 300 B
/// instructions`.
pub fn progress_line(report: &ProgressReport, name: Option<&str>) -> String {
    format!(
        "minimo: {} of {} still running after {:.1} s: {} of {} instructions",
        report.export,
        name.unwrap_or(&report.canister),
        report.elapsed.as_secs_f64(),
        instructions(report.instructions),
        instructions(report.limit)
    )
}

/// An instruction count as people read it: `12.3 B`, `300 B`, `4.5 M`, `1234`.
fn instructions(count: u64) -> String {
    const MILLION: u64 = 1_000_000;
    const BILLION: u64 = 1_000_000_000;
    let (unit, scale) = match count {
        BILLION.. => ("B", BILLION),
        MILLION.. => ("M", MILLION),
        _ => return count.to_string(),
    };
    let tenths = format!("{:.1}", count as f64 / scale as f64);
    let shown = tenths.strip_suffix(".0").unwrap_or(&tenths);
    format!("{shown} {unit}")
}

/// Parses `--instruction-limit`: a positive whole number, with `_` between digits allowed and
/// an optional suffix `K`, `M` or `B` (thousand, million, billion): `5000000`, `5_000_000`, `5M`.
pub fn parse_instruction_limit(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let (digits, scale) = match trimmed.char_indices().last() {
        Some((at, 'k' | 'K')) => (&trimmed[..at], 1_000),
        Some((at, 'm' | 'M')) => (&trimmed[..at], 1_000_000),
        Some((at, 'b' | 'B')) => (&trimmed[..at], 1_000_000_000),
        _ => (trimmed, 1),
    };
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    let invalid = || {
        format!("`{text}` is not a number of instructions (for example 5000000, 5_000_000 or 5M)")
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    let count = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(invalid)?;
    if count == 0 {
        return Err("the instruction limit must be at least 1".to_string());
    }
    Ok(count)
}

/// Parses `--progress-interval`: seconds, fractions allowed (`0.5`); `0` (no progress lines)
/// is [`Duration::ZERO`].
pub fn parse_progress_interval(text: &str) -> Result<Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| format!("`{text}` is not a number of seconds (for example 5 or 0.5)"))
}
