//! The lock that makes a state directory one process's at a time.
//!
//! One lock per state directory, the file `<root>/lock`, locked with the operating system's
//! advisory file lock (`File::lock`, which is `flock` on Unix and `LockFileEx` on Windows), so
//! the lock ends with the process that held it however it ends: no stale lock survives a
//! crash or a `kill -9`. A command that changes state holds it exclusively from before it
//! loads until after it saved; a command that only reads holds it shared, so it never sees a
//! generation being deleted. Per directory rather than per canister because a deploy picks
//! the next free canister id by reading every canister.
//!
//! A process that has the lock exclusively writes `pid <N>` into the file, and empties it again
//! when it lets go, so a process that has to wait can say whom it waits for. The content is
//! only a hint for that message; the lock itself is what counts. This file does not decide what
//! a command does while it holds the lock.

use std::fmt;
use std::fs::{File, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::state_dir::{error, StateError};
use crate::state_fs;

/// How a command uses the state directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Loads only: many readers at once, never beside a writer.
    Read,
    /// Loads, changes and saves: one writer alone.
    Write,
}

/// Told to the caller once a wait for the lock has lasted [`NOTICE_AFTER`].
#[derive(Clone, Debug)]
pub struct Waiting {
    /// The state directory.
    pub root: PathBuf,
    /// The process holding the lock, when it wrote its id (a writer does, readers do not).
    pub holder: Option<u32>,
}

impl fmt::Display for Waiting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.holder {
            Some(pid) => write!(
                f,
                "waiting for minimo process {pid}, which is using the state directory {}",
                self.root.display()
            ),
            None => write!(
                f,
                "waiting for another minimo process, which is using the state directory {}",
                self.root.display()
            ),
        }
    }
}

/// How long a wait lasts before the caller is told of it.
pub const NOTICE_AFTER: Duration = Duration::from_secs(1);

/// The largest lock file read for the holder's id: `pid <N>\n` is far shorter.
const LOCK_FILE_BYTES_MAX: u64 = 64;

/// A held lock; dropping it lets go.
pub(crate) struct Lock {
    file: File,
    access: Access,
}

impl Lock {
    /// Takes the lock of the state directory at `root`, waiting as long as another process
    /// holds it; `on_wait` is called once if the wait lasts [`NOTICE_AFTER`].
    pub(crate) fn acquire(
        root: &Path,
        access: Access,
        on_wait: &mut dyn FnMut(&Waiting),
    ) -> Result<Lock, StateError> {
        let path = root.join("lock");
        let file = open(&path, access)?;
        let attempt = |file: &File| match access {
            Access::Read => file.try_lock_shared(),
            Access::Write => file.try_lock(),
        };
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match attempt(&file) {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(error(&path, e)),
            }
            if started.elapsed() >= NOTICE_AFTER {
                on_wait(&Waiting {
                    root: root.to_path_buf(),
                    holder: holder(&path),
                });
                // From now on the operating system wakes us when the holder lets go.
                let locked = match access {
                    Access::Read => file.lock_shared(),
                    Access::Write => file.lock(),
                };
                locked.map_err(|e| error(&path, e))?;
                break;
            }
            thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
        if access == Access::Write {
            // Only a hint for waiting processes: failing to write it loses nothing.
            let _ = write_holder(&file);
        }
        Ok(Lock { file, access })
    }

    pub(crate) fn access(&self) -> Access {
        self.access
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.access == Access::Write {
            let _ = self.file.set_len(0);
        }
        // Closing the file releases the lock.
    }
}

/// Opens (creating if needed) the lock file, following no link. A reader of a state directory
/// it may not write to still locks, through a read-only descriptor.
fn open(path: &Path, access: Access) -> Result<File, StateError> {
    let created = match state_fs::entry_type(path)? {
        Some(kind) if !kind.is_file() => {
            return Err(error(path, state_fs::not_regular(&kind)));
        }
        Some(_) => state_fs::open_existing(path, true),
        None => match state_fs::create_new(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                state_fs::open_existing(path, true)
            }
            other => other,
        },
    };
    let file = match created {
        Err(e)
            if access == Access::Read
                && matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
        {
            state_fs::open_existing(path, false)
        }
        other => other,
    }
    .map_err(|e| state_fs::open_error(path, e))?;
    let metadata = file.metadata().map_err(|e| error(path, e))?;
    if !metadata.is_file() {
        return Err(error(path, state_fs::not_regular(&metadata.file_type())));
    }
    Ok(file)
}

fn write_holder(mut file: &File) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(format!("pid {}\n", std::process::id()).as_bytes())
}

/// The process id the holder wrote, if it wrote one.
fn holder(path: &Path) -> Option<u32> {
    let file = state_fs::open_existing(path, false).ok()?;
    let mut text = String::new();
    file.take(LOCK_FILE_BYTES_MAX)
        .read_to_string(&mut text)
        .ok()?;
    text.trim().strip_prefix("pid ")?.parse().ok()
}
