//! Inline fast paths of `Nat` and `Int` arithmetic and comparison on small integers (an odd
//! word `2v+1`, see ARCHITECTURE.md), with the runtime library as the slow path.
//!
//! An operand that is a local or a small literal is used where it is, instead of being stored
//! in a fresh local first, and a literal needs no tag test: `i += 1` tests one tag, `i < n`
//! reads `i` and `n` from their own locals. Such operands cannot change while the other one
//! is evaluated, since neither has an effect. The trap location of an operation that can fail
//! is set on its slow path only.

use wasm_encoder::{BlockType, ValType};

use super::module::{Body, ModuleBuilder};
use crate::ir::{BinOp, CmpOp, Expr, ExprKind};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Where an operand's word is.
#[derive(Clone, Copy)]
pub(crate) enum Operand {
    Local(u32),
    /// A small integer literal: its tagged word.
    Small(i32),
}

impl Operand {
    /// The operand of an expression that reads a local or is a small literal.
    pub(crate) fn simple(expr: &Expr) -> Option<Operand> {
        match &expr.kind {
            ExprKind::Local(local) => Some(Operand::Local(local.0)),
            ExprKind::Nat(value) => {
                super::layout::small_int(&num_bigint::BigInt::from(value.clone()))
                    .map(Operand::Small)
            }
            ExprKind::Int(value) => super::layout::small_int(value).map(Operand::Small),
            _ => None,
        }
    }

    fn get(self, body: &mut Body) {
        match self {
            Operand::Local(local) => body.ins().local_get(local),
            Operand::Small(word) => body.ins().i32_const(word),
        };
    }
}

/// The two operands on the stack, stored in fresh locals.
pub(crate) fn from_stack(body: &mut Body) -> (Operand, Operand) {
    let a = body.local(ValType::I32);
    let b = body.local(ValType::I32);
    body.ins().local_set(b).local_set(a);
    (Operand::Local(a), Operand::Local(b))
}

/// Leaves 1 when both operands are small integers.
fn both_small(body: &mut Body, a: Operand, b: Operand) {
    match (a, b) {
        (Operand::Small(_), Operand::Small(_)) => {
            body.ins().i32_const(1);
        }
        (Operand::Small(_), other) | (other, Operand::Small(_)) => {
            other.get(body);
            body.ins().i32_const(1).i32_and();
        }
        (a, b) => {
            a.get(body);
            b.get(body);
            body.ins().i32_and().i32_const(1).i32_and();
        }
    }
}

/// The instructions that record an operation's source location before it can trap.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    pub address: u32,
    pub global: u32,
}

fn mark(body: &mut Body, mark: Option<Mark>) {
    if let Some(mark) = mark {
        body.ins()
            .i32_const(mark.address as i32)
            .global_set(mark.global);
    }
}

fn slow(
    module: &mut ModuleBuilder,
    body: &mut Body,
    a: Operand,
    b: Operand,
    function: &str,
    at: Option<Mark>,
) {
    mark(body, at);
    a.get(body);
    b.get(body);
    body.ins().call(module.rt(function));
}

/// `a + b` or `a - b`: inline when both are small and the result is small (and, for `Nat`,
/// not negative); otherwise through the runtime library.
pub(crate) fn add_or_sub(
    module: &mut ModuleBuilder,
    body: &mut Body,
    op: BinOp,
    (a, b): (Operand, Operand),
    at: Option<Mark>,
) {
    let subtract = matches!(op, BinOp::NatSub | BinOp::IntSub);
    let function = match op {
        BinOp::NatSub => "nat_sub",
        BinOp::IntSub => "int_sub",
        _ => "int_add",
    };
    let wide = body.local(ValType::I64);
    both_small(body, a, b);
    body.ins().if_(I32);
    // With a = 2x+1 and b = 2y+1: a + b - 1 = 2(x+y)+1 and a - b + 1 = 2(x-y)+1, which is
    // the tagged result when it fits an i32.
    a.get(body);
    body.ins().i64_extend_i32_s();
    match b {
        Operand::Small(word) => {
            let adjust = if subtract {
                1 - i64::from(word)
            } else {
                i64::from(word) - 1
            };
            body.ins().i64_const(adjust).i64_add();
        }
        Operand::Local(_) => {
            b.get(body);
            body.ins().i64_extend_i32_s();
            if subtract {
                body.ins().i64_sub().i64_const(1).i64_add();
            } else {
                body.ins().i64_add().i64_const(1).i64_sub();
            }
        }
    }
    body.ins()
        .local_tee(wide)
        .local_get(wide)
        .i32_wrap_i64()
        .i64_extend_i32_s()
        .i64_ne();
    if op == BinOp::NatSub {
        body.ins().local_get(wide).i64_const(0).i64_lt_s().i32_or();
    }
    body.ins().if_(I32);
    slow(module, body, a, b, function, at);
    body.ins()
        .else_()
        .local_get(wide)
        .i32_wrap_i64()
        .end()
        .else_();
    slow(module, body, a, b, function, at);
    body.ins().end();
}

/// `a op b` for a comparison: small integers compare as their words (tagging preserves
/// order and, as bignums are normalised, equality).
pub(crate) fn compare(
    module: &mut ModuleBuilder,
    body: &mut Body,
    op: CmpOp,
    (a, b): (Operand, Operand),
) {
    both_small(body, a, b);
    body.ins().if_(I32);
    a.get(body);
    b.get(body);
    let mut ins = body.ins();
    match op {
        CmpOp::Eq => ins.i32_eq(),
        CmpOp::Ne => ins.i32_ne(),
        CmpOp::Lt => ins.i32_lt_s(),
        CmpOp::Le => ins.i32_le_s(),
        CmpOp::Gt => ins.i32_gt_s(),
        CmpOp::Ge => ins.i32_ge_s(),
    };
    ins.else_();
    a.get(body);
    b.get(body);
    match op {
        CmpOp::Eq | CmpOp::Ne => {
            body.ins().call(module.rt("int_eq"));
            if op == CmpOp::Ne {
                body.ins().i32_eqz();
            }
        }
        _ => {
            let mut ins = body.ins();
            ins.call(module.rt("int_cmp")).i32_const(0);
            match op {
                CmpOp::Lt => ins.i32_lt_s(),
                CmpOp::Le => ins.i32_le_s(),
                CmpOp::Gt => ins.i32_gt_s(),
                _ => ins.i32_ge_s(),
            };
        }
    }
    body.ins().end();
}
