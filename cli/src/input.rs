//! Bounded reads of the files the command line is given: programs and the files they import,
//! modules, drun scripts, `.most` and `.did` signatures.
//!
//! Every read looks at the file's metadata first: a directory, a device or a socket is refused
//! at once (reading `/dev/zero` would never end), a regular file larger than the limit is
//! refused without being read, and at most limit + 1 bytes are ever read (a named pipe, or a
//! file that grows while it is read, is cut off there and refused). The errors name the file
//! and the limit. This file does not read the state directory, which has its own format and
//! checks (`minimo_runtime::StateDir`).

use std::fs::{self, File, FileType};
use std::io::Read;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use minimo_runtime::ModuleLimits;

use crate::failure::Failure;

const MIB: u64 = 1 << 20;

/// The largest text file read: a program, an imported file, a script or a signature. Far above
/// any real program, low enough that a mistaken argument costs little memory.
pub const TEXT_LIMIT: u64 = 32 * MIB;

/// The largest module read: the Internet Computer's limit on a module, which the VM enforces
/// too.
pub fn module_limit() -> u64 {
    ModuleLimits::default().bytes
}

/// Reads at most `limit` bytes of the regular file (or named pipe) at `path`; `what` names the
/// file's role in the errors ("source file", "module", ...).
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    let cannot = |error: std::io::Error| format!("cannot read {}: {error}", path.display());
    // The path's metadata before opening it: opening a named pipe waits for a writer, and
    // opening some devices has effects, so only files that can be read are opened.
    refuse_unreadable(path, &fs::metadata(path).map_err(cannot)?.file_type(), what)?;
    let file = File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    refuse_unreadable(path, &metadata.file_type(), what)?;
    if metadata.is_file() && metadata.len() > limit {
        return Err(too_large(path, what, Some(metadata.len()), limit));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, what, None, limit));
    }
    Ok(bytes)
}

/// Reads the UTF-8 text file at `path`, at most [`TEXT_LIMIT`] bytes.
pub fn read_text(path: &Path, what: &str) -> Result<String, String> {
    let bytes = read_bounded(path, TEXT_LIMIT, what)?;
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "cannot read {}: the {what} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })
}

/// [`read_text`] as a command's failure (status 2).
pub fn text(path: &Path, what: &str) -> Result<String, Failure> {
    read_text(path, what).map_err(Failure::usage)
}

/// Reads a module file, at most [`module_limit`] bytes, as a command's failure (status 2).
pub fn module(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(path, module_limit(), "module").map_err(Failure::usage)
}

fn refuse_unreadable(path: &Path, file_type: &FileType, what: &str) -> Result<(), String> {
    let Some(kind) = unreadable_kind(file_type) else {
        return Ok(());
    };
    Err(format!(
        "{}: the {what} is {kind}, not a regular file",
        path.display()
    ))
}

/// What a file is, if it is not something a bounded read can take (a regular file or a named
/// pipe).
fn unreadable_kind(file_type: &FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        if file_type.is_fifo() {
            return None;
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

fn too_large(path: &Path, what: &str, size: Option<u64>, limit: u64) -> String {
    let size = size
        .map(|size| format!(" ({size} bytes)"))
        .unwrap_or_default();
    format!(
        "{}: the {what}{size} is larger than the limit of {} MiB",
        path.display(),
        limit / MIB
    )
}
