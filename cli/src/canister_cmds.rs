//! The canister commands: `deploy`, `call`, `upgrade`, `stop`, `start`, `status`.
//!
//! Each opens the state directory, which takes its lock, and holds it until the command ends:
//! exclusively for a command that changes state, shared for `status` and `call --query` (a
//! call without `--query` takes the exclusive lock even when the method turns out to be a
//! query, since that is known only once the canister is loaded). The load, the one operation
//! in the VM and the save all happen under the lock, so commands on one state directory queue
//! instead of losing updates; a wait of more than a second is said on stderr. A program is
//! compiled before the lock is taken, to keep other commands' waits short. A failed message
//! leaves the canister as it was, so nothing is saved then.
//!
//! The order of output and commit: debug prints (stderr) come before the save, and the result
//! line (stdout) after it. So a reply is printed only once its state is committed: a process
//! killed between the two has saved a state whose reply was never printed, never the reverse.
//! A debug print that cannot be written stops the command before it saves; a result that cannot
//! be printed gets an error that says the change was saved.

use std::path::Path;

use minimo_compiler::Compiled;
use minimo_runtime::{Access, Canister, Response, StateDir, Status, Vm};

use crate::candid_text::{self, Interface};
use crate::compile;
use crate::failure::{Failure, Outcome};
use crate::output;
use crate::state::Location;
use crate::upgrade_check::{self, Verdict};
use crate::vm_settings::{self, VmSettings};

/// The empty Candid argument list `()`, the argument of init and upgrades here.
const NO_ARGUMENTS: &[u8] = b"DIDL\x00\x00";

/// A VM for one short-lived command: the baseline compiler (fast to start), the settings of
/// the global flags (`vm_settings`) and, given a state directory, a cache of compiled modules
/// in it. Progress lines name the canister by its id.
pub fn vm(settings: &VmSettings, state: Option<&Location>) -> Result<Vm, Failure> {
    vm_for(settings, state, None)
}

/// [`vm`] for a command on the canister `name`, which progress lines call by that name.
pub fn vm_for(
    settings: &VmSettings,
    state: Option<&Location>,
    name: Option<&str>,
) -> Result<Vm, Failure> {
    let options = vm_settings::options(settings, state.map(|state| state.path.join("cache")), name);
    Vm::new(options).map_err(|error| Failure::usage(format!("cannot start the VM: {error}")))
}

/// Opens the state directory, waiting for its lock as long as another command holds it.
fn open(state: &Location, access: Access) -> Result<StateDir, Failure> {
    StateDir::open_with(&state.path, access, &mut |waiting| {
        output::note(&waiting.to_string())
    })
    .map_err(|error| Failure::usage(error.to_string()))
}

fn load(state: &Location, dir: &StateDir, vm: &Vm, name: &str) -> Result<Canister, Failure> {
    dir.load(vm, name)
        .map_err(|error| Failure::usage(error.to_string()))?
        .ok_or_else(|| {
            Failure::program(format!(
                "no canister named `{name}` in {} (deploy it first)",
                state.path.display()
            ))
        })
}

fn save(dir: &StateDir, name: &str, canister: &Canister) -> Outcome {
    dir.save(name, canister)
        .map_err(|error| Failure::usage(error.to_string()))
}

/// Prints the result line of a command whose change is committed.
fn report_committed(line: &str, done: &str) -> Outcome {
    output::out_line(line).map_err(|error| error.after_commit(done))
}

/// The canister name for `deploy FILE` without `--name`: the file's stem.
fn default_name(file: &Path) -> String {
    file.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "canister".to_string())
}

pub fn deploy(
    state: &Location,
    settings: &VmSettings,
    file: &Path,
    name: Option<&str>,
    yes: bool,
) -> Outcome {
    let name = name
        .map(str::to_string)
        .unwrap_or_else(|| default_name(file));
    let compiled = compile::compile_file(file)?;
    let dir = open(state, Access::Write)?;
    let vm = vm_for(settings, Some(state), Some(&name))?;
    let existing = dir
        .names()
        .map_err(|error| Failure::usage(error.to_string()))?;
    if existing.contains(&name) {
        return upgrade_locked(state, &dir, &vm, &name, &compiled, yes);
    }
    let id = dir
        .next_canister_id()
        .map_err(|error| Failure::usage(error.to_string()))?;
    let (result, prints) = Canister::install(&vm, &id, &compiled.wasm, NO_ARGUMENTS);
    print_debug(&prints)?;
    let canister = result.map_err(|error| {
        Failure::program(format!(
            "installing `{name}` failed: {}: {}",
            error.code, error.message
        ))
    })?;
    save(&dir, &name, &canister)?;
    report_committed(
        &format!("Installed canister {name} ({id})"),
        &format!("canister {name} was installed"),
    )
}

pub fn call(
    state: &Location,
    settings: &VmSettings,
    name: &str,
    method: &str,
    args: Option<&str>,
    query: bool,
) -> Outcome {
    let dir = open(state, if query { Access::Read } else { Access::Write })?;
    let vm = vm_for(settings, Some(state), Some(name))?;
    let mut canister = load(state, &dir, &vm, name)?;
    let interface = interface_of(&canister)?;
    let (arg, interface) = match &interface {
        Some(interface) => (
            interface
                .encode_args(method, args)
                .map_err(Failure::program)?,
            interface,
        ),
        None => {
            return Err(Failure::program(format!(
                "canister `{name}` has no Candid interface; cannot encode arguments"
            )))
        }
    };
    let as_query = query || interface.is_query(method);
    let outcome = if as_query {
        canister.query(&vm, method, &arg)
    } else {
        canister.update(&vm, method, &arg)
    };
    print_debug(&outcome.debug_prints)?;
    match outcome.result {
        Ok(Response::Reply(bytes)) => {
            if !as_query {
                save(&dir, name, &canister)?;
            }
            let text = interface
                .render_reply(method, &bytes)
                .or_else(|_| candid_text::render_untyped(&bytes))
                .map_err(Failure::program)?;
            if as_query {
                Ok(output::out_line(&text)?)
            } else {
                report_committed(&text, "the call completed and its changes were saved")
            }
        }
        Ok(Response::Reject(message)) => {
            if !as_query {
                save(&dir, name, &canister)?;
            }
            Err(Failure::program(format!(
                "the canister rejected the call: {message}"
            )))
        }
        Err(error) => Err(Failure::program(format!(
            "Error: {}: {}",
            error.code, error.message
        ))),
    }
}

pub fn upgrade(
    state: &Location,
    settings: &VmSettings,
    name: &str,
    file: &Path,
    yes: bool,
) -> Outcome {
    let compiled = compile::compile_file(file)?;
    let dir = open(state, Access::Write)?;
    let vm = vm_for(settings, Some(state), Some(name))?;
    upgrade_locked(state, &dir, &vm, name, &compiled, yes)
}

/// The checked upgrade, with the state directory open for writing.
fn upgrade_locked(
    state: &Location,
    dir: &StateDir,
    vm: &Vm,
    name: &str,
    compiled: &Compiled,
    yes: bool,
) -> Outcome {
    let mut canister = load(state, dir, vm, name)?;
    let findings = upgrade_check::check_upgrade(&canister, compiled);
    output::err(&findings.report())?;
    match findings.verdict(yes) {
        Verdict::Refused(why) => return Err(Failure::program(why)),
        Verdict::Confirmed(line) | Verdict::Safe(line) => output::err_line(&line)?,
    }
    let outcome = canister.upgrade(vm, &compiled.wasm, NO_ARGUMENTS);
    print_debug(&outcome.debug_prints)?;
    if let Err(error) = outcome.result {
        return Err(Failure::program(format!(
            "the upgrade of `{name}` failed and was rolled back; the canister runs its old code with its old state\nError: {}: {}",
            error.code, error.message
        )));
    }
    save(dir, name, &canister)?;
    report_committed(
        &format!("Upgraded canister {name}"),
        &format!("canister {name} was upgraded"),
    )
}

pub fn stop(state: &Location, settings: &VmSettings, name: &str) -> Outcome {
    lifecycle(state, settings, name, |canister| canister.stop(), "Stopped")
}

pub fn start(state: &Location, settings: &VmSettings, name: &str) -> Outcome {
    lifecycle(
        state,
        settings,
        name,
        |canister| canister.start(),
        "Started",
    )
}

fn lifecycle(
    state: &Location,
    settings: &VmSettings,
    name: &str,
    change: impl FnOnce(&mut Canister),
    verb: &str,
) -> Outcome {
    let dir = open(state, Access::Write)?;
    let vm = vm(settings, Some(state))?;
    let mut canister = load(state, &dir, &vm, name)?;
    change(&mut canister);
    save(&dir, name, &canister)?;
    report_committed(
        &format!("{verb} canister {name}"),
        &format!("canister {name} was {}", verb.to_lowercase()),
    )
}

pub fn status(state: &Location, settings: &VmSettings, name: &str) -> Outcome {
    let dir = open(state, Access::Read)?;
    let vm = vm(settings, Some(state))?;
    let canister = load(state, &dir, &vm, name)?;
    let status = match canister.status() {
        Status::Running => "Running",
        Status::Stopping => "Stopping",
        Status::Stopped => "Stopped",
    };
    let module_hash = canister.module_hash().unwrap_or_else(|| "none".to_string());
    Ok(output::out(&format!(
        "Canister {name} ({})\nStatus: {status}\nModule hash: 0x{module_hash}\nStable memory: {} bytes\n",
        canister.id(),
        canister.stable_memory_size()
    ))?)
}

/// The Candid service embedded in the installed module, if it has one.
pub fn interface_of(canister: &Canister) -> Result<Option<Interface>, Failure> {
    match canister.custom_section("icp:public candid:service") {
        None => Ok(None),
        Some(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| {
                Failure::program("the module's candid:service section is not UTF-8")
            })?;
            Interface::parse(&text).map(Some).map_err(Failure::program)
        }
    }
}

/// Prints a message's debug output on stderr, as `debug.print: <text>` lines.
fn print_debug(prints: &[String]) -> Outcome {
    let text: String = prints
        .iter()
        .map(|line| format!("debug.print: {line}\n"))
        .collect();
    Ok(output::err(&text)?)
}
