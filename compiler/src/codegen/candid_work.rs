//! Deep values in Candid: writing and reading values of recursive types (a stable list of
//! 100,000 elements, a deep tree) without recursing once per level on the Wasm stack, which
//! is small, on the Internet Computer as in the VM.
//!
//! The helpers of `candid_encode` and `candid_decode` call each other directly while the
//! type is not recursive, since the type then bounds the depth. A child whose type reaches
//! a cycle of named types (`is_deep`) is not called but pushed on the runtime's work stack
//! (42_work.wat) as an item `[arg][dest][table slot][0]`: the helper's table slot, the value
//! to write or the wire type to read, and for reading the address that receives the result
//! (0 for writing and skipping). Everything that must come after a pushed child (the rest of
//! a tuple, record fields still to skip) is pushed too, in order, then reversed. The one
//! helper call that finds no driver running becomes the driver: after its own step it pops
//! and calls items until the stack is back where it began. Reading fills objects top-down,
//! so objects are allocated before their pending fields are read into them.
//!
//! A deep child that is the last step of its parent and not itself a named type is called
//! directly: it only pushes, and the chain of such calls is bounded by the size of the type
//! expression, since every cycle passes through a named type. This file does not decide what
//! bytes a value has (`candid_encode`, `candid_decode`) and does not skip values (the runtime's
//! `candid_skip` has its own loop on the same stack).

use std::collections::HashSet;

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, ModuleBuilder};
use crate::ir::{self, Ty};

/// Whether values of `ty` can nest without bound: its type graph reaches a cycle of named
/// types.
pub(crate) fn is_deep(types: &[ir::TypeDef], ty: &Ty) -> bool {
    reaches_cycle(types, ty, &mut Vec::new(), &mut HashSet::new())
}

fn reaches_cycle(
    types: &[ir::TypeDef],
    ty: &Ty,
    path: &mut Vec<ir::TypeId>,
    acyclic: &mut HashSet<ir::TypeId>,
) -> bool {
    match ty {
        Ty::Named(id) => {
            if path.contains(id) {
                return true;
            }
            if acyclic.contains(id) {
                return false;
            }
            let Some(def) = types.get(id.0 as usize) else {
                return false;
            };
            path.push(*id);
            let found = reaches_cycle(types, &def.ty, path, acyclic);
            path.pop();
            if !found {
                acyclic.insert(*id);
            }
            found
        }
        Ty::Option(inner) | Ty::Array(inner) | Ty::MutArray(inner) => {
            reaches_cycle(types, inner, path, acyclic)
        }
        Ty::Tuple(items) => items
            .iter()
            .any(|item| reaches_cycle(types, item, path, acyclic)),
        Ty::Record(fields) => fields
            .iter()
            .any(|field| reaches_cycle(types, &field.ty, path, acyclic)),
        Ty::Variant(tags) => tags
            .iter()
            .any(|tag| reaches_cycle(types, &tag.ty, path, acyclic)),
        _ => false,
    }
}

/// Decides, child by child in the order their bytes come, which children of one helper are
/// called and which are pushed: once one child is pushed, every later one is too.
pub(crate) struct Plan {
    deferring: bool,
}

impl Plan {
    pub fn new() -> Self {
        Plan { deferring: false }
    }

    /// Whether the child of type `ty` is pushed; `tail` when nothing of the parent follows
    /// it (a direct call is then safe even for a deep child).
    pub fn push(&mut self, module: &ModuleBuilder, ty: &Ty, tail: bool) -> bool {
        if self.deferring {
            return true;
        }
        if !is_deep(module.ir_types(), ty) {
            return false;
        }
        if tail && !matches!(ty, Ty::Named(_)) {
            return false;
        }
        self.deferring = true;
        true
    }

    /// Whether a child has been pushed, so that what follows must be pushed too.
    pub fn deferring(&self) -> bool {
        self.deferring
    }
}

/// The table slot of a function, added to the module's table on first use.
pub(crate) fn slot(module: &mut ModuleBuilder, func: u32) -> u32 {
    if let Some(slot) = module.table.iter().position(|entry| *entry == func) {
        return slot as u32;
    }
    module.table.push(func);
    module.table.len() as u32 - 1
}

/// Pushes an item calling `func` (a helper or `candid_skip`); the stack holds its argument
/// and its destination (0 when the function returns nothing).
pub(crate) fn push(module: &mut ModuleBuilder, body: &mut Body, func: u32) {
    let slot = slot(module, func);
    body.ins()
        .i32_const(slot as i32)
        .i32_const(0)
        .call(module.rt("work_push"));
}

/// The local of a deep helper: -1 when a driver already runs, else the height of the stack
/// that this helper, as the driver, drains it down to.
pub(crate) struct Frame {
    mark: u32,
}

/// Starts a deep helper: becomes the driver unless one runs.
pub(crate) fn begin(module: &ModuleBuilder, body: &mut Body) -> Frame {
    let mark = body.local(ValType::I32);
    body.ins().call(module.rt("work_begin")).local_set(mark);
    Frame { mark }
}

/// Ends a deep helper (its result, if any, stays on the operand stack): the driver runs the
/// pending items until the stack is back at its mark.
pub(crate) fn finish(module: &mut ModuleBuilder, body: &mut Body, frame: Frame) {
    let item = body.local(ValType::I32);
    let dest = body.local(ValType::I32);
    let write = module.type_index(vec![ValType::I32], vec![]);
    let read = module.type_index(vec![ValType::I32], vec![ValType::I32]);
    body.ins()
        .local_get(frame.mark)
        .i32_const(0)
        .i32_ge_s()
        .if_(BlockType::Empty)
        .block(BlockType::Empty)
        .loop_(BlockType::Empty)
        .local_get(frame.mark)
        .call(module.rt("work_next"))
        .local_tee(item)
        .i32_eqz()
        .br_if(1)
        .local_get(item)
        .i32_load(mem(4, 2))
        .local_tee(dest)
        .i32_eqz()
        .if_(BlockType::Empty)
        .local_get(item)
        .i32_load(mem(0, 2))
        .local_get(item)
        .i32_load(mem(8, 2))
        .call_indirect(0, write)
        .else_()
        .local_get(dest)
        .local_get(item)
        .i32_load(mem(0, 2))
        .local_get(item)
        .i32_load(mem(8, 2))
        .call_indirect(0, read)
        .i32_store(mem(0, 2))
        .end()
        .br(0)
        .end()
        .end()
        .call(module.rt("work_end"))
        .end();
}
