//! The `ic0` System API as wasmtime host functions, and the per-store state they work on.
//!
//! Every function of `minimo_sysapi::SYSTEM_API` is registered here with exactly the table's
//! signature. Each call first checks that the running message's [`ExecutionContext`] allows it
//! (as the Internet Computer's interface specification does), then checks every heap and stable
//! memory range; a bad range or a forbidden call is a trap carrying a [`HostTrap`], never a
//! panic. A reply or reject message larger than the replica allows traps the same way, before
//! any of it is copied. This file does not decide what happens to a message's changes afterwards;
//! `canister.rs` commits or rolls them back.

use std::ops::Range;
use std::time::Instant;

use wasmtime::{Caller, Engine, Error, Extern, Linker, Memory, StoreLimits};

use crate::canister::Response;
use crate::error::HostTrap;
use crate::stable_memory::StableMemory;

/// The kind of code that is running, which decides the System API calls it may make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecutionContext {
    /// The module's start function, during instantiation.
    Start,
    /// `canister_init`.
    Init,
    /// `canister_update <name>`.
    Update,
    /// `canister_query <name>`.
    Query,
    /// `canister_pre_upgrade`, on the old module.
    PreUpgrade,
    /// `canister_post_upgrade`, on the new module.
    PostUpgrade,
}

/// Groups of System API functions that the specification allows in the same contexts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// `msg_arg_data_*`: init, post_upgrade, update, query.
    ArgData,
    /// `msg_caller_*`: everything but the start function.
    Caller,
    /// `msg_reply*`, `msg_reject`: update and query.
    Respond,
    /// Everything else: any context.
    Any,
}

impl ExecutionContext {
    /// The context's name as the Internet Computer's contract-violation messages spell it.
    pub fn mode_name(self) -> &'static str {
        match self {
            ExecutionContext::Start => "start",
            ExecutionContext::Init => "init",
            ExecutionContext::Update => "update",
            ExecutionContext::Query => "query",
            ExecutionContext::PreUpgrade => "pre upgrade",
            ExecutionContext::PostUpgrade => "post upgrade",
        }
    }

    fn allows(self, group: Group) -> bool {
        use ExecutionContext::*;
        match group {
            Group::ArgData => matches!(self, Init | PostUpgrade | Update | Query),
            Group::Caller => !matches!(self, Start),
            Group::Respond => matches!(self, Update | Query),
            Group::Any => true,
        }
    }
}

/// The state of one message while it runs.
#[derive(Debug)]
pub(crate) struct Message {
    pub(crate) context: ExecutionContext,
    pub(crate) arg: Vec<u8>,
    pub(crate) caller: Vec<u8>,
    /// The time the message sees; constant while it runs, as on the Internet Computer.
    pub(crate) time: u64,
    /// The fuel the message started with, to answer `performance_counter`.
    pub(crate) budget: u64,
    pub(crate) reply_data: Vec<u8>,
    pub(crate) response: Option<Response>,
    pub(crate) debug_prints: Vec<String>,
    /// The export that runs, for progress reports.
    pub(crate) export: String,
    /// Instructions that earlier steps of the same operation used (an upgrade's
    /// `canister_pre_upgrade` before its `canister_post_upgrade`), for progress reports.
    pub(crate) prior_instructions: u64,
    /// When the message started, and when it was last reported, by the host's clock.
    pub(crate) started: Instant,
    pub(crate) last_report: Instant,
}

impl Message {
    pub(crate) fn new(
        context: ExecutionContext,
        arg: &[u8],
        caller: &[u8],
        time: u64,
        budget: u64,
    ) -> Message {
        let started = Instant::now();
        Message {
            context,
            arg: arg.to_vec(),
            caller: caller.to_vec(),
            time,
            budget,
            reply_data: Vec::new(),
            response: None,
            debug_prints: Vec::new(),
            export: String::new(),
            prior_instructions: 0,
            started,
            last_report: started,
        }
    }

    /// The same message, counted after `instructions` used by earlier steps of its operation.
    pub(crate) fn after(self, instructions: u64) -> Message {
        Message {
            prior_instructions: instructions,
            ..self
        }
    }
}

/// The data of a canister's wasmtime store.
pub(crate) struct HostState {
    pub(crate) limits: StoreLimits,
    pub(crate) stable: StableMemory,
    pub(crate) stable_limit_pages: u64,
    pub(crate) canister_id: Vec<u8>,
    /// The canister's id as text, for progress reports.
    pub(crate) canister: String,
    /// The largest reply or reject message of an update, and of a query, in bytes.
    pub(crate) reply_limit: u64,
    pub(crate) query_reply_limit: u64,
    /// The running message; `None` between messages.
    pub(crate) message: Option<Message>,
}

fn violation(message: String) -> Error {
    Error::new(HostTrap::ContractViolation(message))
}

/// The running message, if `api` may be called in its context.
fn message<'a>(
    caller: &'a mut Caller<'_, HostState>,
    api: &str,
    group: Group,
) -> Result<&'a mut Message, Error> {
    match caller.data_mut().message.as_mut() {
        Some(message) if message.context.allows(group) => Ok(message),
        Some(message) => Err(violation(format!(
            "\"ic0_{api}\" cannot be executed in {} mode",
            message.context.mode_name()
        ))),
        None => Err(violation(format!(
            "\"ic0_{api}\" called outside of a message"
        ))),
    }
}

fn heap(caller: &mut Caller<'_, HostState>) -> Result<Memory, Error> {
    match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => Ok(memory),
        _ => Err(Error::new(HostTrap::NoExportedMemory)),
    }
}

/// `start..start+size` if it lies within `len` bytes.
fn range(len: usize, start: u64, size: u64) -> Option<Range<usize>> {
    let end = start.checked_add(size)?;
    if end > len as u64 {
        return None;
    }
    Some(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
}

fn heap_range(len: usize, start: u64, size: u64) -> Result<Range<usize>, Error> {
    range(len, start, size).ok_or_else(|| Error::new(HostTrap::HeapOutOfBounds))
}

/// Reads `size` bytes at `src` from the heap.
fn read_heap(caller: &mut Caller<'_, HostState>, src: u32, size: u32) -> Result<Vec<u8>, Error> {
    let memory = heap(caller)?;
    let data = memory.data(&*caller);
    let range = heap_range(data.len(), u64::from(src), u64::from(size))?;
    Ok(data[range].to_vec())
}

/// Copies `size` bytes at `offset` of a host-side byte string into the heap at `dst`.
fn copy_to_heap(
    caller: &mut Caller<'_, HostState>,
    api: &str,
    (dst, offset, size): (u32, u32, u32),
    source: fn(&HostState) -> &[u8],
) -> Result<(), Error> {
    let memory = heap(caller)?;
    let (data, state) = memory.data_and_store_mut(&mut *caller);
    let source = source(state);
    let from = range(source.len(), u64::from(offset), u64::from(size)).ok_or_else(|| {
        violation(format!(
            "ic0.{api}: offset {offset} + size {size} exceeds the data's size {}",
            source.len()
        ))
    })?;
    let to = heap_range(data.len(), u64::from(dst), u64::from(size))?;
    data[to].copy_from_slice(&source[from]);
    Ok(())
}

fn arg_of(state: &HostState) -> &[u8] {
    state.message.as_ref().map_or(&[], |m| &m.arg[..])
}

fn caller_of(state: &HostState) -> &[u8] {
    state.message.as_ref().map_or(&[], |m| &m.caller[..])
}

fn self_of(state: &HostState) -> &[u8] {
    &state.canister_id
}

fn size_i32(len: usize) -> i32 {
    // Argument, caller and id sizes are far below 2 GiB: the IC limits messages to a few MiB.
    i32::try_from(len).unwrap_or(i32::MAX)
}

/// Fails if the message already replied or rejected.
fn not_responded(message: &Message, api: &str) -> Result<(), Error> {
    if message.response.is_some() {
        return Err(violation(format!("ic0.{api}: the call is already replied")));
    }
    Ok(())
}

/// Fails, as the replica does, if a reply (or reject message) would grow to more than `size`
/// bytes; checked before anything is copied, so an oversized reply never takes host memory.
fn within_reply_limit(caller: &Caller<'_, HostState>, api: &str, size: u64) -> Result<(), Error> {
    let state = caller.data();
    let limit = match state.message.as_ref().map(|m| m.context) {
        Some(ExecutionContext::Query) => state.query_reply_limit,
        _ => state.reply_limit,
    };
    if size > limit {
        return Err(violation(format!(
            "ic0.{api}: application payload size ({size}) cannot be larger than {limit}"
        )));
    }
    Ok(())
}

/// Builds the linker with every System API function.
pub(crate) fn linker(engine: &Engine) -> Result<Linker<HostState>, Error> {
    let mut linker = Linker::new(engine);
    let ic0 = minimo_sysapi::MODULE;

    linker.func_wrap(ic0, "msg_arg_data_size", |mut c: Caller<'_, HostState>| {
        Ok(size_i32(
            message(&mut c, "msg_arg_data_size", Group::ArgData)?
                .arg
                .len(),
        ))
    })?;
    linker.func_wrap(
        ic0,
        "msg_arg_data_copy",
        |mut c: Caller<'_, HostState>, dst: u32, offset: u32, size: u32| {
            message(&mut c, "msg_arg_data_copy", Group::ArgData)?;
            copy_to_heap(&mut c, "msg_arg_data_copy", (dst, offset, size), arg_of)
        },
    )?;
    linker.func_wrap(ic0, "msg_caller_size", |mut c: Caller<'_, HostState>| {
        Ok(size_i32(
            message(&mut c, "msg_caller_size", Group::Caller)?
                .caller
                .len(),
        ))
    })?;
    linker.func_wrap(
        ic0,
        "msg_caller_copy",
        |mut c: Caller<'_, HostState>, dst: u32, offset: u32, size: u32| {
            message(&mut c, "msg_caller_copy", Group::Caller)?;
            copy_to_heap(&mut c, "msg_caller_copy", (dst, offset, size), caller_of)
        },
    )?;
    linker.func_wrap(
        ic0,
        "msg_reply_data_append",
        |mut c: Caller<'_, HostState>, src: u32, size: u32| {
            let running = message(&mut c, "msg_reply_data_append", Group::Respond)?;
            not_responded(running, "msg_reply_data_append")?;
            let total = running.reply_data.len() as u64 + u64::from(size);
            within_reply_limit(&c, "msg_reply_data_append", total)?;
            let bytes = read_heap(&mut c, src, size)?;
            message(&mut c, "msg_reply_data_append", Group::Respond)?
                .reply_data
                .extend_from_slice(&bytes);
            Ok(())
        },
    )?;
    linker.func_wrap(ic0, "msg_reply", |mut c: Caller<'_, HostState>| {
        let message = message(&mut c, "msg_reply", Group::Respond)?;
        not_responded(message, "msg_reply")?;
        message.response = Some(Response::Reply(std::mem::take(&mut message.reply_data)));
        Ok(())
    })?;
    linker.func_wrap(
        ic0,
        "msg_reject",
        |mut c: Caller<'_, HostState>, src: u32, size: u32| {
            not_responded(message(&mut c, "msg_reject", Group::Respond)?, "msg_reject")?;
            within_reply_limit(&c, "msg_reject", u64::from(size))?;
            let text = String::from_utf8_lossy(&read_heap(&mut c, src, size)?).into_owned();
            message(&mut c, "msg_reject", Group::Respond)?.response = Some(Response::Reject(text));
            Ok(())
        },
    )?;
    linker.func_wrap(ic0, "canister_self_size", |mut c: Caller<'_, HostState>| {
        message(&mut c, "canister_self_size", Group::Any)?;
        Ok(size_i32(c.data().canister_id.len()))
    })?;
    linker.func_wrap(
        ic0,
        "canister_self_copy",
        |mut c: Caller<'_, HostState>, dst: u32, offset: u32, size: u32| {
            message(&mut c, "canister_self_copy", Group::Any)?;
            copy_to_heap(&mut c, "canister_self_copy", (dst, offset, size), self_of)
        },
    )?;
    linker.func_wrap(
        ic0,
        "debug_print",
        |mut c: Caller<'_, HostState>, src: u32, size: u32| {
            let text = String::from_utf8_lossy(&read_heap(&mut c, src, size)?).into_owned();
            message(&mut c, "debug_print", Group::Any)?
                .debug_prints
                .push(text);
            Ok(())
        },
    )?;
    linker.func_wrap(
        ic0,
        "trap",
        |mut c: Caller<'_, HostState>, src: u32, size: u32| -> Result<(), Error> {
            let text = String::from_utf8_lossy(&read_heap(&mut c, src, size)?).into_owned();
            Err(Error::new(HostTrap::Explicit(text)))
        },
    )?;
    linker.func_wrap(ic0, "stable64_size", |mut c: Caller<'_, HostState>| {
        message(&mut c, "stable64_size", Group::Any)?;
        Ok(c.data().stable.size_pages())
    })?;
    linker.func_wrap(
        ic0,
        "stable64_grow",
        |mut c: Caller<'_, HostState>, delta: u64| {
            message(&mut c, "stable64_grow", Group::Any)?;
            let state = c.data_mut();
            let limit = state.stable_limit_pages;
            Ok(state.stable.grow(delta, limit).unwrap_or(u64::MAX))
        },
    )?;
    linker.func_wrap(
        ic0,
        "stable64_read",
        |mut c: Caller<'_, HostState>, dst: u64, offset: u64, size: u64| {
            message(&mut c, "stable64_read", Group::Any)?;
            let memory = heap(&mut c)?;
            let (data, state) = memory.data_and_store_mut(&mut c);
            let to = heap_range(data.len(), dst, size)?;
            state
                .stable
                .read(offset, &mut data[to])
                .map_err(|_| Error::new(HostTrap::StableOutOfBounds))
        },
    )?;
    linker.func_wrap(
        ic0,
        "stable64_write",
        |mut c: Caller<'_, HostState>, offset: u64, src: u64, size: u64| {
            message(&mut c, "stable64_write", Group::Any)?;
            let memory = heap(&mut c)?;
            let (data, state) = memory.data_and_store_mut(&mut c);
            let from = heap_range(data.len(), src, size)?;
            state
                .stable
                .write(offset, &data[from])
                .map_err(|_| Error::new(HostTrap::StableOutOfBounds))
        },
    )?;
    linker.func_wrap(ic0, "time", |mut c: Caller<'_, HostState>| {
        Ok(message(&mut c, "time", Group::Any)?.time)
    })?;
    linker.func_wrap(
        ic0,
        "performance_counter",
        |mut c: Caller<'_, HostState>, counter: u32| {
            let budget = message(&mut c, "performance_counter", Group::Any)?.budget;
            if counter > 1 {
                return Err(violation(format!(
                    "ic0.performance_counter: unknown counter type {counter}"
                )));
            }
            // Both counters (this message, this call context) are the same here: a call
            // context has exactly one message because there are no inter-canister calls.
            Ok(budget.saturating_sub(c.get_fuel()?))
        },
    )?;
    Ok(linker)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minimo_sysapi::{ValType, SYSTEM_API};

    fn to_wasmtime(ty: &ValType) -> &'static str {
        match ty {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
        }
    }

    #[test]
    fn every_system_api_entry_is_registered_with_its_signature() {
        let engine = Engine::default();
        let linker = linker(&engine).expect("linker builds");
        let mut store = wasmtime::Store::new(
            &engine,
            HostState {
                limits: StoreLimits::default(),
                stable: StableMemory::default(),
                stable_limit_pages: 0,
                canister_id: Vec::new(),
                canister: String::new(),
                reply_limit: 0,
                query_reply_limit: 0,
                message: None,
            },
        );
        let mut registered = 0;
        for entry in SYSTEM_API {
            let Ok(Extern::Func(func)) = linker.get(&mut store, "ic0", entry.name) else {
                panic!("ic0.{} is not registered", entry.name);
            };
            let ty = func.ty(&store);
            let params: Vec<String> = ty.params().map(|t| t.to_string()).collect();
            let results: Vec<String> = ty.results().map(|t| t.to_string()).collect();
            let want_params: Vec<&str> = entry.params.iter().map(to_wasmtime).collect();
            let want_results: Vec<&str> = entry.results.iter().map(to_wasmtime).collect();
            assert_eq!(params, want_params, "parameters of ic0.{}", entry.name);
            assert_eq!(results, want_results, "results of ic0.{}", entry.name);
            registered += 1;
        }
        let total = linker.iter(&mut store).count();
        assert_eq!(
            total, registered,
            "the linker registers functions outside the table"
        );
    }

    #[test]
    fn reply_functions_are_forbidden_in_init() {
        assert!(!ExecutionContext::Init.allows(Group::Respond));
        assert!(!ExecutionContext::PreUpgrade.allows(Group::ArgData));
        assert!(ExecutionContext::PostUpgrade.allows(Group::ArgData));
        assert!(!ExecutionContext::Start.allows(Group::Caller));
    }
}
