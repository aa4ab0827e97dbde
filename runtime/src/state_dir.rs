//! The local state directory: canisters saved to disk and loaded back, each save committed
//! atomically.
//!
//! Layout, one folder per canister name:
//!
//! ```text
//! <root>/canisters/<name>/CURRENT          "g<N>": the committed generation
//! <root>/canisters/<name>/g<N>/meta.txt    format version, id, status, module hash, globals
//! <root>/canisters/<name>/g<N>/module.wasm the installed module
//! <root>/canisters/<name>/g<N>/heap.pages  linear memory (pages file, zero pages left out)
//! <root>/canisters/<name>/g<N>/stable.pages stable memory (pages file, zero pages left out)
//! ```
//!
//! A save writes a whole new generation folder and flushes it, then replaces `CURRENT` by writing
//! a temporary file, flushing it and renaming it over the old one (an atomic step), and only then
//! deletes older generations. A process killed at any point therefore leaves `CURRENT` naming
//! either the old or the new complete generation. The format is this file's own and versioned;
//! it never serializes a compiler type or a wasmtime structure.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::canister::{instantiate, new_store, Canister, Code, Status};
use crate::engine::hex;
use crate::error::CallError;
use crate::snapshot::{self, ApplyError, GlobalValue, HeapImage, Live};
use crate::stable_memory::{PageIndex, StableMemory, PAGE_SIZE};
use crate::state_file::{read_pages, read_text, write_pages, write_text};
use crate::Vm;

const FORMAT: &str = "minimo-canister 1";

/// A state directory.
pub struct StateDir {
    root: PathBuf,
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

fn error(path: &Path, problem: impl fmt::Display) -> StateError {
    StateError {
        path: path.to_path_buf(),
        problem: problem.to_string(),
    }
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> StateError + '_ {
    move |e| error(path, e)
}

/// Flushes a directory's entries (new files, renames) to the device.
fn sync_dir(path: &Path) -> Result<(), StateError> {
    fs::File::open(path)
        .and_then(|dir| dir.sync_all())
        .map_err(io_at(path))
}

impl StateDir {
    /// Opens (creating if needed) the state directory at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<StateDir, StateError> {
        let root = path.as_ref().to_path_buf();
        fs::create_dir_all(root.join("canisters")).map_err(io_at(&root))?;
        Ok(StateDir { root })
    }

    pub fn path(&self) -> &Path {
        &self.root
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
        let mut names = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_at(&dir))? {
            let entry = entry.map_err(io_at(&dir))?;
            if entry.path().join("CURRENT").is_file() {
                if let Some(name) = entry.file_name().to_str() {
                    names.push(name.to_string());
                }
            }
        }
        names.sort();
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
        let Some(generation) = read_current(&dir)? else {
            return Ok(None);
        };
        let meta_path = generation.join("meta.txt");
        let meta = read_meta(&meta_path)?;
        let mut canister = Canister::empty(&meta.id);
        canister.status = meta.status;
        if let Some(hash) = meta.module_hash {
            let module_path = generation.join("module.wasm");
            let wasm = fs::read(&module_path).map_err(io_at(&module_path))?;
            if hex(&Sha256::digest(&wasm)) != hash {
                return Err(error(
                    &module_path,
                    "the module does not match the hash in meta.txt",
                ));
            }
            let heap_path = generation.join("heap.pages");
            let heap = read_pages(&heap_path).map_err(|p| error(&heap_path, p))?;
            // Check the size before allocating it: a heap is never larger than the VM allows.
            if heap.size_pages > vm.options().limits.heap_bytes / PAGE_SIZE {
                return Err(error(
                    &heap_path,
                    format!(
                        "the heap of {} pages exceeds the VM's limit",
                        heap.size_pages
                    ),
                ));
            }
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
            let stable = read_pages(&stable_path).map_err(|p| error(&stable_path, p))?;
            let stable = StableMemory::from_pages(stable.size_pages, stable.pages);
            canister.code = Some(
                restore(vm, &canister, wasm, &image, stable).map_err(|p| error(&generation, p))?,
            );
        }
        Ok(Some(canister))
    }

    /// Saves `canister` as `name`, atomically replacing what was saved before.
    pub fn save(&self, name: &str, canister: &Canister) -> Result<(), StateError> {
        let dir = self.canister_dir(name)?;
        if !dir.is_dir() {
            fs::create_dir_all(&dir).map_err(io_at(&dir))?;
            // The new canister folder must itself survive a crash once CURRENT is committed.
            sync_dir(&self.root.join("canisters"))?;
        }
        let next = newest_generation(&dir)?.map_or(1, |n| n + 1);
        let generation = dir.join(format!("g{next}"));
        if generation.exists() {
            fs::remove_dir_all(&generation).map_err(io_at(&generation))?;
        }
        fs::create_dir(&generation).map_err(io_at(&generation))?;

        let mut meta = format!(
            "{FORMAT}\nid {}\nstatus {}\n",
            canister.id(),
            canister.status().as_str()
        );
        if let Some(code) = canister.code.as_ref() {
            meta.push_str(&format!("module-sha256 {}\n", hex(&code.hash)));
            for (global, value) in &code.globals {
                meta.push_str(&format!(
                    "global {} {}\n",
                    hex(global.as_bytes()),
                    encode(value)
                ));
            }
            let path = generation.join("module.wasm");
            write_synced(&path, &code.wasm)?;
            let path = generation.join("heap.pages");
            let heap = code.heap();
            let pages = heap
                .chunks(PAGE_SIZE as usize)
                .enumerate()
                .filter(|(_, page)| page.iter().any(|&b| b != 0))
                .map(|(i, page)| (PageIndex(i as u64), page));
            write_pages(&path, heap.len() as u64 / PAGE_SIZE, pages).map_err(io_at(&path))?;
            let path = generation.join("stable.pages");
            let stable = &code.live.store.data().stable;
            write_pages(&path, stable.size_pages(), stable.nonzero_pages())
                .map_err(io_at(&path))?;
        }
        let path = generation.join("meta.txt");
        write_text(&path, &meta).map_err(io_at(&path))?;
        sync_dir(&generation)?;

        // The commit point: after this rename the new generation is the canister's state.
        let temporary = dir.join("CURRENT.tmp");
        write_synced(&temporary, format!("g{next}\n").as_bytes())?;
        let current = dir.join("CURRENT");
        fs::rename(&temporary, &current).map_err(io_at(&current))?;
        sync_dir(&dir)?;

        // Older generations are garbage now; failing to delete them loses nothing.
        for (number, path) in generations(&dir)? {
            if number != next {
                let _ = fs::remove_dir_all(path);
            }
        }
        Ok(())
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StateError> {
    let write = || -> io::Result<()> {
        use io::Write;
        let mut file = fs::File::create(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    write().map_err(io_at(path))
}

fn to_len(bytes: u64, path: &Path) -> Result<usize, StateError> {
    usize::try_from(bytes).map_err(|_| error(path, "the memory is too large for this machine"))
}

/// The committed generation's folder, or `None` if nothing was ever committed.
fn read_current(dir: &Path) -> Result<Option<PathBuf>, StateError> {
    let path = dir.join("CURRENT");
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(error(&path, e)),
    };
    let generation = text.trim();
    let valid = generation
        .strip_prefix('g')
        .is_some_and(|n| n.parse::<u64>().is_ok());
    if !valid {
        return Err(error(
            &path,
            format!("`{generation}` does not name a generation"),
        ));
    }
    let folder = dir.join(generation);
    if !folder.is_dir() {
        return Err(error(
            &path,
            format!("the generation `{generation}` it names is missing"),
        ));
    }
    Ok(Some(folder))
}

/// Every generation folder in `dir`, with its number.
fn generations(dir: &Path) -> Result<Vec<(u64, PathBuf)>, StateError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_at(dir))? {
        let entry = entry.map_err(io_at(dir))?;
        let name = entry.file_name();
        if let Some(number) = name
            .to_str()
            .and_then(|n| n.strip_prefix('g')?.parse().ok())
        {
            found.push((number, entry.path()));
        }
    }
    Ok(found)
}

/// The highest generation number present (committed or left over by a crash).
fn newest_generation(dir: &Path) -> Result<Option<u64>, StateError> {
    Ok(generations(dir)?.into_iter().map(|(n, _)| n).max())
}

struct Meta {
    id: String,
    status: Status,
    module_hash: Option<String>,
    globals: Vec<(String, GlobalValue)>,
}

fn read_meta(path: &Path) -> Result<Meta, StateError> {
    let text = read_text(path).map_err(|p| error(path, p))?;
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT) {
        return Err(error(
            path,
            format!("the file does not start with `{FORMAT}`"),
        ));
    }
    let mut meta = Meta {
        id: String::new(),
        status: Status::Running,
        module_hash: None,
        globals: Vec::new(),
    };
    for line in lines {
        let bad = || error(path, format!("cannot read the line `{line}`"));
        let (key, value) = line.split_once(' ').ok_or_else(bad)?;
        match key {
            "id" => meta.id = value.to_string(),
            "status" => {
                meta.status = match value {
                    "running" => Status::Running,
                    "stopping" => Status::Stopping,
                    "stopped" => Status::Stopped,
                    _ => return Err(bad()),
                }
            }
            "module-sha256" => meta.module_hash = Some(value.to_string()),
            "global" => meta.globals.push(decode_global(value).ok_or_else(bad)?),
            _ => return Err(bad()),
        }
    }
    if meta.id.is_empty() {
        return Err(error(path, "the canister id is missing"));
    }
    Ok(meta)
}

fn encode(value: &GlobalValue) -> String {
    match value {
        GlobalValue::I32(v) => format!("i32 {v}"),
        GlobalValue::I64(v) => format!("i64 {v}"),
        GlobalValue::F32(bits) => format!("f32 {bits}"),
        GlobalValue::F64(bits) => format!("f64 {bits}"),
        GlobalValue::V128(bits) => format!("v128 {bits}"),
    }
}

fn decode_global(text: &str) -> Option<(String, GlobalValue)> {
    let mut parts = text.split(' ');
    let name_hex = parts.next()?;
    let ty = parts.next()?;
    let value = parts.next()?;
    if parts.next().is_some() || name_hex.len() % 2 != 0 {
        return None;
    }
    let name_bytes = (0..name_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(name_hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let name = String::from_utf8(name_bytes).ok()?;
    let value = match ty {
        "i32" => GlobalValue::I32(value.parse().ok()?),
        "i64" => GlobalValue::I64(value.parse().ok()?),
        "f32" => GlobalValue::F32(value.parse().ok()?),
        "f64" => GlobalValue::F64(value.parse().ok()?),
        "v128" => GlobalValue::V128(value.parse().ok()?),
        _ => return None,
    };
    Some((name, value))
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
