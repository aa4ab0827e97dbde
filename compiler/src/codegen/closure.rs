//! Function values and mutable cells: building a closure, reading its captured values,
//! calling it through the module's table, and the `Ref` cells through which closures share a
//! `var`. Layouts are `rt_abi`'s (`TAG_CLOSURE`, `TAG_REF`). This file does not decide which
//! functions are closures (the IR's `closure` flag does) nor lays the table out (`link`).

use wasm_encoder::ValType;

use super::func::FuncCompiler;
use super::module::mem;
use super::rt_abi;
use crate::ir::{Expr, FuncId};

impl FuncCompiler<'_> {
    /// `[TAG_CLOSURE][table slot][n][captured...]`.
    pub(crate) fn closure(&mut self, func: FuncId, captures: &[Expr]) {
        let Some(slot) = self.module.closure_slot(func) else {
            let message = format!(
                "internal error: function {} is not a closure but is used as a value",
                func.0
            );
            self.module.trap(&mut self.body, &message);
            return;
        };
        let closure = self.body.local(ValType::I32);
        let alloc = self.module.rt("alloc");
        self.body
            .ins()
            .i32_const(12 + 4 * captures.len() as i32)
            .call(alloc)
            .local_tee(closure)
            .i32_const(rt_abi::TAG_CLOSURE as i32)
            .i32_store(mem(0, 2))
            .local_get(closure)
            .i32_const(slot as i32)
            .i32_store(mem(4, 2))
            .local_get(closure)
            .i32_const(captures.len() as i32)
            .i32_store(mem(8, 2));
        for (index, capture) in captures.iter().enumerate() {
            self.body.ins().local_get(closure);
            self.expr(capture);
            self.body.ins().i32_store(mem(12 + 4 * index as u32, 2));
        }
        self.body.ins().local_get(closure);
    }

    /// The `index`th captured value of the running closure, which is always local 0.
    pub(crate) fn captured(&mut self, index: u32) {
        self.body
            .ins()
            .local_get(0)
            .i32_load(mem(12 + 4 * index, 2));
    }

    /// Calls the closure with the arguments: `(closure, args...) -> i32` through the table.
    pub(crate) fn call_closure(&mut self, callee: &Expr, args: &[Expr]) {
        let closure = self.body.local(ValType::I32);
        self.expr(callee);
        self.body.ins().local_tee(closure);
        for arg in args {
            self.expr(arg);
        }
        let ty = self
            .module
            .type_index(vec![ValType::I32; args.len() + 1], vec![ValType::I32]);
        self.body
            .ins()
            .local_get(closure)
            .i32_load(mem(4, 2))
            .call_indirect(0, ty);
    }

    /// `[TAG_REF][value]`.
    pub(crate) fn new_ref(&mut self, value: &Expr) {
        let cell = self.body.local(ValType::I32);
        let alloc = self.module.rt("alloc");
        self.body
            .ins()
            .i32_const(8)
            .call(alloc)
            .local_tee(cell)
            .i32_const(rt_abi::TAG_REF as i32)
            .i32_store(mem(0, 2))
            .local_get(cell);
        self.expr(value);
        self.body.ins().i32_store(mem(4, 2)).local_get(cell);
    }

    pub(crate) fn deref(&mut self, cell: &Expr) {
        self.expr(cell);
        self.body.ins().i32_load(mem(4, 2));
    }

    pub(crate) fn assign_ref(&mut self, cell: &Expr, value: &Expr) {
        self.expr(cell);
        self.expr(value);
        self.body.ins().i32_store(mem(4, 2)).i32_const(0);
    }

    /// Overwrites a closure's captured value (closure layout: tag, table slot, count, values).
    pub(crate) fn set_capture(&mut self, closure: &Expr, index: u32, value: &Expr) {
        self.expr(closure);
        self.expr(value);
        self.body
            .ins()
            .i32_store(mem(12 + 4 * index, 2))
            .i32_const(0);
    }
}
