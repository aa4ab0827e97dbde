//! Is this upgrade safe? The composition of the two checks DESIGN.md decision 5 asks for, and
//! the two file-level commands `stable-compatible` and `candid-compatible`.
//!
//! The old interface and signature come from the installed module's custom sections; the new
//! ones from the new module's (compiled here, or a `.wasm` given to `drun`). The
//! stable-compatibility check is the compiler's; the Candid check is `candid_parser`'s
//! subtype report, with a one-line reason added per finding. Findings come in two weights: an
//! incompatible stable signature is refused always (no flag overrides it: that is how data
//! gets lost), data loss and Candid breaks need `--yes`; a module without metadata can only be
//! warned about. This module does not run upgrades: callers decide on the [`Verdict`].

use std::fmt::Write as _;
use std::path::Path;

use candid_parser::utils::{service_compatibility_report, CandidSource};
use minimo_compiler::{Compiled, Diagnostic, Severity};
use minimo_runtime::Canister;

use crate::failure::{Failure, Outcome};
use crate::input;
use crate::output;

const STABLE_SECTION: &str = "icp:private motoko:stable-types";
const CANDID_SECTION: &str = "icp:public candid:service";

/// How much a finding weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// An incompatible stable signature: never overridable.
    Refuse,
    /// Data loss or a Candid break: needs `--yes`.
    Confirm,
}

/// One problem, with the lines that explain it.
#[derive(Clone, Debug)]
pub struct Finding {
    pub weight: Weight,
    /// The first line and any continuation lines (moc's message for stable findings).
    pub message: String,
    /// Explanations, one per line.
    pub notes: Vec<String>,
}

/// What one of the two checks found.
#[derive(Clone, Debug)]
pub enum CheckResult {
    Compared(Vec<Finding>),
    /// The check could not run; the text says why.
    Unchecked(String),
}

#[derive(Clone, Debug)]
pub struct Findings {
    pub stable: CheckResult,
    pub candid: CheckResult,
}

/// Whether an upgrade may go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to confirm; the text is the verdict line.
    Safe(String),
    /// Safe only because the user confirmed the warnings (`--yes`).
    Confirmed(String),
    Refused(String),
}

impl Findings {
    fn all(&self) -> impl Iterator<Item = &Finding> {
        [&self.stable, &self.candid]
            .into_iter()
            .flat_map(|check| match check {
                CheckResult::Compared(findings) => findings.as_slice(),
                CheckResult::Unchecked(_) => &[],
            })
    }

    fn count(&self, weight: Weight) -> usize {
        self.all().filter(|f| f.weight == weight).count()
    }

    /// The heading of each check with its findings and their explanations.
    pub fn report(&self) -> String {
        let mut out = String::new();
        section(
            &mut out,
            "Stable variables (checked against the installed module's stable signature)",
            &self.stable,
        );
        section(
            &mut out,
            "Candid interface (checked against the installed module's service)",
            &self.candid,
        );
        out
    }

    pub fn verdict(&self, yes: bool) -> Verdict {
        let refusals = self.count(Weight::Refuse);
        let confirmations = self.count(Weight::Confirm);
        if refusals > 0 {
            return Verdict::Refused(format!(
                "upgrade refused: the new program cannot take over the installed stable variables ({refusals} incompatible); no flag overrides this, since the upgrade would lose or corrupt their data"
            ));
        }
        if confirmations > 0 {
            let warnings = plural(confirmations, "warning");
            return if yes {
                Verdict::Confirmed(format!("upgrade accepted: {warnings} confirmed with --yes"))
            } else {
                let need = if confirmations == 1 { "needs" } else { "need" };
                Verdict::Refused(format!(
                    "upgrade refused: {warnings} above {need} confirmation; run again with --yes to accept"
                ))
            };
        }
        Verdict::Safe("upgrade checks passed".to_string())
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn section(out: &mut String, title: &str, check: &CheckResult) {
    match check {
        CheckResult::Unchecked(why) => {
            let _ = writeln!(out, "{title}: not checked");
            let _ = writeln!(out, "warning: {why}");
        }
        CheckResult::Compared(findings) if findings.is_empty() => {
            let _ = writeln!(out, "{title}: compatible");
        }
        CheckResult::Compared(findings) => {
            let errors = findings
                .iter()
                .filter(|f| f.weight == Weight::Refuse)
                .count();
            let warnings = findings.len() - errors;
            let mut counts = Vec::new();
            if errors > 0 {
                counts.push(plural(errors, "error"));
            }
            if warnings > 0 {
                counts.push(plural(warnings, "warning"));
            }
            let _ = writeln!(out, "{title}: {}", counts.join(", "));
            for finding in findings {
                let word = match finding.weight {
                    Weight::Refuse => "error",
                    Weight::Confirm => "warning",
                };
                let _ = writeln!(out, "{word} {}", finding.message);
                write_notes(out, &finding.notes);
            }
        }
    }
}

/// Notes go under their finding, marked so that they cannot be mistaken for moc's indented
/// type lines.
fn write_notes(out: &mut String, notes: &[String]) {
    for note in notes {
        let _ = writeln!(out, "  note: {note}");
    }
}

/// The section `name` of a module, if present, as text.
fn section_text(section: Option<Vec<u8>>, name: &str, whose: &str) -> Result<String, String> {
    let bytes = section.ok_or_else(|| {
        format!("the {whose} module has no `{name}` section, so this could not be checked")
    })?;
    String::from_utf8(bytes)
        .map_err(|_| format!("the {whose} module's `{name}` section is not UTF-8"))
}

/// The named custom section of a Wasm module (`icp:public`/`icp:private` prefixes included in
/// `name`).
pub fn wasm_section(wasm: &[u8], name: &str) -> Option<Vec<u8>> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let Ok(wasmparser::Payload::CustomSection(reader)) = payload {
            if reader.name() == name {
                return Some(reader.data().to_vec());
            }
        }
    }
    None
}

/// Checks an upgrade of `canister` to a program the compiler just compiled.
pub fn check_upgrade(canister: &Canister, new: &Compiled) -> Findings {
    compare(
        canister,
        Ok(new.stable_types.clone()),
        Ok(new.candid.clone()),
    )
}

/// Checks an upgrade of `canister` to the module `new_wasm`, reading its signatures from its
/// custom sections (any module: compiled here or not).
pub fn check_upgrade_wasm(canister: &Canister, new_wasm: &[u8]) -> Findings {
    compare(
        canister,
        section_text(
            wasm_section(new_wasm, STABLE_SECTION),
            STABLE_SECTION,
            "new",
        ),
        section_text(
            wasm_section(new_wasm, CANDID_SECTION),
            CANDID_SECTION,
            "new",
        ),
    )
}

fn compare(
    canister: &Canister,
    new_stable: Result<String, String>,
    new_candid: Result<String, String>,
) -> Findings {
    let old_stable = section_text(
        canister.custom_section(STABLE_SECTION),
        STABLE_SECTION,
        "installed",
    );
    let old_candid = section_text(
        canister.custom_section(CANDID_SECTION),
        CANDID_SECTION,
        "installed",
    );
    let stable = match (old_stable, new_stable) {
        (Ok(old), Ok(new)) => stable_findings(&old, &new),
        (Err(why), _) | (_, Err(why)) => CheckResult::Unchecked(why),
    };
    let candid = match (old_candid, new_candid) {
        (Ok(old), Ok(new)) => candid_findings(&old, &new),
        (Err(why), _) | (_, Err(why)) => CheckResult::Unchecked(why),
    };
    Findings { stable, candid }
}

fn stable_finding(diagnostic: &Diagnostic) -> Finding {
    Finding {
        weight: match diagnostic.severity {
            Severity::Error => Weight::Refuse,
            Severity::Warning => Weight::Confirm,
        },
        message: format!("[{}], {}", diagnostic.code, diagnostic.message),
        notes: diagnostic.notes.clone(),
    }
}

/// The stable-signature half of the check, on the two signatures' texts.
pub fn stable_findings(old: &str, new: &str) -> CheckResult {
    let diagnostics = minimo_compiler::stable_compatible(old, new);
    if let Some(bad) = diagnostics.iter().find(|d| d.code == "M0001") {
        return CheckResult::Unchecked(format!(
            "a stable signature does not parse: {}",
            bad.message
        ));
    }
    CheckResult::Compared(diagnostics.iter().map(stable_finding).collect())
}

/// Reads a service's Candid text as `candid_parser` would, without writing anything and
/// without letting the library format a parse error (see `candid_text::describe_error`):
/// the nesting scan, the check of string literals, then the parser; with `typed`, the type
/// checker too (a file's imports need its folder, so `load_service` leaves that to the
/// library).
fn read_service_text(text: &str, typed: bool) -> Result<(), String> {
    crate::candid_depth::check(text)
        .map_err(|deep| format!("line {}: {}", deep.line, deep.message))?;
    crate::candid_strings::check(text, false).map_err(|bad| {
        format!(
            "line {}: a text literal whose bytes are not UTF-8",
            bad.line
        )
    })?;
    let prog = text
        .parse::<candid_parser::IDLProg>()
        .map_err(|error| crate::candid_text::describe_error(&error, text))?;
    if typed {
        candid_parser::check_prog(&mut candid::TypeEnv::new(), &prog)
            .map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// The Candid half of the check, on the two services' texts.
pub fn candid_findings(old: &str, new: &str) -> CheckResult {
    // Each text is read here first, quietly: the comparison below reads them again with the
    // library's `pretty_parse`, which writes a coloured report of a parse error to stderr.
    for (text, whose) in [(old, "installed"), (new, "new")] {
        if let Err(why) = read_service_text(text, true) {
            return CheckResult::Unchecked(format!(
                "the {whose} module's Candid service cannot be compared: {why}"
            ));
        }
    }
    match service_compatibility_report(CandidSource::Text(new), CandidSource::Text(old)) {
        Ok(breaks) => CheckResult::Compared(
            breaks
                .iter()
                .map(|incompatibility| Finding {
                    weight: Weight::Confirm,
                    message: format!(
                        "the Candid interface breaks existing clients: {incompatibility}"
                    ),
                    notes: vec![candid_reason(
                        &incompatibility.path,
                        &incompatibility.message,
                    )],
                })
                .collect(),
        ),
        Err(error) => CheckResult::Unchecked(format!(
            "the Candid interfaces could not be compared: {error}"
        )),
    }
}

/// A one-line reason, in a client's terms, for a Candid incompatibility at `path`.
pub fn candid_reason(path: &[String], message: &str) -> String {
    let method = path
        .iter()
        .find_map(|segment| segment.strip_prefix("method "))
        .unwrap_or("a method");
    if message.contains("missing in the new one") {
        return "clients that call this method would get an error: the new service no longer has it".to_string();
    }
    if message.starts_with("function annotation changed") {
        return format!("clients call {method} with its old mode (query or update); the mode is part of the interface");
    }
    if path.iter().any(|segment| segment.starts_with("input")) {
        return format!("existing clients send {method} arguments of the old types, which the new service could not decode");
    }
    if path.iter().any(|segment| segment.starts_with("return")) {
        return format!("existing clients expect {method} to reply with the old types and could not decode the new reply");
    }
    "the new service is not a subtype of the old one, so existing clients could fail".to_string()
}

/// The old or new side of a file comparison, named in errors.
fn which(message: &str, old: &Path, new: &Path) -> String {
    if message.starts_with("old") {
        old.display().to_string()
    } else {
        new.display().to_string()
    }
}

/// `minimo stable-compatible OLD.most NEW.most`: each finding in moc's form
/// (`NEW.most: error [M0170], ...`) followed by its explanation; exit 0 when compatible
/// (warnings alone included), 1 when not, 2 when a file cannot be read or does not parse.
pub fn stable_compatible_files(old: &Path, new: &Path) -> Outcome {
    let old_text = input::text(old, "stable signature")?;
    let new_text = input::text(new, "stable signature")?;
    let diagnostics = minimo_compiler::stable_compatible(&old_text, &new_text);
    if let Some(bad) = diagnostics.iter().find(|d| d.code == "M0001") {
        let file = which(&bad.message, old, new);
        return Err(Failure::usage(format!(
            "{file}: not a stable signature: {}",
            bad.message
        )));
    }
    let mut out = String::new();
    for diagnostic in &diagnostics {
        let kind = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{}: {kind} [{}], {}",
            new.display(),
            diagnostic.code,
            diagnostic.message
        );
        write_notes(&mut out, &diagnostic.notes);
    }
    output::err(&out)?;
    if minimo_compiler::has_errors(&diagnostics) {
        Err(Failure::reported())
    } else {
        Ok(())
    }
}

/// Loads a `.did` file on its own, so that a bad one is named: first its text is read
/// quietly (`read_service_text`), then the library checks it with its imports.
fn load_service(path: &Path, text: &str) -> Result<(), Failure> {
    if let Err(why) = read_service_text(text, false) {
        return Err(Failure::usage(format!(
            "{}: not a valid Candid file: {why}",
            path.display()
        )));
    }
    // `check_file`, not `CandidSource::File(..).load()`, which also writes a coloured report
    // of a parse error to stderr beside the error returned here.
    match candid_parser::check_file(path) {
        Ok((_, Some(_), _)) => Ok(()),
        Ok((_, None, _)) => Err(Failure::usage(format!(
            "{}: the Candid file has no service to compare",
            path.display()
        ))),
        Err(error) => Err(Failure::usage(format!(
            "{}: not a valid Candid file: {error}",
            path.display()
        ))),
    }
}

/// `minimo candid-compatible OLD.did NEW.did`: each incompatibility with its path (method,
/// argument or return, field) and a one-line reason; exit 0 when NEW's service is a subtype
/// of OLD's, 1 when not, 2 when a file cannot be read, does not parse or has no service.
pub fn candid_compatible_files(old: &Path, new: &Path) -> Outcome {
    let old_text = input::text(old, "Candid file")?;
    let new_text = input::text(new, "Candid file")?;
    load_service(old, &old_text)?;
    load_service(new, &new_text)?;
    let breaks = service_compatibility_report(CandidSource::File(new), CandidSource::File(old))
        .map_err(|error| {
            Failure::usage(format!("the interfaces could not be compared: {error}"))
        })?;
    let mut out = String::new();
    for incompatibility in &breaks {
        let _ = writeln!(out, "{}: error, {incompatibility}", new.display());
        write_notes(
            &mut out,
            &[candid_reason(
                &incompatibility.path,
                &incompatibility.message,
            )],
        );
    }
    output::err(&out)?;
    if breaks.is_empty() {
        Ok(())
    } else {
        Err(Failure::reported())
    }
}
