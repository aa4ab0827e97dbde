//! File operations of the state directory that follow no link and read nothing unbounded.
//!
//! Every file the state directory reads is opened without following a link (`O_NOFOLLOW`) and
//! without blocking on a FIFO (`O_NONBLOCK`), must then be a regular file (checked on the open
//! descriptor), must be no larger than its limit by its metadata, and is read through
//! `Read::take`, so a file that grows while it is read still stops at the limit. Every file it
//! writes is created with `create_new` (`O_CREAT | O_EXCL`, which never follows a link and
//! never reuses a file another writer made). Folders are checked with `symlink_metadata`.
//!
//! What this does not defend against: another process that swaps a folder for a link between
//! the check and the use. The state directory belongs to its user; the checks catch links and
//! special files left in it, not a concurrent attacker with write access to it. This file
//! knows no file names or formats (`state_dir.rs` and `state_file.rs` do).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::state_dir::{error, StateError};

/// Opens an existing state file for reading, refusing a link, a folder or a special file and
/// a file larger than `limit` bytes. Returns the file and its length.
pub(crate) fn open_bounded(path: &Path, limit: u64) -> Result<(File, u64), StateError> {
    #[cfg(not(unix))]
    if entry_type(path)?.is_some_and(|kind| kind.is_symlink()) {
        return Err(error(path, LINK));
    }
    let file = no_follow(OpenOptions::new().read(true))
        .open(path)
        .map_err(|e| open_error(path, e))?;
    let metadata = file.metadata().map_err(|e| error(path, e))?;
    if !metadata.is_file() {
        return Err(error(path, not_regular(&metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(too_large(path, limit));
    }
    Ok((file, metadata.len()))
}

/// Reads a whole state file of at most `limit` bytes (see [`open_bounded`]).
pub(crate) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, StateError> {
    let (file, length) = open_bounded(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    // One byte past the limit tells a file that grew after its metadata was read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| error(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

/// Opens an existing file (for reading, and for writing if `write`), following no link.
pub(crate) fn open_existing(path: &Path, write: bool) -> io::Result<File> {
    no_follow(OpenOptions::new().read(true).write(write)).open(path)
}

/// Creates a new file for writing; fails if anything (a file, a link) is already there.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    no_follow(OpenOptions::new().write(true).create_new(true)).open(path)
}

/// What is at `path` without following a link: `None` if nothing is.
pub(crate) fn entry_type(path: &Path) -> Result<Option<fs::FileType>, StateError> {
    match fs::symlink_metadata(path) {
        Ok(metadata) => Ok(Some(metadata.file_type())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(error(path, e)),
    }
}

/// Checks that `path` is a folder and not a link to one; `Ok(false)` if nothing is there.
pub(crate) fn is_folder(path: &Path) -> Result<bool, StateError> {
    match entry_type(path)? {
        None => Ok(false),
        Some(kind) if kind.is_dir() => Ok(true),
        Some(kind) => Err(error(path, expected_folder(&kind))),
    }
}

/// The entries of a folder of the state directory, each with its type (links not followed).
pub(crate) fn entries(dir: &Path) -> Result<Vec<(String, PathBuf, fs::FileType)>, StateError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| error(dir, e))? {
        let entry = entry.map_err(|e| error(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| error(&path, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            return Err(error(
                &path,
                "the name is not UTF-8; minimo never writes such a name",
            ));
        };
        found.push((name, path, kind));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// Flushes a folder's entries (new files, renames) to the device.
pub(crate) fn sync_dir(path: &Path) -> Result<(), StateError> {
    no_follow(OpenOptions::new().read(true))
        .open(path)
        .and_then(|dir| dir.sync_all())
        .map_err(|e| open_error(path, e))
}

/// Why an entry that should be a folder is not one.
pub(crate) fn expected_folder(kind: &fs::FileType) -> String {
    if kind.is_symlink() {
        LINK.to_string()
    } else {
        format!("{} where a folder was expected", describe(kind))
    }
}

/// Why an entry that should be a regular file is not one.
pub(crate) fn not_regular(kind: &fs::FileType) -> String {
    if kind.is_symlink() {
        LINK.to_string()
    } else {
        format!("{} where a regular file was expected", describe(kind))
    }
}

pub(crate) const LINK: &str =
    "is a symbolic link; minimo follows no link inside the state directory (remove it)";

fn describe(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "is a FIFO";
        }
        if kind.is_socket() {
            return "is a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "is a device";
        }
    }
    if kind.is_dir() {
        "is a folder"
    } else if kind.is_symlink() {
        "is a symbolic link"
    } else if kind.is_file() {
        "is a regular file"
    } else {
        "is not a regular file"
    }
}

fn too_large(path: &Path, limit: u64) -> StateError {
    error(
        path,
        format!("the file is larger than the {limit} bytes such a file can hold"),
    )
}

/// An open error, saying plainly when the cause was a link (`O_NOFOLLOW` gives `ELOOP`).
pub(crate) fn open_error(path: &Path, e: io::Error) -> StateError {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return error(path, LINK);
    }
    error(path, e)
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
}

/// Elsewhere `create_new` still never follows a link; reads rely on the metadata check.
#[cfg(not(unix))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}
