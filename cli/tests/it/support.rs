//! Helpers shared by the end-to-end tests: running the `minimo` binary in a temporary state
//! directory, and paths of the repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A state directory that lives as long as the value.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Runs `minimo ARGS` from the repository root with this sandbox's state directory.
    pub fn minimo(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("minimo runs")
    }

    /// The command `minimo ARGS` as [`Sandbox::minimo`] runs it, for a test that sets up its
    /// standard streams itself.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_minimo"));
        command
            .args(args)
            .current_dir(repo())
            .env("MINIMO_STATE", self.state());
        command
    }

    /// Runs `minimo ARGS`, asserts it succeeded, and returns its stdout trimmed.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.minimo(args);
        assert!(
            output.status.success(),
            "minimo {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
