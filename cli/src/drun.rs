//! `minimo drun SCRIPT`: runs a drun-style script against fresh canisters in memory.
//!
//! Lines are `install $ID F ARG`, `upgrade $ID F ARG`, `reinstall $ID F ARG`,
//! `ingress $ID METHOD ARG` and `query $ID METHOD ARG`; `#` comments and blank lines are
//! skipped. F is a `.mo` file (compiled here) or a `.wasm` file, relative to the script. ARG is
//! a Candid blob: a quoted string with `\xNN` escapes, or `0x<hex>`. The output follows drun:
//! each message's `debug.print:` lines, then its result line. Nothing is written to the state
//! directory: a script is a self-contained experiment. Upgrades here are not checked for
//! compatibility unless the runner is asked to ([`Runner::with_upgrade_checks`], the flag
//! `--check-upgrades`): then an `upgrade` line is checked as `minimo upgrade` checks it, and
//! a refused one prints the findings followed by `ingress Err: upgrade refused: <why>`
//! instead of running.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use minimo_runtime::{CallError, Canister, Outcome, Response, Vm};

use crate::failure::Failure;
use crate::input;
use crate::upgrade_check::Verdict;
use crate::vm_settings::VmSettings;

/// One parsed line of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Install {
        id: String,
        file: String,
        arg: Vec<u8>,
    },
    Upgrade {
        id: String,
        file: String,
        arg: Vec<u8>,
    },
    Reinstall {
        id: String,
        file: String,
        arg: Vec<u8>,
    },
    Ingress {
        id: String,
        method: String,
        arg: Vec<u8>,
    },
    Query {
        id: String,
        method: String,
        arg: Vec<u8>,
    },
}

/// Parses a whole script; an error names the line.
pub fn parse_script(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let step = parse_line(line).map_err(|error| format!("line {}: {error}", index + 1))?;
        steps.push(step);
    }
    Ok(steps)
}

fn parse_line(line: &str) -> Result<Step, String> {
    let mut words = line
        .splitn(4, char::is_whitespace)
        .filter(|word| !word.is_empty());
    let command = words.next().unwrap_or_default();
    let id = words.next().ok_or("missing canister id")?.to_string();
    let target = words.next().ok_or("missing file or method")?.to_string();
    let arg = parse_blob(words.next().unwrap_or("").trim())?;
    Ok(match command {
        "install" => Step::Install {
            id,
            file: target,
            arg,
        },
        "upgrade" => Step::Upgrade {
            id,
            file: target,
            arg,
        },
        "reinstall" => Step::Reinstall {
            id,
            file: target,
            arg,
        },
        "ingress" => Step::Ingress {
            id,
            method: target,
            arg,
        },
        "query" => Step::Query {
            id,
            method: target,
            arg,
        },
        other => {
            return Err(format!(
            "unknown command `{other}` (expected install, upgrade, reinstall, ingress or query)"
        ))
        }
    })
}

/// Parses a blob argument: `"DIDL\x00\x00"` or `0x4449444c0000`; a missing one is empty.
pub fn parse_blob(text: &str) -> Result<Vec<u8>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return decode_hex(hex);
    }
    let inner = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or_else(|| format!("argument `{text}` is neither a quoted blob nor 0x<hex>"))?;
    let mut bytes = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buffer = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        match chars.next() {
            Some('x') => {
                let digits: String = chars.by_ref().take(2).collect();
                bytes.extend(decode_hex(&digits).map_err(|_| format!("bad escape `\\x{digits}`"))?);
            }
            Some('\\') => bytes.push(b'\\'),
            Some('"') => bytes.push(b'"'),
            Some('n') => bytes.push(b'\n'),
            Some('t') => bytes.push(b'\t'),
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("the argument ends with a lone backslash".to_string()),
        }
    }
    Ok(bytes)
}

fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{hex}` is not an even number of hex digits"));
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|error| error.to_string()))
        .collect()
}

pub fn encode_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

/// `minimo drun SCRIPT`: prints each step's output as it runs.
/// `checks` is `None` for unchecked upgrades, `Some(yes)` to check them (with `yes`, data
/// loss and Candid breaks are accepted, as `minimo upgrade --yes` accepts them).
pub fn run_script(path: &Path, checks: Option<bool>, settings: &VmSettings) -> Result<(), Failure> {
    let text = input::text(path, "script")?;
    let steps = parse_script(&text)
        .map_err(|error| Failure::usage(format!("{}: {error}", path.display())))?;
    let mut runner = Runner::new(path.parent().unwrap_or(Path::new(".")), settings)?;
    if let Some(yes) = checks {
        runner = runner.with_upgrade_checks(yes);
    }
    for step in &steps {
        let output = runner.step(step)?;
        crate::output::out(&output)?;
    }
    Ok(())
}

/// Runs script steps one at a time against canisters held in memory.
pub struct Runner {
    vm: Vm,
    base: PathBuf,
    canisters: BTreeMap<String, Canister>,
    /// Compiled modules by file, so a script that installs one file many times compiles once.
    modules: BTreeMap<String, Vec<u8>>,
    /// `None`: upgrades are not checked; `Some(yes)`: checked, confirming warnings if `yes`.
    upgrade_checks: Option<bool>,
    /// Where modules come from instead of files, if set ([`Runner::with_loader`]).
    loader: Option<Box<ModuleLoader>>,
}

/// Supplies the module a script line names (`F` of `install $ID F ARG`), instead of reading it.
pub type ModuleLoader = dyn Fn(&str) -> Result<Vec<u8>, Failure>;

impl Runner {
    /// A runner whose files are relative to `base`, on a VM with `settings`.
    pub fn new(base: &Path, settings: &VmSettings) -> Result<Runner, Failure> {
        Ok(Runner {
            vm: crate::canister_cmds::vm(settings, None)?,
            base: base.to_path_buf(),
            canisters: BTreeMap::new(),
            modules: BTreeMap::new(),
            upgrade_checks: None,
            loader: None,
        })
    }

    /// A runner on `vm` whose modules come from `loader` and never from files: a script from
    /// anywhere (a test, a fuzzer) runs without touching the disk.
    pub fn with_loader(
        vm: Vm,
        loader: impl Fn(&str) -> Result<Vec<u8>, Failure> + 'static,
    ) -> Runner {
        Runner {
            vm,
            base: PathBuf::new(),
            canisters: BTreeMap::new(),
            modules: BTreeMap::new(),
            upgrade_checks: None,
            loader: Some(Box::new(loader)),
        }
    }

    /// Parses and runs a whole script given as text, returning its output; the first step
    /// that cannot run ends it with its error.
    pub fn run_text(&mut self, text: &str) -> Result<String, Failure> {
        let steps = parse_script(text).map_err(Failure::usage)?;
        let mut output = String::new();
        for step in &steps {
            output.push_str(&self.step(step)?);
        }
        Ok(output)
    }

    /// Checks every `upgrade` step as `minimo upgrade` does (`yes` as its `--yes`).
    pub fn with_upgrade_checks(mut self, yes: bool) -> Runner {
        self.upgrade_checks = Some(yes);
        self
    }

    /// Runs one step and returns its output lines.
    pub fn step(&mut self, step: &Step) -> Result<String, Failure> {
        Ok(match step {
            Step::Install { id, file, arg } => {
                let wasm = self.module(file)?;
                if self.canisters.contains_key(id) {
                    return Err(Failure::usage(format!(
                        "canister {id} is already installed (use reinstall)"
                    )));
                }
                let (result, prints) =
                    Canister::install(&self.vm, &canister_id(self.canisters.len()), &wasm, arg);
                let result = match result {
                    Ok(canister) => {
                        self.canisters.insert(id.clone(), canister);
                        Ok(Response::Reply(empty_candid()))
                    }
                    Err(error) => Err(error),
                };
                render("ingress ", &prints, &result)
            }
            Step::Upgrade { id, file, arg } | Step::Reinstall { id, file, arg } => {
                let wasm = self.module(file)?;
                let Some(canister) = self.canisters.get_mut(id) else {
                    return Ok(render("ingress ", &[], &Err(no_module(id))));
                };
                let mut report = String::new();
                if let (Step::Upgrade { .. }, Some(yes)) = (step, self.upgrade_checks) {
                    let findings = crate::upgrade_check::check_upgrade_wasm(canister, &wasm);
                    match findings.verdict(yes) {
                        Verdict::Safe(_) => {}
                        Verdict::Confirmed(line) => {
                            report = format!("{}{line}\n", findings.report());
                        }
                        Verdict::Refused(why) => {
                            return Ok(format!("{}ingress Err: {why}\n", findings.report()));
                        }
                    }
                }
                let outcome = if matches!(step, Step::Upgrade { .. }) {
                    canister.upgrade(&self.vm, &wasm, arg)
                } else {
                    canister.reinstall(&self.vm, &wasm, arg)
                };
                let result = outcome.result.map(|_| Response::Reply(empty_candid()));
                report + &render("ingress ", &outcome.debug_prints, &result)
            }
            Step::Ingress { id, method, arg } | Step::Query { id, method, arg } => {
                let prefix = if matches!(step, Step::Ingress { .. }) {
                    "ingress "
                } else {
                    ""
                };
                let Some(canister) = self.canisters.get_mut(id) else {
                    return Ok(render(prefix, &[], &Err(no_module(id))));
                };
                let outcome: Outcome = if prefix.is_empty() {
                    canister.query(&self.vm, method, arg)
                } else {
                    canister.update(&self.vm, method, arg)
                };
                render(prefix, &outcome.debug_prints, &outcome.result)
            }
        })
    }

    fn module(&mut self, file: &str) -> Result<Vec<u8>, Failure> {
        if let Some(wasm) = self.modules.get(file) {
            return Ok(wasm.clone());
        }
        let path = self.base.join(file);
        let wasm = if let Some(loader) = &self.loader {
            loader(file)?
        } else if path.extension().is_some_and(|ext| ext == "wasm") {
            input::module(&path)?
        } else {
            crate::compile::compile_file_as(&path, file)?.wasm
        };
        self.modules.insert(file.to_string(), wasm.clone());
        Ok(wasm)
    }
}

fn empty_candid() -> Vec<u8> {
    b"DIDL\x00\x00".to_vec()
}

fn no_module(id: &str) -> CallError {
    CallError::no_module(id)
}

/// The textual id drun gives the n-th canister it creates.
fn canister_id(n: usize) -> String {
    minimo_runtime::principal::canister_id_text(n as u64)
}

/// drun's lines for one message: its debug prints, then `Completed: Reply: 0x..`,
/// `Completed: Reject: ..` or `Err: IC05xx: ..` (ingress lines prefixed with `ingress `;
/// query lines with `Ok: ` instead of `Completed: `).
fn render(prefix: &str, prints: &[String], result: &Result<Response, CallError>) -> String {
    let mut out = String::new();
    for line in prints {
        let _ = writeln!(out, "debug.print: {line}");
    }
    let done = if prefix.is_empty() { "Ok" } else { "Completed" };
    let _ = match result {
        Ok(Response::Reply(bytes)) => {
            writeln!(out, "{prefix}{done}: Reply: 0x{}", encode_hex(bytes))
        }
        Ok(Response::Reject(text)) => writeln!(out, "{prefix}{done}: Reject: {text}"),
        Err(error) => writeln!(out, "{prefix}Err: {}: {}", error.code, error.message),
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_blobs_take_hex_escapes() {
        assert_eq!(
            parse_blob(r#""DIDL\x00\x01\x7d\x05""#),
            Ok(b"DIDL\x00\x01\x7d\x05".to_vec())
        );
    }

    #[test]
    fn hex_blobs_decode() {
        assert_eq!(parse_blob("0x4449444c0000"), Ok(b"DIDL\x00\x00".to_vec()));
    }

    #[test]
    fn an_empty_argument_is_an_empty_blob() {
        assert_eq!(parse_blob(""), Ok(Vec::new()));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let steps =
            parse_script("# a comment\n\ningress $ID inc \"DIDL\\x00\\x00\"\n").expect("parses");
        assert_eq!(
            steps,
            vec![Step::Ingress {
                id: "$ID".into(),
                method: "inc".into(),
                arg: b"DIDL\x00\x00".to_vec()
            }]
        );
    }

    #[test]
    fn an_unknown_command_names_its_line() {
        let error = parse_script("\nfrobnicate $ID x \"\"").expect_err("rejected");
        assert!(error.starts_with("line 2:"), "{error}");
    }

    #[test]
    fn odd_hex_is_rejected() {
        assert!(parse_blob("0x123").is_err());
    }
}
