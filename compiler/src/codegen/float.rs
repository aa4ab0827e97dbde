//! Float arithmetic: `+ - * /` and negation inline on the boxed f64 (`rt_abi`'s
//! `[TAG_BITS64][bits]`), `%` (C's `fmod`, exact) and `**` (`pow`) through the runtime
//! library. This file does not compare floats (`compare`) nor print them (`show`).

use super::func::FuncCompiler;
use super::module::mem;
use crate::ir::{Expr, FloatOp};

impl FuncCompiler<'_> {
    /// Leaves the f64 inside the boxed float on the stack.
    pub(crate) fn unbox_float(&mut self) {
        self.body.ins().f64_load(mem(4, 0));
    }

    /// Boxes the f64 on the stack.
    pub(crate) fn box_float(&mut self) {
        let box64 = self.module.rt("box64");
        self.body.ins().i64_reinterpret_f64().call(box64);
    }

    pub(crate) fn float_binary(&mut self, op: FloatOp, left: &Expr, right: &Expr) {
        self.expr(left);
        self.unbox_float();
        self.expr(right);
        self.unbox_float();
        match op {
            FloatOp::Add => {
                self.body.ins().f64_add();
            }
            FloatOp::Sub => {
                self.body.ins().f64_sub();
            }
            FloatOp::Mul => {
                self.body.ins().f64_mul();
            }
            FloatOp::Div => {
                self.body.ins().f64_div();
            }
            FloatOp::Rem => {
                let fmod = self.module.rt("float_rem");
                self.body.ins().call(fmod);
            }
            FloatOp::Pow => {
                let pow = self.module.rt("float_pow");
                self.body.ins().call(pow);
            }
        }
        self.box_float();
    }

    pub(crate) fn float_neg(&mut self, operand: &Expr) {
        self.expr(operand);
        self.unbox_float();
        self.body.ins().f64_neg();
        self.box_float();
    }
}
