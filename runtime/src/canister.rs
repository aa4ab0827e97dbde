//! One canister: its lifecycle status, its installed module and live instance, and the messages
//! it runs (install, update, query, upgrade, reinstall), each atomic.
//!
//! Atomicity: before a message, the heap is copied (`snapshot.rs`) and stable memory opens a
//! journal (`stable_memory.rs`); a trap, an exhausted instruction budget or a failed
//! instantiation rolls both back, and a new module replaces the old one only once every step of
//! an install or upgrade has succeeded. A query is always rolled back. A message whose argument
//! is larger than the replica accepts is refused before anything runs, and a new module over the
//! replica's module limits (`module_limits.rs`) before it is compiled. This file does not touch
//! the disk (`state_dir.rs` does) and does not know what a program's variables are.

use std::mem;

use wasmtime::{Memory, Module, Store, StoreLimitsBuilder};

use crate::engine::{hex, module_hash, Vm};
use crate::error::CallError;
use crate::host::{ExecutionContext, HostState, Message};
use crate::module_limits;
use crate::principal;
use crate::progress;
use crate::snapshot::{self, ApplyError, GlobalValue, HeapImage, Live};
use crate::stable_memory::{StableMemory, PAGE_SIZE};
use crate::validate;

/// A canister's lifecycle status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    /// Stopping waits for outstanding calls; this VM has none, so `stop` goes straight to
    /// `Stopped`. The state exists so that a saved status from elsewhere can be represented.
    Stopping,
    Stopped,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Status {
    /// The status as `dfx canister status` prints it: `running`, `stopping`, `stopped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Stopping => "stopping",
            Status::Stopped => "stopped",
        }
    }
}

/// What a message answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// `msg_reply` with these bytes (empty for a successful install or upgrade).
    Reply(Vec<u8>),
    /// `msg_reject` with this message.
    Reject(String),
}

/// The result of one message, with the debug output it printed (also when it trapped) and the
/// instructions it used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub debug_prints: Vec<String>,
    pub result: Result<Response, CallError>,
    pub instructions: u64,
}

impl Outcome {
    pub(crate) fn failed(error: CallError) -> Outcome {
        Outcome {
            debug_prints: Vec::new(),
            result: Err(error),
            instructions: 0,
        }
    }
}

/// An installed module and its running instance.
pub(crate) struct Code {
    pub(crate) wasm: Vec<u8>,
    pub(crate) hash: [u8; 32],
    pub(crate) module: Module,
    pub(crate) live: Live,
    /// The instance's exported memory, kept so that the heap can be read without mutable
    /// access (wasmtime needs it to look an export up).
    pub(crate) memory: Option<Memory>,
    /// The exported mutable globals' values after the last message, for the same reason:
    /// reading a global needs mutable access to the store.
    pub(crate) globals: Vec<(String, GlobalValue)>,
}

impl Code {
    pub(crate) fn new(wasm: Vec<u8>, hash: [u8; 32], module: Module, live: Live) -> Code {
        let mut code = Code {
            wasm,
            hash,
            module,
            live,
            memory: None,
            globals: Vec::new(),
        };
        code.refresh();
        code
    }

    /// Updates the kept memory handle and global values; called whenever a message ended or
    /// the instance was replaced.
    pub(crate) fn refresh(&mut self) {
        let instance = self.live.instance;
        self.memory = instance.get_memory(&mut self.live.store, "memory");
        self.globals = snapshot::capture_globals(&mut self.live);
    }

    /// The current linear memory's bytes.
    pub(crate) fn heap(&self) -> &[u8] {
        self.memory
            .as_ref()
            .map_or(&[], |memory| memory.data(&self.live.store))
    }
}

/// A canister: an id, a status and, once installed, a module with its heap and stable memory.
pub struct Canister {
    pub(crate) id: String,
    pub(crate) id_bytes: Vec<u8>,
    pub(crate) status: Status,
    pub(crate) code: Option<Code>,
}

/// What running some Wasm left behind.
pub(crate) struct Ran<T> {
    pub(crate) result: Result<T, wasmtime::Error>,
    pub(crate) response: Option<Response>,
    pub(crate) debug_prints: Vec<String>,
    pub(crate) instructions: u64,
}

/// A store for a canister whose id is only known as bytes; progress reports name it by the
/// bytes' principal text.
pub(crate) fn new_store(vm: &Vm, id_bytes: &[u8], stable: StableMemory) -> Store<HostState> {
    new_store_for(vm, &principal::to_text(id_bytes), id_bytes, stable)
}

/// A store for the canister `id` (its text, for progress reports) with these id bytes.
pub(crate) fn new_store_for(
    vm: &Vm,
    id: &str,
    id_bytes: &[u8],
    stable: StableMemory,
) -> Store<HostState> {
    let limits = vm.options().limits;
    let heap = usize::try_from(limits.heap_bytes).unwrap_or(usize::MAX);
    let mut store = Store::new(
        vm.engine(),
        HostState {
            limits: StoreLimitsBuilder::new().memory_size(heap).build(),
            stable,
            stable_limit_pages: limits.stable_memory_bytes / PAGE_SIZE,
            canister_id: id_bytes.to_vec(),
            canister: id.to_string(),
            reply_limit: limits.reply_bytes,
            query_reply_limit: limits.query_reply_bytes,
            message: None,
        },
    );
    store.limiter(|state| &mut state.limits);
    if let Some(progress) = &vm.options().progress {
        progress::watch(&mut store, progress);
    }
    store
}

/// Runs `body` as the message `message` in `store`, with the message's budget as fuel.
fn with_message<T>(
    store: &mut Store<HostState>,
    message: Message,
    body: impl FnOnce(&mut Store<HostState>) -> Result<T, wasmtime::Error>,
) -> Ran<T> {
    let budget = message.budget;
    // A message can only start between messages; anything else is a bug in this file, reported
    // as an engine error rather than silently mixing two messages' state.
    if store.data().message.is_some() {
        return Ran {
            result: Err(wasmtime::Error::msg(
                "a message started while another was still running",
            )),
            response: None,
            debug_prints: Vec::new(),
            instructions: 0,
        };
    }
    // Progress is counted from this message's start: the next epoch tick calls back into it.
    store.set_epoch_deadline(1);
    let result = store.set_fuel(budget).and_then(|()| {
        store.data_mut().message = Some(message);
        body(store)
    });
    let remaining = store.get_fuel().unwrap_or(0);
    let message = store.data_mut().message.take();
    let (response, debug_prints) =
        message.map_or((None, Vec::new()), |m| (m.response, m.debug_prints));
    Ran {
        result,
        response,
        debug_prints,
        instructions: budget.saturating_sub(remaining),
    }
}

pub(crate) fn instantiate(
    vm: &Vm,
    module: &Module,
    store: &mut Store<HostState>,
    budget: u64,
) -> Ran<wasmtime::Instance> {
    let mut message = Message::new(ExecutionContext::Start, &[], &[], vm.now(), budget);
    message.export = "start function".to_string();
    with_message(store, message, |store| vm.linker.instantiate(store, module))
}

pub(crate) fn run_export(live: &mut Live, mut message: Message, export: &str) -> Ran<()> {
    message.export = export.to_string();
    let instance = live.instance;
    with_message(&mut live.store, message, |store| {
        instance
            .get_typed_func::<(), ()>(&mut *store, export)?
            .call(&mut *store, ())
    })
}

pub(crate) fn has_export(module: &Module, name: &str) -> bool {
    matches!(module.get_export(name), Some(wasmtime::ExternType::Func(_)))
}

impl Canister {
    /// A canister with this id and no module. The id is normally a textual principal (see
    /// [`principal::canister_id_text`]); other text is accepted and its UTF-8 bytes serve as the
    /// id's bytes.
    pub fn empty(id: &str) -> Canister {
        Canister {
            id: id.to_string(),
            id_bytes: principal::from_text(id).unwrap_or_else(|_| id.as_bytes().to_vec()),
            status: Status::Running,
            code: None,
        }
    }

    /// Creates a canister and installs a module: instantiation (with the start function) and
    /// `canister_init` with `arg`. Returns the canister, or the error that stopped the install,
    /// and the debug output either way.
    pub fn install(
        vm: &Vm,
        id: &str,
        wasm: &[u8],
        arg: &[u8],
    ) -> (Result<Canister, CallError>, Vec<String>) {
        let mut canister = Canister::empty(id);
        let outcome = canister.reinstall(vm, wasm, arg);
        match outcome.result {
            Ok(_) => (Ok(canister), outcome.debug_prints),
            Err(error) => (Err(error), outcome.debug_prints),
        }
    }

    /// Compiles, checks and instantiates `wasm` with empty stable memory and runs
    /// `canister_init`.
    pub(crate) fn fresh(
        &self,
        vm: &Vm,
        wasm: &[u8],
        arg: &[u8],
    ) -> (Result<Code, CallError>, Vec<String>, u64) {
        if let Err(error) = self.within_argument_limit(vm, "install_code", arg) {
            return (Err(error), Vec::new(), 0);
        }
        let (module, hash) = match self.compile_new(vm, wasm) {
            Ok(compiled) => compiled,
            Err(error) => return (Err(error), Vec::new(), 0),
        };
        let budget = vm.options().limits.install_instructions;
        let mut store = new_store_for(vm, &self.id, &self.id_bytes, StableMemory::default());
        let started = instantiate(vm, &module, &mut store, budget);
        let mut prints = started.debug_prints;
        let mut used = started.instructions;
        let instance = match started.result {
            Ok(instance) => instance,
            Err(e) => return (Err(CallError::from_execution(&self.id, &e)), prints, used),
        };
        let mut live = Live { store, instance };
        if has_export(&module, "canister_init") {
            let message = Message::new(
                ExecutionContext::Init,
                arg,
                principal::ANONYMOUS,
                vm.now(),
                budget.saturating_sub(used),
            )
            .after(used);
            let ran = run_export(&mut live, message, "canister_init");
            prints.extend(ran.debug_prints);
            used += ran.instructions;
            if let Err(e) = ran.result {
                return (Err(CallError::from_execution(&self.id, &e)), prints, used);
            }
        }
        let code = Code::new(wasm.to_vec(), hash, module, live);
        (Ok(code), prints, used)
    }

    /// Compiles a module that is being installed or upgraded to, after checking it against the
    /// replica's module limits (which a module loaded from the state directory passed already).
    pub(crate) fn compile_new(
        &self,
        vm: &Vm,
        wasm: &[u8],
    ) -> Result<(Module, [u8; 32]), CallError> {
        module_limits::check(wasm, &vm.options().limits.module)
            .map_err(|reason| CallError::invalid_wasm(&self.id, &reason))?;
        self.compile(vm, wasm)
    }

    /// Refuses an argument larger than the replica accepts in one ingress message, as the
    /// replica refuses it: before the canister runs.
    pub(crate) fn within_argument_limit(
        &self,
        vm: &Vm,
        method: &str,
        arg: &[u8],
    ) -> Result<(), CallError> {
        let limit = vm.options().limits.argument_bytes;
        if arg.len() as u64 > limit {
            return Err(CallError::request_too_large(
                &self.id,
                method,
                arg.len(),
                limit,
            ));
        }
        Ok(())
    }

    pub(crate) fn compile(&self, vm: &Vm, wasm: &[u8]) -> Result<(Module, [u8; 32]), CallError> {
        let hash = module_hash(wasm);
        let module = vm
            .compile(wasm, &hash)
            .map_err(|reason| CallError::invalid_wasm(&self.id, &reason))?;
        validate::check(&module, wasm)
            .map_err(|reason| CallError::invalid_wasm(&self.id, &reason))?;
        Ok((module, hash))
    }

    /// Runs the update method `method` as the anonymous caller. Its changes are kept unless it
    /// traps.
    pub fn update(&mut self, vm: &Vm, method: &str, arg: &[u8]) -> Outcome {
        self.call(
            vm,
            ExecutionContext::Update,
            principal::ANONYMOUS,
            method,
            arg,
        )
    }

    /// Runs the update method `method` as the caller with these principal bytes.
    pub fn update_as(&mut self, vm: &Vm, caller: &[u8], method: &str, arg: &[u8]) -> Outcome {
        self.call(vm, ExecutionContext::Update, caller, method, arg)
    }

    /// Runs the query method `method` as the anonymous caller. All its changes are discarded.
    pub fn query(&mut self, vm: &Vm, method: &str, arg: &[u8]) -> Outcome {
        self.call(
            vm,
            ExecutionContext::Query,
            principal::ANONYMOUS,
            method,
            arg,
        )
    }

    /// Runs the query method `method` as the caller with these principal bytes.
    pub fn query_as(&mut self, vm: &Vm, caller: &[u8], method: &str, arg: &[u8]) -> Outcome {
        self.call(vm, ExecutionContext::Query, caller, method, arg)
    }

    fn call(
        &mut self,
        vm: &Vm,
        context: ExecutionContext,
        caller: &[u8],
        method: &str,
        arg: &[u8],
    ) -> Outcome {
        if let Err(error) = self.within_argument_limit(vm, method, arg) {
            return Outcome::failed(error);
        }
        let id = &self.id;
        match self.status {
            Status::Running => {}
            Status::Stopping => return Outcome::failed(CallError::stopping(id)),
            Status::Stopped => return Outcome::failed(CallError::stopped(id)),
        }
        let Some(code) = self.code.as_mut() else {
            return Outcome::failed(CallError::no_module(id));
        };
        let (kind, budget) = match context {
            ExecutionContext::Query => ("query", vm.options().limits.query_instructions),
            _ => ("update", vm.options().limits.update_instructions),
        };
        let export = format!("canister_{kind} {method}");
        if !has_export(&code.module, &export) {
            return Outcome::failed(CallError::no_method(id, kind, method));
        }
        let before = snapshot::capture(&mut code.live);
        code.live.store.data_mut().stable.begin();
        let message = Message::new(context, arg, caller, vm.now(), budget);
        let ran = run_export(&mut code.live, message, &export);
        let returned = ran.result.is_ok();
        let result = match ran.result {
            Err(e) => Err(CallError::from_execution(id, &e)),
            Ok(()) => ran.response.ok_or_else(|| CallError::did_not_reply(id)),
        };
        // An update that returned (even without replying) keeps its changes, as on the IC.
        let keep = context == ExecutionContext::Update && returned;
        if keep {
            code.live.store.data_mut().stable.commit();
        } else {
            // The heap first: instantiating afresh may run a start function, whose stable memory
            // writes the journal must still undo.
            restore_heap(vm, &self.id_bytes, code, &before);
            code.live.store.data_mut().stable.rollback();
        }
        code.refresh();
        Outcome {
            debug_prints: ran.debug_prints,
            result,
            instructions: ran.instructions,
        }
    }

    /// The canister's id, as given when it was created.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// Stops the canister: later updates and queries fail with IC0508 until [`Canister::start`].
    /// There are no outstanding calls to wait for, so the canister is stopped at once.
    pub fn stop(&mut self) {
        self.status = Status::Stopped;
    }

    /// Starts a stopped (or stopping) canister; starting a running one changes nothing.
    pub fn start(&mut self) {
        self.status = Status::Running;
    }

    /// The installed module's bytes, if a module is installed.
    pub fn module(&self) -> Option<&[u8]> {
        self.code.as_ref().map(|code| &code.wasm[..])
    }

    /// The SHA-256 of the installed module, in hexadecimal (as `dfx canister info` shows it).
    pub fn module_hash(&self) -> Option<String> {
        self.code.as_ref().map(|code| hex(&code.hash))
    }

    /// The content of a custom section of the installed module. `name` may be the full section
    /// name (`icp:public candid:service`) or leave out the `icp:public `/`icp:private ` prefix.
    pub fn custom_section(&self, name: &str) -> Option<Vec<u8>> {
        validate::custom_section(&self.code.as_ref()?.wasm, name)
    }

    /// The size of stable memory in bytes (written or not).
    pub fn stable_memory_size(&self) -> u64 {
        self.code.as_ref().map_or(0, |code| {
            code.live.store.data().stable.size_pages() * PAGE_SIZE
        })
    }

    /// The size of the heap (linear memory) in bytes.
    pub fn heap_size(&self) -> u64 {
        self.code
            .as_ref()
            .map_or(0, |code| code.heap().len() as u64)
    }
}

/// Writes `image` back into the canister's instance, instantiating the module afresh if the
/// message grew memory (memory cannot shrink). The stable memory journal must still be open, so
/// that whatever a start function does to stable memory is undone with the message.
pub(crate) fn restore_heap(vm: &Vm, id_bytes: &[u8], code: &mut Code, image: &HeapImage) {
    match snapshot::apply(&mut code.live, image, false) {
        Ok(()) => return code.refresh(),
        // An image taken from this very instance always fits, except for a larger memory;
        // a mismatch is handled the same way, by starting from a fresh instance.
        Err(ApplyError::MemoryGrew) | Err(ApplyError::Mismatch(_)) => {}
    }
    let stable = mem::take(&mut code.live.store.data_mut().stable);
    let id = code.live.store.data().canister.clone();
    let mut store = new_store_for(vm, &id, id_bytes, stable);
    let budget = vm.options().limits.install_instructions;
    let started = instantiate(vm, &code.module, &mut store, budget);
    if let Ok(instance) = started.result {
        let mut live = Live { store, instance };
        if snapshot::apply(&mut live, image, false).is_ok() {
            code.live = live;
            return code.refresh();
        }
        store = live.store;
    }
    // The module instantiated once already, so this cannot fail short of a broken engine. Keep
    // the old instance then, with the image's content and zeroes past it, rather than lose the
    // canister.
    code.live.store.data_mut().stable = mem::take(&mut store.data_mut().stable);
    let _ = snapshot::apply(&mut code.live, image, true);
    code.refresh();
}
