//! The local state directory: canisters saved to disk and loaded back, each save committed
//! atomically, one process at a time.
//!
//! Layout, one folder per canister name:
//!
//! ```text
//! <root>/lock                              the lock file (`state_lock.rs`)
//! <root>/canisters/<name>/CURRENT          "g<N>": the committed generation
//! <root>/canisters/<name>/g<N>/meta.txt    format version, id, status, module hash, globals
//! <root>/canisters/<name>/g<N>/module.wasm the installed module
//! <root>/canisters/<name>/g<N>/heap.pages  linear memory (pages file, zero pages left out)
//! <root>/canisters/<name>/g<N>/stable.pages stable memory (pages file, zero pages left out)
//! <root>/cache/                            compiled modules (`engine.rs`)
//! ```
//!
//! A [`StateDir`] holds the directory's lock for as long as it lives: exclusively when opened
//! for writing, shared when opened for reading. A save writes a whole new generation folder,
//! created with `create_dir` under a number higher than any present (so it never reuses a
//! folder), and flushes it; then it writes a temporary file of a name no other process uses,
//! flushes it and renames it over `CURRENT` (the commit, an atomic step); only then it deletes
//! the generations older than the one it committed and temporary files left by crashed
//! processes. A process killed at any point therefore leaves `CURRENT` naming either the old or
//! the new complete generation, and a reader never sees a half-written one.
//!
//! No link is followed inside the directory and every read is bounded (`state_fs.rs`): a
//! canister folder, `CURRENT`, a generation or a state file that is a link or a special file
//! is refused with an error naming it, and each file has a size limit derived from the VM's
//! limits. The root itself may be a link: where the state lives is the user's choice, as
//! `--state DIR` is. The format is this file's own and versioned (`state_meta.rs`); it never
//! serializes a compiler type or a wasmtime structure.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::canister::{instantiate, new_store, Canister, Code};
use crate::engine::hex;
use crate::error::CallError;
use crate::snapshot::{self, ApplyError, HeapImage, Live};
use crate::stable_memory::{PageIndex, StableMemory, PAGE_SIZE};
use crate::state_file::{pages_file_len, read_pages, read_text, write_pages, write_text};
use crate::state_fs::{self, entries, is_folder, sync_dir};
use crate::state_lock::{Access, Lock, Waiting};
use crate::state_meta::{self, Meta};
use crate::Vm;

/// The largest `CURRENT`: `g` and a 64-bit number.
const CURRENT_BYTES_MAX: u64 = 64;
/// The largest `meta.txt`: a few lines and one line per exported mutable global, which for
/// any module the Internet Computer accepts (at most 1,000 globals) is well under this.
const META_BYTES_MAX: u64 = 16 << 20;

/// A state directory, with its lock held.
pub struct StateDir {
    root: PathBuf,
    lock: Lock,
}

/// A failure to read or write the state directory, naming the file concerned.
#[derive(Debug)]
pub struct StateError {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StateError {}

pub(crate) fn error(path: &Path, problem: impl fmt::Display) -> StateError {
    StateError {
        path: path.to_path_buf(),
        problem: problem.to_string(),
    }
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> StateError + '_ {
    move |e| error(path, e)
}

impl StateDir {
    /// Opens (creating if needed) the state directory at `path` for writing, waiting while
    /// another process uses it.
    pub fn open(path: impl AsRef<Path>) -> Result<StateDir, StateError> {
        StateDir::open_with(path, Access::Write, &mut |_| {})
    }

    /// Opens the state directory at `path` for `access`, waiting while another process holds
    /// it in a way that excludes this access; `on_wait` is told once if the wait lasts
    /// [`crate::NOTICE_AFTER`].
    pub fn open_with(
        path: impl AsRef<Path>,
        access: Access,
        on_wait: &mut dyn FnMut(&Waiting),
    ) -> Result<StateDir, StateError> {
        let root = path.as_ref().to_path_buf();
        // The root is followed if it is a link: the user chose where the state lives.
        if root.exists() && !root.is_dir() {
            return Err(error(
                &root,
                "the state directory is not a directory (choose another with --state DIR)",
            ));
        }
        fs::create_dir_all(&root).map_err(io_at(&root))?;
        let lock = Lock::acquire(&root, access, on_wait)?;
        let canisters = root.join("canisters");
        if !is_folder(&canisters)? && access == Access::Write {
            create_folder(&canisters)?;
        }
        // The compilation cache is written by the VM; refuse it here if it is a link.
        is_folder(&root.join("cache"))?;
        Ok(StateDir { root, lock })
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// How this directory was opened.
    pub fn access(&self) -> Access {
        self.lock.access()
    }

    fn canister_dir(&self, name: &str) -> Result<PathBuf, StateError> {
        let valid = !name.is_empty()
            && name.len() <= 100
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !valid {
            return Err(error(
                &self.root,
                format!(
                    "`{name}` is not a valid canister name (use letters, digits, `_`, `-`, `.`)"
                ),
            ));
        }
        Ok(self.root.join("canisters").join(name))
    }

    /// The names of the saved canisters, sorted.
    pub fn names(&self) -> Result<Vec<String>, StateError> {
        let dir = self.root.join("canisters");
        if !is_folder(&dir)? {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        for (name, path, kind) in entries(&dir)? {
            if kind.is_symlink() {
                return Err(error(&path, state_fs::LINK));
            }
            if !kind.is_dir() {
                continue;
            }
            // A folder without CURRENT is a first save that never committed.
            let current = path.join("CURRENT");
            match state_fs::entry_type(&current)? {
                None => {}
                Some(kind) if kind.is_file() => names.push(name),
                Some(kind) => return Err(error(&current, state_fs::not_regular(&kind))),
            }
        }
        Ok(names)
    }

    /// The first canister id (in the order of [`crate::principal::canister_id_text`]) that no
    /// saved canister uses.
    pub fn next_canister_id(&self) -> Result<String, StateError> {
        let mut taken = std::collections::HashSet::new();
        for name in self.names()? {
            let dir = self.canister_dir(&name)?;
            if let Some(generation) = read_current(&dir)? {
                taken.insert(read_meta(&generation.join("meta.txt"))?.id);
            }
        }
        let mut index = 0u64;
        loop {
            let id = crate::principal::canister_id_text(index);
            if !taken.contains(&id) {
                return Ok(id);
            }
            index += 1;
        }
    }

    /// Loads the canister saved as `name`; `None` if there is none.
    pub fn load(&self, vm: &Vm, name: &str) -> Result<Option<Canister>, StateError> {
        let dir = self.canister_dir(name)?;
        if !is_folder(&dir)? {
            return Ok(None);
        }
        scan_canister_folder(&dir)?;
        let mut attempts = 0;
        loop {
            let Some(generation) = read_current(&dir)? else {
                return Ok(None);
            };
            match load_generation(vm, &generation) {
                Ok(canister) => return Ok(Some(canister)),
                // Under the lock no writer runs beside us; without it (a process that does not
                // lock) a commit may have replaced the generation while we read it: read the
                // new one.
                Err(e) => {
                    attempts += 1;
                    if attempts >= 3 || read_current(&dir)?.as_ref() == Some(&generation) {
                        return Err(e);
                    }
                }
            }
        }
    }

    /// Saves `canister` as `name`, atomically replacing what was saved before.
    pub fn save(&self, name: &str, canister: &Canister) -> Result<(), StateError> {
        if self.access() != Access::Write {
            return Err(error(
                &self.root,
                "the state directory was opened for reading; cannot save",
            ));
        }
        let dir = self.canister_dir(name)?;
        if !is_folder(&dir)? {
            create_folder(&dir)?;
            // The new canister folder must itself survive a crash once CURRENT is committed.
            sync_dir(&self.root.join("canisters"))?;
        }
        let found = scan_canister_folder(&dir)?;
        let (number, generation) = new_generation(&dir, &found)?;
        if let Err(e) = write_generation(&generation, canister).and_then(|()| sync_dir(&generation))
        {
            // Never committed, so nothing refers to it (a full disk, say): take it away again.
            let _ = fs::remove_dir_all(&generation);
            return Err(e);
        }

        // The commit point: after this rename the new generation is the canister's state.
        let temporary = write_temporary(&dir, format!("g{number}\n").as_bytes())?;
        let current = dir.join("CURRENT");
        if let Err(e) = fs::rename(&temporary, &current) {
            let _ = fs::remove_file(&temporary);
            return Err(error(&current, e));
        }
        sync_dir(&dir)?;

        // What was there before is garbage now; failing to delete it loses nothing. Only older
        // generations go: a newer one could only be another writer's, and is not ours to judge.
        for (older, path) in &found.generations {
            if *older < number {
                let _ = fs::remove_dir_all(path);
            }
        }
        for path in &found.temporaries {
            let _ = fs::remove_file(path);
        }
        Ok(())
    }
}

/// What a canister folder holds besides `CURRENT`.
struct CanisterFolder {
    generations: Vec<(u64, PathBuf)>,
    /// Temporary files of commits that never happened (a process killed before its rename).
    temporaries: Vec<PathBuf>,
}

/// Reads a canister folder's entries, refusing links and special files.
fn scan_canister_folder(dir: &Path) -> Result<CanisterFolder, StateError> {
    let mut found = CanisterFolder {
        generations: Vec::new(),
        temporaries: Vec::new(),
    };
    for (name, path, kind) in entries(dir)? {
        if let Some(number) = generation_number(&name) {
            if !kind.is_dir() {
                return Err(error(&path, state_fs::expected_folder(&kind)));
            }
            found.generations.push((number, path));
        } else if name == "CURRENT" || is_temporary(&name) || !kind.is_dir() {
            if !kind.is_file() {
                return Err(error(&path, state_fs::not_regular(&kind)));
            }
            if is_temporary(&name) {
                found.temporaries.push(path);
            }
        }
    }
    Ok(found)
}

fn generation_number(name: &str) -> Option<u64> {
    let digits = name.strip_prefix('g')?;
    // Only the canonical spelling: `g007` is not a generation this code wrote.
    let number: u64 = digits.parse().ok()?;
    (number.to_string() == digits).then_some(number)
}

/// `CURRENT.tmp` (older versions) or `CURRENT.<pid>-<n>.tmp`.
fn is_temporary(name: &str) -> bool {
    name.starts_with("CURRENT.") && name.ends_with(".tmp")
}

fn create_folder(path: &Path) -> Result<(), StateError> {
    match fs::create_dir(path) {
        Ok(()) => Ok(()),
        // Another process made it first, or something else is there: check which.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if is_folder(path)? {
                Ok(())
            } else {
                Err(error(path, e))
            }
        }
        Err(e) => Err(error(path, e)),
    }
}

/// Creates the folder of a new generation, numbered above every generation present (committed
/// or left over by a crash); a number whose folder appeared meanwhile is skipped, never reused.
fn new_generation(dir: &Path, found: &CanisterFolder) -> Result<(u64, PathBuf), StateError> {
    let newest = found.generations.iter().map(|(n, _)| *n).max().unwrap_or(0);
    let mut number = newest
        .checked_add(1)
        .ok_or_else(|| error(dir, "the generation numbers are exhausted"))?;
    for _ in 0..1000 {
        let path = dir.join(format!("g{number}"));
        match fs::create_dir(&path) {
            Ok(()) => return Ok((number, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                number = number
                    .checked_add(1)
                    .ok_or_else(|| error(dir, "the generation numbers are exhausted"))?;
            }
            Err(e) => return Err(error(&path, e)),
        }
    }
    Err(error(dir, "cannot find a free generation number"))
}

/// Writes a canister's files into a new, empty generation folder.
fn write_generation(generation: &Path, canister: &Canister) -> Result<(), StateError> {
    let code = canister.code.as_ref();
    let meta = state_meta::print(
        canister.id(),
        canister.status(),
        code.map(|code| state_meta::Installed {
            hash: &code.hash,
            globals: &code.globals,
        }),
    );
    if let Some(code) = code {
        write_synced(&generation.join("module.wasm"), &code.wasm)?;
        let path = generation.join("heap.pages");
        let heap = code.heap();
        let pages = heap
            .chunks(PAGE_SIZE as usize)
            .enumerate()
            .filter(|(_, page)| page.iter().any(|&b| b != 0))
            .map(|(i, page)| (PageIndex(i as u64), page));
        state_fs::create_new(&path)
            .and_then(|file| write_pages(file, heap.len() as u64 / PAGE_SIZE, pages))
            .map_err(io_at(&path))?;
        let path = generation.join("stable.pages");
        let stable = &code.live.store.data().stable;
        state_fs::create_new(&path)
            .and_then(|file| write_pages(file, stable.size_pages(), stable.nonzero_pages()))
            .map_err(io_at(&path))?;
    }
    let path = generation.join("meta.txt");
    state_fs::create_new(&path)
        .and_then(|file| write_text(file, &meta))
        .map_err(io_at(&path))
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StateError> {
    let write = || -> io::Result<()> {
        let mut file = state_fs::create_new(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    write().map_err(io_at(path))
}

/// Writes and flushes a temporary file in `dir` under a name no other process uses.
fn write_temporary(dir: &Path, bytes: &[u8]) -> Result<PathBuf, StateError> {
    let pid = std::process::id();
    for attempt in 0..1000 {
        let path = dir.join(format!("CURRENT.{pid}-{attempt}.tmp"));
        match state_fs::create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(io_at(&path))?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(error(&path, e)),
        }
    }
    Err(error(dir, "cannot find a free name for a temporary file"))
}

fn to_len(bytes: u64, path: &Path) -> Result<usize, StateError> {
    usize::try_from(bytes).map_err(|_| error(path, "the memory is too large for this machine"))
}

/// The committed generation's folder, or `None` if nothing was ever committed.
fn read_current(dir: &Path) -> Result<Option<PathBuf>, StateError> {
    let path = dir.join("CURRENT");
    if state_fs::entry_type(&path)?.is_none() {
        return Ok(None);
    }
    let bytes = state_fs::read_bounded(&path, CURRENT_BYTES_MAX)?;
    let text = String::from_utf8_lossy(&bytes);
    let generation = text.trim();
    if generation_number(generation).is_none() {
        return Err(error(
            &path,
            format!("`{generation}` does not name a generation"),
        ));
    }
    let folder = dir.join(generation);
    if !is_folder(&folder)? {
        return Err(error(
            &path,
            format!("the generation `{generation}` it names is missing"),
        ));
    }
    Ok(Some(folder))
}

fn read_meta(path: &Path) -> Result<Meta, StateError> {
    let bytes = state_fs::read_bounded(path, META_BYTES_MAX)?;
    let text = read_text(bytes).map_err(|p| error(path, p))?;
    state_meta::parse(&text).map_err(|p| error(path, p))
}

/// Reads a pages file of a memory of at most `max_pages` pages.
fn read_memory(path: &Path, max_pages: u64) -> Result<crate::state_file::Pages, StateError> {
    let limit = pages_file_len(max_pages).unwrap_or(u64::MAX);
    let (file, length) = state_fs::open_bounded(path, limit)?;
    read_pages(file, length, max_pages).map_err(|p| error(path, p))
}

/// Loads one committed generation.
fn load_generation(vm: &Vm, generation: &Path) -> Result<Canister, StateError> {
    // Refuse links and special files before opening anything.
    for (_, path, kind) in entries(generation)? {
        if !kind.is_file() {
            return Err(error(&path, state_fs::not_regular(&kind)));
        }
    }
    let meta = read_meta(&generation.join("meta.txt"))?;
    let mut canister = Canister::empty(&meta.id);
    canister.status = meta.status;
    let Some(hash) = meta.module_hash else {
        return Ok(canister);
    };
    let limits = vm.options().limits;
    let module_path = generation.join("module.wasm");
    let wasm = state_fs::read_bounded(&module_path, limits.module.bytes)?;
    if hex(&Sha256::digest(&wasm)) != hash {
        return Err(error(
            &module_path,
            "the module does not match the hash in meta.txt",
        ));
    }
    let heap_path = generation.join("heap.pages");
    let heap = read_memory(&heap_path, limits.heap_bytes / PAGE_SIZE)?;
    let mut memory = vec![0u8; to_len(heap.size_pages * PAGE_SIZE, &heap_path)?];
    for (index, page) in heap.pages {
        let at = to_len(index.0 * PAGE_SIZE, &heap_path)?;
        memory[at..at + page.len()].copy_from_slice(&page);
    }
    let image = HeapImage {
        memory,
        globals: meta.globals,
    };
    let stable_path = generation.join("stable.pages");
    let stable = read_memory(&stable_path, limits.stable_memory_bytes / PAGE_SIZE)?;
    let stable = StableMemory::from_pages(stable.size_pages, stable.pages);
    canister.code =
        Some(restore(vm, &canister, wasm, &image, stable).map_err(|p| error(generation, p))?);
    Ok(canister)
}

/// Instantiates a saved module and writes its saved heap into the instance.
fn restore(
    vm: &Vm,
    canister: &Canister,
    wasm: Vec<u8>,
    image: &HeapImage,
    mut stable: StableMemory,
) -> Result<Code, String> {
    let (module, hash) = canister
        .compile(vm, &wasm)
        .map_err(|e: CallError| e.message)?;
    // The start function runs again on instantiation; whatever it writes to stable memory is
    // undone, since the saved stable memory already reflects the canister's history.
    stable.begin();
    let mut store = new_store(vm, &canister.id_bytes, stable);
    let budget = vm.options().limits.install_instructions;
    let started = instantiate(vm, &module, &mut store, budget);
    let instance = started
        .result
        .map_err(|e| CallError::from_execution(canister.id(), &e).message)?;
    let mut live = Live { store, instance };
    snapshot::apply(&mut live, image, false).map_err(|e| match e {
        ApplyError::MemoryGrew => {
            "the saved heap is smaller than the module's initial memory".to_string()
        }
        ApplyError::Mismatch(problem) => {
            format!("the saved heap does not fit the module: {problem}")
        }
    })?;
    live.store.data_mut().stable.rollback();
    Ok(Code::new(wasm, hash, module, live))
}
