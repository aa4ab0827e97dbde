//! Mutations of the repository's own inputs for proptest: a few edits (deletions,
//! duplications, insertions of a dictionary token, replacements) of a real program, signature
//! or script, so that the harnesses start from text that is nearly right.
//!
//! The tokens come from the fuzz targets' dictionaries (`fuzz/*.dict`), one list for both.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::Index;

/// One edit, at a position and of a length relative to the text it is applied to.
#[derive(Clone, Debug)]
pub enum Edit {
    Delete(Index, usize),
    Duplicate(Index, usize),
    Insert(Index, Index),
    Replace(Index, usize, Index),
}

pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<Index>(), 1..24usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<Index>(), 1..24usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        (any::<Index>(), any::<Index>()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<Index>(), 1..8usize, any::<Index>()).prop_map(|(at, n, t)| Edit::Replace(at, n, t)),
    ];
    prop::collection::vec(edit, 1..6)
}

/// Applies `edits` to `text`, character-wise, taking tokens from `dictionary`.
pub fn apply(text: &str, edits: &[Edit], dictionary: &[String]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = |index: &Index| index.index(chars.len() + 1);
        let token = |index: &Index| -> Vec<char> {
            if dictionary.is_empty() {
                Vec::new()
            } else {
                dictionary[index.index(dictionary.len())].chars().collect()
            }
        };
        match edit {
            Edit::Delete(i, n) => {
                let start = at(i).min(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Duplicate(i, n) => {
                let start = at(i).min(chars.len());
                let end = (start + n).min(chars.len());
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
            Edit::Insert(i, t) => {
                let start = at(i).min(chars.len());
                chars.splice(start..start, token(t));
            }
            Edit::Replace(i, n, t) => {
                let start = at(i).min(chars.len());
                let end = (start + n).min(chars.len());
                chars.splice(start..end, token(t));
            }
        }
    }
    chars.into_iter().collect()
}

/// The tokens of a libFuzzer dictionary: one `"..."` per line, with `\\`, `\"` and `\xNN`.
pub fn dictionary(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let inner = line.trim().strip_prefix('"')?.strip_suffix('"')?;
            let mut bytes = Vec::new();
            let mut rest = inner.bytes();
            while let Some(b) = rest.next() {
                if b != b'\\' {
                    bytes.push(b);
                    continue;
                }
                match rest.next() {
                    Some(b'x') => {
                        let hex: Vec<u8> = rest.by_ref().take(2).collect();
                        let hex = std::str::from_utf8(&hex).ok()?;
                        bytes.push(u8::from_str_radix(hex, 16).ok()?);
                    }
                    Some(other) => bytes.push(other),
                    None => return None,
                }
            }
            String::from_utf8(bytes).ok()
        })
        .collect()
}

pub fn motoko_dictionary() -> Vec<String> {
    dictionary(include_str!("../../../fuzz/motoko.dict"))
}

pub fn signatures_dictionary() -> Vec<String> {
    dictionary(include_str!("../../../fuzz/signatures.dict"))
}

pub fn drun_dictionary() -> Vec<String> {
    dictionary(include_str!("../../../fuzz/drun.dict"))
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every file under the repository's `dirs` whose name ends in `extension`, sorted.
pub fn files(dirs: &[&str], extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.iter().map(|dir| root().join(dir)).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The text of each file.
pub fn texts(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a repository file reads"))
        .collect()
}
