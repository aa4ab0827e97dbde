//! Writing to stdout and stderr without the panic of `println!`: every command prints through
//! here, so a closed pipe (`| head -c1`) or a full device (`> /dev/full`) ends it with an error
//! status instead of exit 101.
//!
//! Each write is flushed at once, so a failure is seen by the command that wrote, at the point
//! where it wrote, and the command can say what was already done (a `call` whose reply could
//! not be printed says that its change was saved). A closed pipe is the reader's choice, so it
//! ends the command quietly (status 2, no message); any other write error is reported on stderr
//! (status 2). Rust ignores SIGPIPE, so a closed pipe arrives as the error `BrokenPipe`.
//! This file does not decide what is printed, only how.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use crate::failure::Failure;

/// The exit status of a command whose output could not be written (CLI.md: an I/O error).
pub const WRITE_FAILED: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stream::Stdout => "standard output",
            Stream::Stderr => "standard error",
        })
    }
}

/// A write to stdout or stderr that failed.
#[derive(Debug)]
pub struct WriteError {
    pub stream: Stream,
    pub error: io::Error,
}

impl WriteError {
    pub fn is_broken_pipe(&self) -> bool {
        self.error.kind() == io::ErrorKind::BrokenPipe
    }

    /// The failure of a command that had already committed a change when its output failed:
    /// always said on stderr (if stderr still works), closed pipe or not, because the user
    /// must learn that the change happened although its report did not arrive.
    pub fn after_commit(self, done: &str) -> Failure {
        Failure::with_status(
            WRITE_FAILED,
            format!(
                "{done}, but its output could not be written to {}: {}",
                self.stream, self.error
            ),
        )
    }
}

impl From<WriteError> for Failure {
    fn from(failed: WriteError) -> Failure {
        if failed.is_broken_pipe() {
            Failure::with_status(WRITE_FAILED, "")
        } else {
            Failure::with_status(
                WRITE_FAILED,
                format!("cannot write to {}: {}", failed.stream, failed.error),
            )
        }
    }
}

/// Writes `text` to stdout and flushes it.
pub fn out(text: &str) -> Result<(), WriteError> {
    write(Stream::Stdout, text)
}

/// Writes `text` and a newline to stdout.
pub fn out_line(text: &str) -> Result<(), WriteError> {
    out(&format!("{text}\n"))
}

/// Writes `text` to stderr and flushes it.
pub fn err(text: &str) -> Result<(), WriteError> {
    write(Stream::Stderr, text)
}

/// Writes `text` and a newline to stderr.
pub fn err_line(text: &str) -> Result<(), WriteError> {
    err(&format!("{text}\n"))
}

/// Writes a line to stderr that nothing depends on (a notice, or the message of a command
/// that is failing anyway): if stderr cannot take it there is nobody left to tell.
pub fn note(text: &str) {
    let _ = err_line(text);
}

fn write(stream: Stream, text: &str) -> Result<(), WriteError> {
    let result = match stream {
        Stream::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
        Stream::Stderr => {
            let mut err = io::stderr().lock();
            err.write_all(text.as_bytes()).and_then(|()| err.flush())
        }
    };
    result.map_err(|error| WriteError { stream, error })
}

/// Prints what the argument parser has to say (help, the version, a usage error) and gives the
/// exit status: clap's own, or [`WRITE_FAILED`] if it could not be printed (clap's printing
/// would drop that error and exit 0).
pub fn usage(error: &clap::Error) -> ExitCode {
    let stream = if error.use_stderr() {
        Stream::Stderr
    } else {
        Stream::Stdout
    };
    let to_terminal = match stream {
        Stream::Stdout => io::stdout().is_terminal(),
        Stream::Stderr => io::stderr().is_terminal(),
    };
    let rendered = error.render();
    let text = if to_terminal {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    match write(stream, &text) {
        Ok(()) => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(WRITE_FAILED)),
        Err(failed) => Failure::from(failed).report(),
    }
}
