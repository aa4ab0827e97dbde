//! Heap images: a copy of a canister instance's linear memory and exported mutable globals,
//! taken before a message and written back when the message's changes must be discarded, and
//! the form in which the state directory saves a heap.
//!
//! Memory cannot shrink, so an image can only be written into an instance whose memory is no
//! larger than the image; `canister.rs` instantiates afresh when a message grew memory. This file
//! does not handle stable memory, which keeps its own journal (`stable_memory.rs`).

use wasmtime::{Extern, Instance, Store, Val, ValType};

use crate::host::HostState;
use crate::stable_memory::PAGE_SIZE;

/// The value of one mutable global, with float bits kept exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GlobalValue {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
}

/// Linear memory (a whole number of 64 KiB pages) and every exported mutable global by name.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct HeapImage {
    pub(crate) memory: Vec<u8>,
    pub(crate) globals: Vec<(String, GlobalValue)>,
}

/// An instance and the store it lives in.
pub(crate) struct Live {
    pub(crate) store: Store<HostState>,
    pub(crate) instance: Instance,
}

/// Why an image could not be written into an instance.
#[derive(Debug)]
pub(crate) enum ApplyError {
    /// The instance's memory is larger than the image; it must be instantiated afresh.
    MemoryGrew,
    /// The image does not fit the module (a global is missing or has another type, or memory
    /// cannot grow to the image's size); the text says which.
    Mismatch(String),
}

/// Copies the heap of a live instance.
pub(crate) fn capture(live: &mut Live) -> HeapImage {
    let memory = live
        .instance
        .get_memory(&mut live.store, "memory")
        .map(|memory| memory.data(&live.store).to_vec())
        .unwrap_or_default();
    let globals = capture_globals(live);
    HeapImage { memory, globals }
}

/// The values of the exported mutable globals of a live instance.
pub(crate) fn capture_globals(live: &mut Live) -> Vec<(String, GlobalValue)> {
    mutable_globals(live)
        .into_iter()
        .filter_map(|(name, global)| {
            let value = match global.get(&mut live.store) {
                Val::I32(v) => GlobalValue::I32(v),
                Val::I64(v) => GlobalValue::I64(v),
                Val::F32(v) => GlobalValue::F32(v),
                Val::F64(v) => GlobalValue::F64(v),
                Val::V128(v) => GlobalValue::V128(v.as_u128()),
                // Validation rejects mutable reference globals, so none reach here.
                _ => return None,
            };
            Some((name, value))
        })
        .collect()
}

fn mutable_globals(live: &mut Live) -> Vec<(String, wasmtime::Global)> {
    let exports: Vec<(String, Extern)> = live
        .instance
        .exports(&mut live.store)
        .map(|export| (export.name().to_string(), export.into_extern()))
        .collect();
    exports
        .into_iter()
        .filter_map(|(name, ext)| match ext {
            Extern::Global(global)
                if global.ty(&live.store).mutability() == wasmtime::Mutability::Var =>
            {
                Some((name, global))
            }
            _ => None,
        })
        .collect()
}

/// Writes an image into a live instance: memory grows to the image's size if it is smaller.
/// With `zero_excess`, a larger memory keeps its size and the bytes past the image become zero
/// (a last resort when instantiating afresh failed); otherwise a larger memory is an error.
pub(crate) fn apply(
    live: &mut Live,
    image: &HeapImage,
    zero_excess: bool,
) -> Result<(), ApplyError> {
    if let Some(memory) = live.instance.get_memory(&mut live.store, "memory") {
        let have = memory.data_size(&live.store) as u64;
        let want = image.memory.len() as u64;
        if have > want && !zero_excess {
            return Err(ApplyError::MemoryGrew);
        }
        if have < want {
            let delta = (want - have).div_ceil(PAGE_SIZE);
            memory.grow(&mut live.store, delta).map_err(|e| {
                ApplyError::Mismatch(format!("memory cannot grow to {want} bytes: {e:#}"))
            })?;
        }
        let data = memory.data_mut(&mut live.store);
        data[..image.memory.len()].copy_from_slice(&image.memory);
        data[image.memory.len()..].fill(0);
    } else if !image.memory.is_empty() {
        return Err(ApplyError::Mismatch(
            "the image has memory but the module exports none".to_string(),
        ));
    }
    for (name, value) in &image.globals {
        let Some(global) = live.instance.get_global(&mut live.store, name) else {
            return Err(ApplyError::Mismatch(format!(
                "the module has no global `{name}`"
            )));
        };
        let val = match (value, global.ty(&live.store).content()) {
            (GlobalValue::I32(v), ValType::I32) => Val::I32(*v),
            (GlobalValue::I64(v), ValType::I64) => Val::I64(*v),
            (GlobalValue::F32(v), ValType::F32) => Val::F32(*v),
            (GlobalValue::F64(v), ValType::F64) => Val::F64(*v),
            (GlobalValue::V128(v), ValType::V128) => Val::V128((*v).into()),
            _ => {
                return Err(ApplyError::Mismatch(format!(
                    "the global `{name}` has another type in the module"
                )))
            }
        };
        global
            .set(&mut live.store, val)
            .map_err(|e| ApplyError::Mismatch(format!("cannot set global `{name}`: {e:#}")))?;
    }
    Ok(())
}
