//! Control flow and traps: `loop`, labelled blocks and `break`, `assert`, explicit traps,
//! and the source locations that execution errors report.
//!
//! Branch depths: `FuncCompiler::depth` counts the Wasm blocks open around the code being
//! emitted, for those constructs inside which `expr` compiles subexpressions (`if`, `and`,
//! `or`, loops, switches, labelled blocks); a `Break` branches by the difference between the
//! current depth and its label's. Locations: a `Located` node hands its location to the node
//! it wraps (`FuncCompiler::here`), which calls `mark` after its operands and right before
//! its own trapping operation, so operands report their own locations. This file does not
//! know what each operation's trap says; the operation does.

use wasm_encoder::{BlockType, ValType};

use super::func::FuncCompiler;
use crate::ir::{Expr, LabelId};

const I32: BlockType = BlockType::Result(ValType::I32);

impl FuncCompiler<'_> {
    /// Compiles `expr` inside one more open Wasm block.
    pub(crate) fn nested(&mut self, expr: &Expr) {
        self.depth += 1;
        self.expr(expr);
        self.depth -= 1;
    }

    /// Sets the trap location to the current node's, when it has one.
    pub(crate) fn mark(&mut self) {
        if let Some(loc) = self.here {
            if let Some(address) = self.module.location(loc) {
                self.body
                    .ins()
                    .i32_const(address as i32)
                    .global_set(self.module.trap_loc);
            }
        }
    }

    /// An execution error with a fixed message at the current node's location.
    pub(crate) fn fail(&mut self, message: &str) {
        self.mark();
        self.module.exec_error(&mut self.body, message);
    }

    /// `loop body`: leaves only through a `Break` or a `Return`.
    pub(crate) fn loop_(&mut self, body: &Expr) {
        self.body.ins().loop_(I32);
        self.nested(body);
        self.body.ins().drop().br(0).end();
    }

    /// A block that `Break(label, v)` leaves with `v`.
    pub(crate) fn labeled(&mut self, label: LabelId, body: &Expr) {
        self.body.ins().block(I32);
        self.depth += 1;
        self.labels.push((label, self.depth));
        self.expr(body);
        self.labels.pop();
        self.depth -= 1;
        self.body.ins().end();
    }

    pub(crate) fn break_(&mut self, label: LabelId, value: &Expr) {
        self.expr(value);
        let target = self
            .labels
            .iter()
            .rev()
            .find(|(candidate, _)| *candidate == label)
            .map(|(_, depth)| *depth);
        match target {
            Some(depth) => {
                self.body.ins().br(self.depth - depth);
            }
            None => {
                let message = format!("internal error: break to unknown label {}", label.0);
                self.module.trap(&mut self.body, &message);
            }
        }
    }

    /// Traps with "assertion failure" when the condition is false; unit otherwise.
    pub(crate) fn assert(&mut self, condition: &Expr) {
        self.expr(condition);
        self.body.ins().i32_eqz().if_(BlockType::Empty);
        self.fail("assertion failure");
        self.body.ins().end().i32_const(0);
    }

    /// Traps with the text's message (an execution error at the node's location).
    pub(crate) fn trap_with(&mut self, message: &Expr) {
        let text = self.body.local(ValType::I32);
        self.expr(message);
        self.body.ins().local_set(text);
        self.mark();
        let exec_error = self.module.rt("exec_error");
        self.body
            .ins()
            .local_get(text)
            .i32_const(8)
            .i32_add()
            .local_get(text)
            .i32_load(super::module::mem(4, 2))
            .call(exec_error)
            .unreachable();
    }
}
