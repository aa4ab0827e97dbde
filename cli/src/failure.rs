//! How a command fails: a message for stderr and the exit status CLI.md gives it.

use std::fmt::Display;
use std::process::ExitCode;

/// A failed command. The message (possibly empty, when the details were already printed)
/// goes to stderr; the status is the process's exit status.
#[derive(Debug)]
pub struct Failure {
    pub status: u8,
    pub message: String,
}

impl Failure {
    /// A failure of the program or the canister (status 1): compile errors, rejects, traps,
    /// refused upgrades.
    pub fn program(message: impl Display) -> Failure {
        Failure {
            status: 1,
            message: message.to_string(),
        }
    }

    /// A failure already explained on stderr (status 1).
    pub fn reported() -> Failure {
        Failure {
            status: 1,
            message: String::new(),
        }
    }

    /// A usage or I/O error (status 2).
    pub fn usage(message: impl Display) -> Failure {
        Failure {
            status: 2,
            message: message.to_string(),
        }
    }

    pub fn with_status(status: u8, message: impl Display) -> Failure {
        Failure {
            status,
            message: message.to_string(),
        }
    }

    pub fn report(self) -> ExitCode {
        if !self.message.is_empty() {
            crate::output::note(self.message.trim_end());
        }
        ExitCode::from(self.status)
    }
}

pub type Outcome = Result<(), Failure>;

/// Writes a file, naming it in the error.
pub fn write(path: &std::path::Path, bytes: impl AsRef<[u8]>) -> Outcome {
    std::fs::write(path, bytes)
        .map_err(|error| Failure::usage(format!("cannot write {}: {error}", path.display())))
}
