//! Is this upgrade safe? The composition of the two checks DESIGN.md decision 5 asks for.
//!
//! The old interface and signature come from the installed module's custom sections; the new
//! ones from the compiler. The stable-compatibility check is the compiler's; the Candid check
//! is `candid_parser`'s subtype report. Findings come in three weights: an incompatible stable
//! signature is refused always (no flag overrides it: that is how data gets lost), data loss
//! and Candid breaks need `--yes`, and a module without metadata can only be warned about.

use std::path::Path;

use candid_parser::utils::{service_compatibility_report, CandidSource};
use minimo_compiler::{Compiled, Severity};
use minimo_runtime::Canister;

use crate::failure::{self, Failure, Outcome};

#[derive(Default, Debug)]
pub struct Findings {
    /// Never overridable.
    pub errors: Vec<String>,
    /// Need `--yes`.
    pub needs_confirmation: Vec<String>,
    /// Printed only.
    pub notes: Vec<String>,
}

impl Findings {
    pub fn print(&self) {
        for error in &self.errors {
            eprintln!("error: {error}");
        }
        for warning in &self.needs_confirmation {
            eprintln!("warning: {warning}");
        }
        for note in &self.notes {
            eprintln!("warning: {note}");
        }
    }

    /// Why the upgrade must not go ahead, if it must not.
    pub fn refusal(&self, yes: bool) -> Option<String> {
        if !self.errors.is_empty() {
            return Some(
                "upgrade refused: the new stable signature is not compatible with the installed one, and no flag overrides that".to_string(),
            );
        }
        if !self.needs_confirmation.is_empty() && !yes {
            return Some("upgrade refused: the warnings above need confirmation; run again with --yes to accept them".to_string());
        }
        None
    }
}

fn section_text(canister: &Canister, name: &str) -> Option<Result<String, String>> {
    canister.custom_section(name).map(|bytes| {
        String::from_utf8(bytes)
            .map_err(|_| format!("the installed module's `{name}` section is not UTF-8"))
    })
}

/// Checks an upgrade of `canister` to `new`.
pub fn check_upgrade(canister: &Canister, new: &Compiled) -> Findings {
    let mut findings = Findings::default();
    match section_text(canister, "icp:private motoko:stable-types") {
        None => findings.notes.push(
            "the installed module has no `motoko:stable-types` section; its stable variables could not be checked".to_string(),
        ),
        Some(Err(error)) => findings.notes.push(error),
        Some(Ok(old)) => stable_findings(&old, &new.stable_types, &mut findings),
    }
    match section_text(canister, "icp:public candid:service") {
        None => findings.notes.push(
            "the installed module has no `candid:service` section; its interface could not be checked".to_string(),
        ),
        Some(Err(error)) => findings.notes.push(error),
        Some(Ok(old)) => candid_findings(&old, &new.candid, &mut findings),
    }
    findings
}

fn stable_findings(old: &str, new: &str, findings: &mut Findings) {
    for diagnostic in minimo_compiler::stable_compatible(old, new) {
        let text = format!("[{}] {}", diagnostic.code, diagnostic.message);
        match diagnostic.severity {
            Severity::Error => findings.errors.push(text),
            Severity::Warning => findings.needs_confirmation.push(text),
        }
    }
}

fn candid_findings(old: &str, new: &str, findings: &mut Findings) {
    match service_compatibility_report(CandidSource::Text(new), CandidSource::Text(old)) {
        Ok(breaks) => {
            for incompatibility in breaks {
                findings.needs_confirmation.push(format!(
                    "the Candid interface changes in a way that breaks existing clients: {incompatibility}"
                ));
            }
        }
        Err(error) => findings.notes.push(format!(
            "the Candid interfaces could not be compared: {error}"
        )),
    }
}

/// `minimo stable-compatible OLD.most NEW.most`.
pub fn stable_compatible_files(old: &Path, new: &Path) -> Outcome {
    let old_text = failure::read_text(old)?;
    let new_text = failure::read_text(new)?;
    let diagnostics = minimo_compiler::stable_compatible(&old_text, &new_text);
    let mut incompatible = false;
    for diagnostic in &diagnostics {
        let kind = match diagnostic.severity {
            Severity::Error => {
                incompatible = true;
                "error"
            }
            Severity::Warning => "warning",
        };
        eprintln!(
            "{}: {kind} [{}], {}",
            new.display(),
            diagnostic.code,
            diagnostic.message
        );
    }
    if incompatible {
        Err(Failure::reported())
    } else {
        Ok(())
    }
}

/// `minimo candid-compatible OLD.did NEW.did`.
pub fn candid_compatible_files(old: &Path, new: &Path) -> Outcome {
    let old_text = failure::read_text(old)?;
    let new_text = failure::read_text(new)?;
    let breaks =
        service_compatibility_report(CandidSource::Text(&new_text), CandidSource::Text(&old_text))
            .map_err(|error| {
                Failure::program(format!("the interfaces could not be compared: {error}"))
            })?;
    for incompatibility in &breaks {
        eprintln!("{}: {incompatibility}", new.display());
    }
    if breaks.is_empty() {
        Ok(())
    } else {
        Err(Failure::reported())
    }
}
