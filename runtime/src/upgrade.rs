//! Replacing a canister's module: upgrade (stable memory kept, heap rebuilt) and reinstall
//! (everything rebuilt), both all-or-nothing.
//!
//! An upgrade runs `canister_pre_upgrade` on the old instance, moves stable memory (with its
//! journal still open) to a new instance of the new module, and runs `canister_post_upgrade`
//! there; `canister_init` does not run. If any step fails, stable memory is rolled back and
//! returned to the old instance, whose heap is restored from the copy taken first. A reinstall
//! builds the new instance entirely on the side, so the old one needs no repair. This file does
//! not check whether an upgrade is *safe* (Candid and stable signatures); the CLI does that.

use std::mem;

use crate::canister::{
    has_export, instantiate, new_store_for, restore_heap, run_export, Canister, Code, Outcome,
    Response,
};
use crate::error::CallError;
use crate::host::{ExecutionContext, Message};
use crate::principal;
use crate::snapshot::{self, HeapImage, Live};
use crate::stable_memory::StableMemory;
use crate::Vm;

impl Canister {
    /// Upgrades to `wasm`, passing `arg` to `canister_post_upgrade`. The canister need not be
    /// stopped (as with dfx) and keeps its status. Atomic: on any failure the canister keeps its
    /// old module, heap and stable memory.
    pub fn upgrade(&mut self, vm: &Vm, wasm: &[u8], arg: &[u8]) -> Outcome {
        if let Err(error) = self.within_argument_limit(vm, "install_code", arg) {
            return Outcome::failed(error);
        }
        if self.code.is_none() {
            return Outcome::failed(CallError::no_module(&self.id));
        }
        let (module, hash) = match self.compile_new(vm, wasm) {
            Ok(compiled) => compiled,
            Err(error) => return Outcome::failed(error),
        };
        let id = self.id.clone();
        let id_bytes = self.id_bytes.clone();
        let Some(old) = self.code.as_mut() else {
            return Outcome::failed(CallError::no_module(&id));
        };
        let budget = vm.options().limits.upgrade_instructions;
        let before = snapshot::capture(&mut old.live);
        old.live.store.data_mut().stable.begin();
        let mut prints = Vec::new();
        let mut used = 0u64;

        if has_export(&old.module, "canister_pre_upgrade") {
            let message = Message::new(
                ExecutionContext::PreUpgrade,
                &[],
                principal::ANONYMOUS,
                vm.now(),
                budget,
            );
            let ran = run_export(&mut old.live, message, "canister_pre_upgrade");
            prints.extend(ran.debug_prints);
            used += ran.instructions;
            if let Err(e) = ran.result {
                abort(vm, &id_bytes, old, None, &before);
                return failed(CallError::from_execution(&id, &e), prints, used);
            }
        }

        // The heap is discarded: only stable memory moves to the new instance.
        let stable = mem::take(&mut old.live.store.data_mut().stable);
        let mut store = new_store_for(vm, &id, &id_bytes, stable);
        let started = instantiate(vm, &module, &mut store, budget.saturating_sub(used));
        prints.extend(started.debug_prints);
        used += started.instructions;
        let instance = match started.result {
            Ok(instance) => instance,
            Err(e) => {
                let stable = mem::take(&mut store.data_mut().stable);
                abort(vm, &id_bytes, old, Some(stable), &before);
                return failed(CallError::from_execution(&id, &e), prints, used);
            }
        };
        let mut live = Live { store, instance };

        if has_export(&module, "canister_post_upgrade") {
            let message = Message::new(
                ExecutionContext::PostUpgrade,
                arg,
                principal::ANONYMOUS,
                vm.now(),
                budget.saturating_sub(used),
            )
            .after(used);
            let ran = run_export(&mut live, message, "canister_post_upgrade");
            prints.extend(ran.debug_prints);
            used += ran.instructions;
            if let Err(e) = ran.result {
                let stable = mem::take(&mut live.store.data_mut().stable);
                abort(vm, &id_bytes, old, Some(stable), &before);
                return failed(CallError::from_execution(&id, &e), prints, used);
            }
        }

        live.store.data_mut().stable.commit();
        *old = Code::new(wasm.to_vec(), hash, module, live);
        Outcome {
            debug_prints: prints,
            result: Ok(Response::Reply(Vec::new())),
            instructions: used,
        }
    }

    /// Replaces the module with `wasm` and runs `canister_init` with `arg`; heap and stable
    /// memory start empty. Also installs into a canister that has no module yet. Atomic: on any
    /// failure the canister is unchanged.
    pub fn reinstall(&mut self, vm: &Vm, wasm: &[u8], arg: &[u8]) -> Outcome {
        let (code, debug_prints, instructions) = self.fresh(vm, wasm, arg);
        let result = code.map(|code| {
            self.code = Some(code);
            Response::Reply(Vec::new())
        });
        Outcome {
            debug_prints,
            result,
            instructions,
        }
    }
}

fn failed(error: CallError, debug_prints: Vec<String>, instructions: u64) -> Outcome {
    Outcome {
        debug_prints,
        result: Err(error),
        instructions,
    }
}

/// Undoes a failed upgrade: returns stable memory to the old instance (if it was moved), restores
/// the old heap, then rolls stable memory back to before `canister_pre_upgrade`.
fn abort(
    vm: &Vm,
    id_bytes: &[u8],
    old: &mut Code,
    moved: Option<StableMemory>,
    before: &HeapImage,
) {
    if let Some(stable) = moved {
        old.live.store.data_mut().stable = stable;
    }
    restore_heap(vm, id_bytes, old, before);
    old.live.store.data_mut().stable.rollback();
}
