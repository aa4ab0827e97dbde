//! The signature property: any pair of texts given to the `.most` and `.did` readers and to
//! the two halves of the upgrade check comes back as findings or as "does not parse".
//!
//! Beyond "no panic": findings have known codes; a signature that parses is compatible with
//! itself (an upgrade to the same code is always safe), on both sides; and the upgrade check's
//! report and verdict can be written for whatever the two checks found.

use minimo_cli::upgrade_check::{self, CheckResult, Findings};
use minimo_compiler::diag;

use crate::{bounds, ensure, Verdict};

/// Splits fuzz bytes into an old and a new text at the first zero byte (all of it is the old
/// text, and the new one is empty, when there is none).
pub fn split_pair(data: &[u8]) -> (String, String) {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    (
        String::from_utf8_lossy(old).into_owned(),
        String::from_utf8_lossy(new).into_owned(),
    )
}

/// Checks both halves on the pair, each text read both as a stable signature and as a
/// Candid service, as the upgrade check would see them.
pub fn check_pair(old: &str, new: &str) -> Verdict {
    if !bounds::within(old) || !bounds::within(new) {
        return Ok(());
    }
    bounds::on_command_stack(|| check_pair_here(old, new))
}

fn check_pair_here(old: &str, new: &str) -> Verdict {
    check_stable_pair(old, new)?;
    check_candid_pair(old, new)?;
    let findings = Findings {
        stable: upgrade_check::stable_findings(old, new),
        candid: upgrade_check::candid_findings(old, new),
    };
    // Both must be writable whatever was found.
    let _ = findings.report();
    let _ = findings.verdict(false);
    Ok(())
}

/// The codes with which a text is refused as a stable signature before any comparison.
const NOT_A_SIGNATURE: &[&str] = &["M0001", "M0156", "M0157", "U0002"];

/// The stable half: known codes, and a signature that parses is compatible with itself.
pub fn check_stable_pair(old: &str, new: &str) -> Verdict {
    let findings = minimo_compiler::stable_compatible(old, new);
    for finding in &findings {
        ensure(
            diag::CODES.iter().any(|(code, _, _)| *code == finding.code),
            || format!("finding code {} is not in the table", finding.code),
        )?;
    }
    for text in [old, new] {
        let own = minimo_compiler::stable_compatible(text, text);
        // A text that does not parse (M0001), or whose definitions are refused before any
        // comparison (non-productive, expansive, unfolding too deeply), is not a signature.
        let parses = !own.iter().any(|d| NOT_A_SIGNATURE.contains(&d.code));
        ensure(!parses || !minimo_compiler::has_errors(&own), || {
            format!(
                "a stable signature is not compatible with itself: {:?}\n{text}",
                own.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        })?;
    }
    Ok(())
}

/// The Candid half: a service that loads is a subtype of itself.
pub fn check_candid_pair(old: &str, new: &str) -> Verdict {
    for text in [old, new] {
        if let CheckResult::Compared(breaks) = upgrade_check::candid_findings(text, text) {
            ensure(breaks.is_empty(), || {
                format!(
                    "a Candid service is not a subtype of itself: {:?}\n{text}",
                    breaks.iter().map(|f| &f.message).collect::<Vec<_>>()
                )
            })?;
        }
    }
    Ok(())
}
