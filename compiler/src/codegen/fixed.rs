//! Fixed-width integer arithmetic (`Nat8`..`Int64`) with moc's semantics: `+ - * ** /` and
//! signed negation trap with "arithmetic overflow" when the result does not fit (division by
//! zero too, as moc's interpreter says), `+% -% *% **% -%x` wrap, bitwise operators work on
//! the two's-complement bits, and shift and rotate amounts are taken modulo the width.
//!
//! Every operation is computed on i64 operands (sign-extended for signed types, zero-extended
//! for unsigned ones, unboxed for 64-bit types) and its result brought back to the type's
//! representation, so one code path serves all eight types; types up to 32 bits take i32
//! instructions directly for the operations Wasm has (wrapping arithmetic, checked `+` and
//! `-`, bitwise operators, shifts). Overflow checks are inline with
//! the trap out of line; 64-bit multiplication and every power call the runtime library.
//! This file does not compare fixed-width values (`compare`) nor print them (`show`).

use wasm_encoder::{BlockType, ValType};

use super::func::FuncCompiler;
use super::module::mem;
use super::types;
use crate::ir::{Expr, FixedOp, FixedTy, FixedUnOp};

const OVERFLOW: &str = "arithmetic overflow";

impl FuncCompiler<'_> {
    /// Leaves the i64 form of the value of type `ty` that is on the stack.
    pub(crate) fn fixed_to_i64(&mut self, ty: FixedTy) {
        let mut ins = self.body.ins();
        if types::is_boxed(ty) {
            ins.i64_load(mem(4, 0));
        } else if ty.signed() {
            ins.i64_extend_i32_s();
        } else {
            ins.i64_extend_i32_u();
        }
    }

    /// Turns the i64 form on the stack (already in range) into the type's representation.
    pub(crate) fn fixed_from_i64(&mut self, ty: FixedTy) {
        if types::is_boxed(ty) {
            let box64 = self.module.rt("box64");
            self.body.ins().call(box64);
        } else {
            self.body.ins().i32_wrap_i64();
        }
    }

    /// Truncates the i64 on the stack to the width (sign- or zero-extending it back).
    fn normalize(&mut self, ty: FixedTy) {
        let bits = ty.bits();
        if bits >= 64 {
            return;
        }
        let shift = i64::from(64 - bits);
        let mut ins = self.body.ins();
        if ty.signed() {
            ins.i64_const(shift).i64_shl().i64_const(shift).i64_shr_s();
        } else {
            ins.i64_const((1i64 << bits) - 1).i64_and();
        }
    }

    /// Traps with "arithmetic overflow" when the condition on the stack is true.
    fn overflow_if(&mut self) {
        self.body.ins().if_(BlockType::Empty);
        self.fail(OVERFLOW);
        self.body.ins().end();
    }

    /// Checks that the i64 in local `r` fits a type narrower than 64 bits.
    fn check_range(&mut self, ty: FixedTy, r: u32) {
        self.body.ins().local_get(r);
        self.normalize(ty);
        self.body.ins().local_get(r).i64_ne();
        self.overflow_if();
    }

    pub(crate) fn fixed_binary(&mut self, op: FixedOp, ty: FixedTy, left: &Expr, right: &Expr) {
        if ty.bits() <= 32 && self.fixed_binary_word(op, ty, left, right) {
            return;
        }
        let a = self.body.local(ValType::I64);
        let b = self.body.local(ValType::I64);
        let r = self.body.local(ValType::I64);
        self.expr(left);
        self.fixed_to_i64(ty);
        self.body.ins().local_set(a);
        self.expr(right);
        self.fixed_to_i64(ty);
        self.body.ins().local_set(b);
        let bits = ty.bits();
        let wide = bits >= 64;
        let signed = ty.signed();
        match op {
            FixedOp::Add | FixedOp::Sub => {
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(b);
                if op == FixedOp::Add {
                    ins.i64_add();
                } else {
                    ins.i64_sub();
                }
                ins.local_set(r);
                if !wide {
                    self.check_range(ty, r);
                } else {
                    let mut ins = self.body.ins();
                    match (op, signed) {
                        // Unsigned: a carry makes the sum smaller than an operand.
                        (FixedOp::Add, false) => ins.local_get(r).local_get(a).i64_lt_u(),
                        (FixedOp::Sub, false) => ins.local_get(a).local_get(b).i64_lt_u(),
                        // Signed: the result's sign differs from both operands' (add) or
                        // from a's while a and b differ in sign (sub).
                        (FixedOp::Add, true) => ins
                            .local_get(a)
                            .local_get(r)
                            .i64_xor()
                            .local_get(b)
                            .local_get(r)
                            .i64_xor()
                            .i64_and()
                            .i64_const(0)
                            .i64_lt_s(),
                        _ => ins
                            .local_get(a)
                            .local_get(b)
                            .i64_xor()
                            .local_get(a)
                            .local_get(r)
                            .i64_xor()
                            .i64_and()
                            .i64_const(0)
                            .i64_lt_s(),
                    };
                    self.overflow_if();
                }
            }
            FixedOp::Mul | FixedOp::WrapMul | FixedOp::Pow | FixedOp::WrapPow => {
                let wrap = matches!(op, FixedOp::WrapMul | FixedOp::WrapPow);
                let name = if matches!(op, FixedOp::Mul | FixedOp::WrapMul) {
                    "fixed_mul"
                } else {
                    "fixed_pow"
                };
                self.mark();
                let function = self.module.rt(name);
                self.body
                    .ins()
                    .local_get(a)
                    .local_get(b)
                    .i32_const(bits as i32)
                    .i32_const(i32::from(signed))
                    .i32_const(i32::from(wrap))
                    .call(function)
                    .local_set(r);
            }
            FixedOp::Div | FixedOp::Rem => {
                self.body.ins().local_get(b).i64_eqz();
                self.overflow_if();
                if wide && signed && op == FixedOp::Div {
                    self.body
                        .ins()
                        .local_get(a)
                        .i64_const(i64::MIN)
                        .i64_eq()
                        .local_get(b)
                        .i64_const(-1)
                        .i64_eq()
                        .i32_and();
                    self.overflow_if();
                }
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(b);
                match (op, signed) {
                    (FixedOp::Div, true) => ins.i64_div_s(),
                    (FixedOp::Div, false) => ins.i64_div_u(),
                    (_, true) => ins.i64_rem_s(),
                    (_, false) => ins.i64_rem_u(),
                };
                ins.local_set(r);
                if !wide && signed && op == FixedOp::Div {
                    self.check_range(ty, r);
                }
            }
            FixedOp::WrapAdd | FixedOp::WrapSub => {
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(b);
                if op == FixedOp::WrapAdd {
                    ins.i64_add();
                } else {
                    ins.i64_sub();
                }
                self.normalize(ty);
                self.body.ins().local_set(r);
            }
            FixedOp::And | FixedOp::Or | FixedOp::Xor => {
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(b);
                match op {
                    FixedOp::And => ins.i64_and(),
                    FixedOp::Or => ins.i64_or(),
                    _ => ins.i64_xor(),
                };
                ins.local_set(r);
            }
            FixedOp::Shl | FixedOp::Shr | FixedOp::Rotl | FixedOp::Rotr => {
                self.shift(op, ty, a, b, r);
            }
        }
        self.body.ins().local_get(r);
        self.fixed_from_i64(ty);
    }

    /// Truncates the i32 on the stack to a width below 32 bits (sign- or zero-extending back).
    fn normalize_word(&mut self, ty: FixedTy) {
        let bits = ty.bits();
        if bits >= 32 {
            return;
        }
        let mut ins = self.body.ins();
        if ty.signed() {
            let shift = (32 - bits) as i32;
            ins.i32_const(shift).i32_shl().i32_const(shift).i32_shr_s();
        } else {
            ins.i32_const(((1u32 << bits) - 1) as i32).i32_and();
        }
    }

    /// The operations of types up to 32 bits that i32 instructions do directly (the values
    /// are already extended i32 words); false, with nothing emitted, for the others.
    fn fixed_binary_word(&mut self, op: FixedOp, ty: FixedTy, left: &Expr, right: &Expr) -> bool {
        let bits = ty.bits();
        let signed = ty.signed();
        let native = matches!(
            op,
            FixedOp::Add
                | FixedOp::Sub
                | FixedOp::WrapAdd
                | FixedOp::WrapSub
                | FixedOp::WrapMul
                | FixedOp::And
                | FixedOp::Or
                | FixedOp::Xor
                | FixedOp::Shl
                | FixedOp::Shr
        ) || (bits == 32 && matches!(op, FixedOp::Rotl | FixedOp::Rotr));
        if !native {
            return false;
        }
        if matches!(op, FixedOp::Add | FixedOp::Sub) {
            self.checked_word(op, ty, left, right);
            return true;
        }
        // The operands are used once: straight onto the stack.
        self.expr(left);
        self.expr(right);
        let amount = (bits - 1) as i32;
        let mut ins = self.body.ins();
        match op {
            FixedOp::WrapAdd => ins.i32_add(),
            FixedOp::WrapSub => ins.i32_sub(),
            FixedOp::WrapMul => ins.i32_mul(),
            FixedOp::And => ins.i32_and(),
            FixedOp::Or => ins.i32_or(),
            FixedOp::Xor => ins.i32_xor(),
            FixedOp::Shl => ins.i32_const(amount).i32_and().i32_shl(),
            // The word is already extended the way `>>` must fill.
            FixedOp::Shr if signed => ins.i32_const(amount).i32_and().i32_shr_s(),
            FixedOp::Shr => ins.i32_const(amount).i32_and().i32_shr_u(),
            FixedOp::Rotl => ins.i32_rotl(),
            _ => ins.i32_rotr(),
        };
        if matches!(
            op,
            FixedOp::WrapAdd | FixedOp::WrapSub | FixedOp::WrapMul | FixedOp::Shl
        ) {
            self.normalize_word(ty);
        }
        true
    }

    /// Checked `+` and `-` of types up to 32 bits: trap when the result does not fit.
    fn checked_word(&mut self, op: FixedOp, ty: FixedTy, left: &Expr, right: &Expr) {
        let a = self.body.local(ValType::I32);
        let b = self.body.local(ValType::I32);
        let r = self.body.local(ValType::I32);
        self.expr(left);
        self.body.ins().local_set(a);
        self.expr(right);
        self.body.ins().local_set(b);
        let mut ins = self.body.ins();
        ins.local_get(a).local_get(b);
        if op == FixedOp::Add {
            ins.i32_add();
        } else {
            ins.i32_sub();
        }
        ins.local_set(r);
        if ty.bits() < 32 {
            // The exact sum of two extended words fits 32 bits; it must fit the width.
            self.body.ins().local_get(r);
            self.normalize_word(ty);
            self.body.ins().local_get(r).i32_ne();
        } else {
            let mut ins = self.body.ins();
            match (op, ty.signed()) {
                (FixedOp::Add, false) => ins.local_get(r).local_get(a).i32_lt_u(),
                (FixedOp::Sub, false) => ins.local_get(a).local_get(b).i32_lt_u(),
                (FixedOp::Add, true) => ins
                    .local_get(a)
                    .local_get(r)
                    .i32_xor()
                    .local_get(b)
                    .local_get(r)
                    .i32_xor()
                    .i32_and()
                    .i32_const(0)
                    .i32_lt_s(),
                _ => ins
                    .local_get(a)
                    .local_get(b)
                    .i32_xor()
                    .local_get(a)
                    .local_get(r)
                    .i32_xor()
                    .i32_and()
                    .i32_const(0)
                    .i32_lt_s(),
            };
        }
        self.overflow_if();
        self.body.ins().local_get(r);
    }

    /// Shifts and rotations, the amount in `b` taken modulo the width.
    fn shift(&mut self, op: FixedOp, ty: FixedTy, a: u32, b: u32, r: u32) {
        let bits = i64::from(ty.bits());
        let n = self.body.local(ValType::I64);
        self.body
            .ins()
            .local_get(b)
            .i64_const(bits - 1)
            .i64_and()
            .local_set(n);
        match op {
            FixedOp::Shl => {
                self.body.ins().local_get(a).local_get(n).i64_shl();
                self.normalize(ty);
            }
            // The i64 form is already extended the way `>>` must fill.
            FixedOp::Shr => {
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(n);
                if ty.signed() {
                    ins.i64_shr_s();
                } else {
                    ins.i64_shr_u();
                }
            }
            _ if bits == 64 => {
                let mut ins = self.body.ins();
                ins.local_get(a).local_get(n);
                if op == FixedOp::Rotl {
                    ins.i64_rotl();
                } else {
                    ins.i64_rotr();
                }
            }
            _ => {
                // Rotate the width's bits: (u << n | u >> (w - n)) masked, for rotl.
                let mask = (1i64 << bits) - 1;
                let u = self.body.local(ValType::I64);
                let (first_left, mut ins) = (op == FixedOp::Rotl, self.body.ins());
                ins.local_get(a).i64_const(mask).i64_and().local_set(u);
                ins.local_get(u).local_get(n);
                if first_left {
                    ins.i64_shl();
                } else {
                    ins.i64_shr_u();
                }
                ins.local_get(u).i64_const(bits).local_get(n).i64_sub();
                if first_left {
                    ins.i64_shr_u();
                } else {
                    ins.i64_shl();
                }
                ins.i64_or().i64_const(mask).i64_and();
                self.normalize(ty);
            }
        }
        self.body.ins().local_set(r);
    }

    pub(crate) fn fixed_unary(&mut self, op: FixedUnOp, ty: FixedTy, operand: &Expr) {
        let a = self.body.local(ValType::I64);
        let r = self.body.local(ValType::I64);
        self.expr(operand);
        self.fixed_to_i64(ty);
        self.body.ins().local_set(a);
        match op {
            FixedUnOp::Neg => {
                self.body
                    .ins()
                    .i64_const(0)
                    .local_get(a)
                    .i64_sub()
                    .local_set(r);
                if ty.bits() >= 64 || !ty.signed() {
                    // Signed: only the minimum has no negation; unsigned: only zero has one.
                    let mut ins = self.body.ins();
                    if ty.signed() {
                        ins.local_get(a).i64_const(i64::MIN).i64_eq();
                    } else {
                        ins.local_get(a).i64_const(0).i64_ne();
                    }
                    self.overflow_if();
                } else {
                    self.check_range(ty, r);
                }
            }
            FixedUnOp::WrapNeg => {
                self.body.ins().i64_const(0).local_get(a).i64_sub();
                self.normalize(ty);
                self.body.ins().local_set(r);
            }
            FixedUnOp::Not => {
                self.body.ins().local_get(a).i64_const(-1).i64_xor();
                self.normalize(ty);
                self.body.ins().local_set(r);
            }
        }
        self.body.ins().local_get(r);
        self.fixed_from_i64(ty);
    }
}
