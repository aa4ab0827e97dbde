//! `minimo`: the command line (see CLI.md for the contract every form here keeps).
//!
//! A thin layer: it reads files, calls the compiler and the VM, and turns their results into
//! text and exit statuses. It holds no compiler or VM logic of its own; the one composition it
//! owns is the safe-upgrade check, which joins the compiler's stable-compatibility check with
//! the Candid subtype check against the installed module's metadata.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use minimo_cli::vm_settings::{self, VmSettings};
use minimo_cli::{canister_cmds, compile, drun, output, run, state, upgrade_check};

#[derive(Parser)]
#[command(
    name = "minimo",
    version,
    about = "A compiler and VM for canister upgrades in Motoko"
)]
struct Cli {
    /// The local state directory (default: `.minimo` under the current directory, or
    /// `$MINIMO_STATE`).
    #[arg(long, global = true, value_name = "DIR")]
    state: Option<PathBuf>,
    /// Stop every message (update, query, install, upgrade) after at most N instructions, for
    /// local work: an endless loop fails early with IC0522 instead of running to the Internet
    /// Computer's limit. N may use `_` and a suffix K, M or B (e.g. 5_000_000, 5M, 2B).
    #[arg(long, global = true, value_name = "N", value_parser = vm_settings::parse_instruction_limit)]
    instruction_limit: Option<u64>,
    /// While a message runs longer than this, print a progress line on stderr this often
    /// (seconds, fractions allowed; 0 for none; default 5).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = vm_settings::parse_progress_interval)]
    progress_interval: Option<Duration>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and type-check a program.
    Check { file: PathBuf },
    /// Run a script: a program whose top level may declare actors and await their methods.
    Run { file: PathBuf },
    /// Compile a program to OUT.wasm, OUT.did and OUT.most.
    Build {
        file: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "OUT.wasm")]
        output: Option<PathBuf>,
    },
    /// Build, then install (first time) or upgrade (afterwards) a canister.
    Deploy {
        file: PathBuf,
        #[arg(long)]
        name: Option<String>,
        /// Accept data loss and Candid breaks on upgrade (never an incompatible stable signature).
        #[arg(long)]
        yes: bool,
    },
    /// Call a canister method with textual Candid arguments.
    Call {
        name: String,
        method: String,
        /// Candid arguments, e.g. `'(42, "x")'`.
        args: Option<String>,
        /// Send the call as a query even if the method is an update.
        #[arg(long)]
        query: bool,
    },
    /// Upgrade a canister after checking Candid and stable compatibility.
    Upgrade {
        name: String,
        file: PathBuf,
        /// Accept data loss and Candid breaks (never an incompatible stable signature).
        #[arg(long)]
        yes: bool,
    },
    /// Stop a canister.
    Stop { name: String },
    /// Start a stopped canister.
    Start { name: String },
    /// Show a canister's status.
    Status { name: String },
    /// Run a drun-style script of install/upgrade/reinstall/ingress/query lines.
    Drun {
        script: PathBuf,
        /// Check `upgrade` lines as `minimo upgrade` does; a refused one prints its findings
        /// and `ingress Err: upgrade refused: ...` instead of running.
        #[arg(long)]
        check_upgrades: bool,
        /// With --check-upgrades: accept data loss and Candid breaks (never an incompatible
        /// stable signature).
        #[arg(long, requires = "check_upgrades")]
        yes: bool,
    },
    /// Check that NEW.most is stable-compatible with OLD.most: findings in moc's form, each
    /// explained; exit 0 compatible, 1 not, 2 if a file cannot be read or parsed.
    StableCompatible { old: PathBuf, new: PathBuf },
    /// Check that the service in NEW.did is a subtype of the one in OLD.did: each break with
    /// its path and reason; exit 0 compatible, 1 not, 2 if a file cannot be read, does not
    /// parse or has no service.
    CandidCompatible { old: PathBuf, new: PathBuf },
}

/// The stack commands run on: the Candid and stable-signature texts they parse recurse as
/// deep as the text nests, up to the limits the parsers' pre-scans allow (see
/// `candid_depth`), which need more than a main thread's 8 MiB in a debug build.
const COMMAND_STACK: usize = 256 << 20;

fn main() -> ExitCode {
    match std::thread::Builder::new()
        .stack_size(COMMAND_STACK)
        .spawn(command)
    {
        // A panic was reported by the panic hook already; 101 is what Rust exits with then.
        Ok(thread) => thread.join().unwrap_or(ExitCode::from(101)),
        Err(_) => command(),
    }
}

fn command() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return output::usage(&error),
    };
    let settings = VmSettings::from_flags(cli.instruction_limit, cli.progress_interval);
    let state = state::Location::resolve(cli.state);
    let result = match cli.command {
        Command::Check { file } => compile::check(&file),
        Command::Run { file } => run::run(&file, &settings),
        Command::Build { file, output } => compile::build(&file, output.as_deref()),
        Command::Deploy { file, name, yes } => {
            canister_cmds::deploy(&state, &settings, &file, name.as_deref(), yes)
        }
        Command::Call {
            name,
            method,
            args,
            query,
        } => canister_cmds::call(&state, &settings, &name, &method, args.as_deref(), query),
        Command::Upgrade { name, file, yes } => {
            canister_cmds::upgrade(&state, &settings, &name, &file, yes)
        }
        Command::Stop { name } => canister_cmds::stop(&state, &settings, &name),
        Command::Start { name } => canister_cmds::start(&state, &settings, &name),
        Command::Status { name } => canister_cmds::status(&state, &settings, &name),
        Command::Drun {
            script,
            check_upgrades,
            yes,
        } => drun::run_script(&script, check_upgrades.then_some(yes), &settings),
        Command::StableCompatible { old, new } => {
            upgrade_check::stable_compatible_files(&old, &new)
        }
        Command::CandidCompatible { old, new } => {
            upgrade_check::candid_compatible_files(&old, &new)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
