//! The [`Vm`]: the wasmtime engine, its System API linker, the module compilation cache, the
//! clock that canisters read and, when progress is reported, the thread that ticks the epoch.
//!
//! Compiling canister Wasm is the slow step of a short-lived process, so compiled modules are
//! kept in memory for the VM's lifetime and, when a cache directory is configured, on disk
//! (`Module::serialize`), keyed by a SHA-256 of the Wasm bytes and the engine's configuration. A
//! broken cache file is ignored and rewritten, never trusted blindly (wasmtime checks its
//! header). This file does not run canisters; `canister.rs` does.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use wasmtime::{Config, Engine, Linker, Module, Strategy};

use crate::error::VmError;
use crate::host::{self, HostState};
use crate::options::{Compiler, Options};
use crate::progress::Ticker;

/// The VM: owns the wasmtime engine. Canisters are separate values run against it.
pub struct Vm {
    engine: Engine,
    pub(crate) linker: Linker<HostState>,
    options: Options,
    /// A digest of everything in the engine's configuration that a compiled module depends on.
    config_digest: [u8; 32],
    modules: Mutex<HashMap<[u8; 32], Module>>,
    /// The last time handed to a message, so that time never goes backwards.
    last_time: AtomicU64,
    /// Advances the epoch for progress reports; `None` when progress is not reported.
    _ticker: Option<Ticker>,
}

impl Vm {
    /// Creates a VM with these options.
    pub fn new(options: Options) -> Result<Vm, VmError> {
        let mut config = Config::new();
        config.consume_fuel(true);
        match options.compiler {
            Compiler::Winch => {
                config.strategy(Strategy::Winch);
            }
            Compiler::Cranelift => {
                config.strategy(Strategy::Cranelift);
                // The Internet Computer canonicalises NaNs so that every replica computes the
                // same bits; do the same where the compiler supports it.
                config.cranelift_nan_canonicalization(true);
            }
        }
        // Canisters are deterministic; relaxed SIMD is not (threads are not compiled in).
        config.wasm_relaxed_simd(false);
        // Epoch checks only let the host look at a running message; they charge no fuel.
        config.epoch_interruption(options.progress.is_some());
        let engine = Engine::new(&config).map_err(|e| VmError::Engine(format!("{e:#}")))?;
        let linker = host::linker(&engine).map_err(|e| VmError::Engine(format!("{e:#}")))?;
        if let Some(dir) = &options.cache_dir {
            std::fs::create_dir_all(dir).map_err(|error| VmError::Cache {
                path: dir.clone(),
                error,
            })?;
        }
        let config_digest = {
            let mut hasher = DigestHasher(Sha256::new());
            engine.precompile_compatibility_hash().hash(&mut hasher);
            hasher
                .0
                .update(format!("{:?}", options.compiler).as_bytes());
            hasher.0.finalize().into()
        };
        let ticker = options
            .progress
            .as_ref()
            .map(|progress| Ticker::start(&engine, progress.interval));
        Ok(Vm {
            engine,
            linker,
            options,
            config_digest,
            modules: Mutex::new(HashMap::new()),
            last_time: AtomicU64::new(0),
            _ticker: ticker,
        })
    }

    /// The options this VM was created with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The current time in nanoseconds since the epoch, never earlier than a time returned
    /// before by this VM.
    pub(crate) fn now(&self) -> u64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let previous = self.last_time.fetch_max(wall, Ordering::SeqCst);
        previous.max(wall)
    }

    /// Compiles (or fetches from a cache) the module with these bytes. The error is wasmtime's
    /// validation or compilation message.
    pub(crate) fn compile(&self, wasm: &[u8], hash: &[u8; 32]) -> Result<Module, String> {
        if let Ok(modules) = self.modules.lock() {
            if let Some(module) = modules.get(hash) {
                return Ok(module.clone());
            }
        }
        let module = match self.cache_path(hash) {
            Some(path) => match load_cached(&self.engine, &path) {
                Some(module) => module,
                None => {
                    let module = Module::new(&self.engine, wasm).map_err(|e| format!("{e:#}"))?;
                    store_cached(&module, &path);
                    module
                }
            },
            None => Module::new(&self.engine, wasm).map_err(|e| format!("{e:#}"))?,
        };
        if let Ok(mut modules) = self.modules.lock() {
            modules.insert(*hash, module.clone());
        }
        Ok(module)
    }

    fn cache_path(&self, hash: &[u8; 32]) -> Option<PathBuf> {
        let dir = self.options.cache_dir.as_ref()?;
        let mut key = Sha256::new();
        key.update(self.config_digest);
        key.update(hash);
        Some(dir.join(format!("{}.cwasm", hex(&key.finalize()))))
    }
}

/// The SHA-256 of a module's bytes.
pub(crate) fn module_hash(wasm: &[u8]) -> [u8; 32] {
    Sha256::digest(wasm).into()
}

/// Lowercase hexadecimal text of some bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[allow(unsafe_code)]
fn load_cached(engine: &Engine, path: &Path) -> Option<Module> {
    // A link or a special file in the cache is not followed: it counts as a miss, and the
    // module compiled instead is renamed over it (which replaces the entry, not its target).
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    // SAFETY: `deserialize_file` trusts that the file holds code that wasmtime itself compiled.
    // The cache directory is this VM's own: files appear there only through `store_cached`,
    // written whole and renamed into place, and wasmtime rejects a file whose header does not
    // match this engine's version and configuration. A file tampered with by another program is
    // outside what the cache protects against, as for any compiled-code cache.
    unsafe { Module::deserialize_file(engine, path) }.ok()
}

/// Writes a compiled module to the cache. Failing to write is not an error: the cache only saves
/// time.
fn store_cached(module: &Module, path: &Path) {
    let Ok(bytes) = module.serialize() else {
        return;
    };
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    // `create_new` follows no link and never writes into a file that is already there.
    let Ok(mut file) = crate::state_fs::create_new(&temporary) else {
        return;
    };
    let written = std::io::Write::write_all(&mut file, &bytes);
    drop(file);
    if written.is_err() || std::fs::rename(&temporary, path).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// Feeds what `Hash` writes into a SHA-256, to digest wasmtime's compatibility hash.
struct DigestHasher(Sha256);

impl Hasher for DigestHasher {
    fn finish(&self) -> u64 {
        // Only the digest is used; `finish` exists to satisfy the trait.
        0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}
