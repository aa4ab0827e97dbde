//! Expressions and statements: IR function bodies to Wasm code over the `rt_abi` values.
//!
//! Every expression leaves exactly one `i32` on the stack (unit is 0), so a function is
//! `(param i32*) (result i32)`. Arithmetic, comparison of numbers and texts, and allocation go
//! through the runtime library; tuples are built and projected here, and tuple comparison is a
//! generated helper per tuple type. This file does not decode or encode Candid and does not
//! know about entry points.

use num_bigint::BigInt;
use wasm_encoder::{BlockType, ValType};

use super::layout::small_int;
use super::module::{mem, Body, Helper, ModuleBuilder};
use super::rt_abi;
use crate::ir::{self, BinOp, CmpOp, Expr, ExprKind, Stmt, Ty, UnOp};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Compiles one IR function.
pub(crate) fn compile_func(module: &mut ModuleBuilder, func: &ir::Func) -> Body {
    let params = func.param_count as usize;
    let extra = func.locals.len().saturating_sub(params);
    let mut compiler = FuncCompiler {
        module,
        body: Body::with_locals(func.param_count, extra),
    };
    compiler.expr(&func.body);
    compiler.body
}

/// Compiles the actor body into a `() -> ()` function. The initialisation of a stable field
/// is skipped when its "restored" flag is set, which only `canister_post_upgrade` does.
pub(crate) fn compile_actor_body(module: &mut ModuleBuilder, program: &ir::Program) -> Body {
    let mut compiler = FuncCompiler {
        module,
        body: Body::with_locals(0, program.body_locals.len()),
    };
    for stmt in &program.body {
        compiler.stmt(stmt);
    }
    compiler.body
}

struct FuncCompiler<'m> {
    module: &'m mut ModuleBuilder,
    body: Body,
}

impl FuncCompiler<'_> {
    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::InitGlobal(id, init) => {
                let global = self.module.field(*id);
                match self.module.restored_flag(*id) {
                    Some(flag) => {
                        self.body
                            .ins()
                            .global_get(flag)
                            .i32_eqz()
                            .if_(BlockType::Empty);
                        self.expr(init);
                        self.body.ins().global_set(global).end();
                    }
                    None => {
                        self.expr(init);
                        self.body.ins().global_set(global);
                    }
                }
            }
            Stmt::Let(local, init) => {
                self.expr(init);
                self.body.ins().local_set(local.0);
            }
            Stmt::Expr(expr) => {
                self.expr(expr);
                self.body.ins().drop();
            }
            Stmt::LetPat(..) => self
                .module
                .trap(&mut self.body, "not supported yet: let pattern"),
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Nat(value) => self.number(&BigInt::from(value.clone())),
            ExprKind::Int(value) => self.number(value),
            ExprKind::Bool(value) => {
                self.body.ins().i32_const(i32::from(*value));
            }
            ExprKind::Text(text) => {
                let address = self.module.statics.text(text);
                self.body.ins().i32_const(address as i32);
            }
            ExprKind::Local(local) => {
                self.body.ins().local_get(local.0);
            }
            ExprKind::Global(global) => {
                let global = self.module.field(*global);
                self.body.ins().global_get(global);
            }
            ExprKind::Tuple(items) => self.tuple(items),
            ExprKind::Project(tuple, index) => {
                self.expr(tuple);
                self.body.ins().i32_load(mem(8 + 4 * index, 2));
            }
            ExprKind::Unary(op, operand) => {
                self.expr(operand);
                match op {
                    UnOp::IntNeg => {
                        let neg = self.module.rt("int_neg");
                        self.body.ins().call(neg);
                    }
                    UnOp::BoolNot => {
                        self.body.ins().i32_eqz();
                    }
                }
            }
            ExprKind::Binary(op, left, right) => {
                self.expr(left);
                self.expr(right);
                match op {
                    BinOp::NatAdd | BinOp::IntAdd | BinOp::NatSub | BinOp::IntSub => {
                        add_or_sub(self.module, &mut self.body, *op);
                    }
                    _ => {
                        let function = self.module.rt(binary_function(*op));
                        self.body.ins().call(function);
                    }
                }
            }
            ExprKind::Compare(op, left, right) => {
                self.expr(left);
                self.expr(right);
                self.compare(*op, &left.ty);
            }
            ExprKind::And(left, right) => {
                self.expr(left);
                self.body.ins().if_(I32);
                self.expr(right);
                self.body.ins().else_().i32_const(0).end();
            }
            ExprKind::Or(left, right) => {
                self.expr(left);
                self.body.ins().if_(I32).i32_const(1).else_();
                self.expr(right);
                self.body.ins().end();
            }
            ExprKind::If(condition, then, otherwise) => {
                self.expr(condition);
                self.body.ins().if_(I32);
                self.expr(then);
                self.body.ins().else_();
                self.expr(otherwise);
                self.body.ins().end();
            }
            ExprKind::Block(stmts, result) => {
                for stmt in stmts {
                    self.stmt(stmt);
                }
                self.expr(result);
            }
            ExprKind::AssignLocal(local, value) => {
                self.expr(value);
                self.body.ins().local_set(local.0).i32_const(0);
            }
            ExprKind::AssignGlobal(global, value) => {
                self.expr(value);
                let global = self.module.field(*global);
                self.body.ins().global_set(global).i32_const(0);
            }
            ExprKind::Call(func, args) => {
                for arg in args {
                    self.expr(arg);
                }
                let func = self.module.func(*func);
                self.body.ins().call(func);
            }
            ExprKind::Return(value) => {
                self.expr(value);
                self.body.ins().return_();
            }
            _ => self
                .module
                .trap(&mut self.body, "not supported yet: this expression"),
        }
    }

    fn number(&mut self, value: &BigInt) {
        let word = match small_int(value) {
            Some(word) => word,
            None => self.module.statics.bignum(value) as i32,
        };
        self.body.ins().i32_const(word);
    }

    fn tuple(&mut self, items: &[Expr]) {
        if items.is_empty() {
            self.body.ins().i32_const(0);
            return;
        }
        let tuple = self.body.local(ValType::I32);
        let alloc = self.module.rt("alloc");
        self.body
            .ins()
            .i32_const(8 + 4 * items.len() as i32)
            .call(alloc)
            .local_tee(tuple)
            .i32_const(rt_abi::TAG_TUPLE as i32)
            .i32_store(mem(0, 2))
            .local_get(tuple)
            .i32_const(items.len() as i32)
            .i32_store(mem(4, 2));
        for (index, item) in items.iter().enumerate() {
            self.body.ins().local_get(tuple);
            self.expr(item);
            self.body.ins().i32_store(mem(8 + 4 * index as u32, 2));
        }
        self.body.ins().local_get(tuple);
    }

    /// Consumes two values of type `ty` and leaves the comparison's Bool.
    fn compare(&mut self, op: CmpOp, ty: &Ty) {
        match op {
            CmpOp::Eq => equal(self.module, &mut self.body, ty),
            CmpOp::Ne => {
                equal(self.module, &mut self.body, ty);
                self.body.ins().i32_eqz();
            }
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                order(self.module, &mut self.body, ty);
                let mut ins = self.body.ins();
                ins.i32_const(0);
                match op {
                    CmpOp::Lt => ins.i32_lt_s(),
                    CmpOp::Le => ins.i32_le_s(),
                    CmpOp::Gt => ins.i32_gt_s(),
                    _ => ins.i32_ge_s(),
                };
            }
        }
    }
}

fn binary_function(op: BinOp) -> &'static str {
    match op {
        BinOp::NatAdd | BinOp::IntAdd => "int_add",
        BinOp::NatSub => "nat_sub",
        BinOp::IntSub => "int_sub",
        BinOp::NatMul | BinOp::IntMul => "int_mul",
        BinOp::NatDiv | BinOp::IntDiv => "int_div",
        BinOp::NatRem | BinOp::IntRem => "int_rem",
        BinOp::NatPow | BinOp::IntPow => "int_pow",
        BinOp::TextConcat => "text_concat",
    }
}

/// Stores the two numbers on the stack in fresh locals `(a, b)` and leaves 1 when both are
/// small integers.
fn both_small(body: &mut Body) -> (u32, u32) {
    let a = body.local(ValType::I32);
    let b = body.local(ValType::I32);
    body.ins()
        .local_set(b)
        .local_set(a)
        .local_get(a)
        .local_get(b)
        .i32_and()
        .i32_const(1)
        .i32_and();
    (a, b)
}

/// Adds or subtracts the two numbers on the stack, inline when both are small and the result
/// is small (and, for `Nat`, not negative); otherwise through the runtime library.
fn add_or_sub(module: &mut ModuleBuilder, body: &mut Body, op: BinOp) {
    let (a, b) = both_small(body);
    let wide = body.local(ValType::I64);
    let slow = module.rt(binary_function(op));
    let subtract = matches!(op, BinOp::NatSub | BinOp::IntSub);
    // With a = 2x+1 and b = 2y+1: a + b - 1 = 2(x+y)+1 and a - b + 1 = 2(x-y)+1, which is
    // the tagged result when it fits an i32.
    let mut ins = body.ins();
    ins.if_(I32)
        .local_get(a)
        .i64_extend_i32_s()
        .local_get(b)
        .i64_extend_i32_s();
    if subtract {
        ins.i64_sub().i64_const(1).i64_add();
    } else {
        ins.i64_add().i64_const(1).i64_sub();
    }
    ins.local_tee(wide)
        .local_get(wide)
        .i32_wrap_i64()
        .i64_extend_i32_s()
        .i64_ne();
    if op == BinOp::NatSub {
        ins.local_get(wide).i64_const(0).i64_lt_s().i32_or();
    }
    ins.if_(I32)
        .local_get(a)
        .local_get(b)
        .call(slow)
        .else_()
        .local_get(wide)
        .i32_wrap_i64()
        .end()
        .else_()
        .local_get(a)
        .local_get(b)
        .call(slow)
        .end();
}

/// Consumes two values of type `ty` and leaves 1 when they are equal, else 0.
fn equal(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    match ty {
        Ty::Nat | Ty::Int => {
            // Two small integers are equal exactly when their words are (a bignum never
            // equals a small integer, being normalised).
            let (a, b) = both_small(body);
            body.ins()
                .if_(I32)
                .local_get(a)
                .local_get(b)
                .i32_eq()
                .else_()
                .local_get(a)
                .local_get(b)
                .call(module.rt("int_eq"))
                .end();
        }
        Ty::Text => {
            body.ins().call(module.rt("text_eq"));
        }
        Ty::Bool => {
            body.ins().i32_eq();
        }
        Ty::Tuple(items) if items.is_empty() => {
            body.ins().drop().drop().i32_const(1);
        }
        Ty::Tuple(_) => {
            let helper = module.helper(Helper::TupleEq(ty.clone()));
            body.ins().call(helper);
        }
        _ => module.trap(body, "not supported yet: equality on this type"),
    }
}

/// Consumes two values of type `ty` and leaves -1, 0 or 1.
fn order(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    match ty {
        Ty::Nat | Ty::Int => {
            // Tagging preserves order, so small integers compare as words.
            let (a, b) = both_small(body);
            body.ins()
                .if_(I32)
                .local_get(a)
                .local_get(b)
                .i32_gt_s()
                .local_get(a)
                .local_get(b)
                .i32_lt_s()
                .i32_sub()
                .else_()
                .local_get(a)
                .local_get(b)
                .call(module.rt("int_cmp"))
                .end();
        }
        Ty::Text => {
            body.ins().call(module.rt("text_cmp"));
        }
        // Bools are 0 or 1, so their difference is the order (false < true).
        Ty::Bool => {
            body.ins().i32_sub();
        }
        Ty::Tuple(items) if items.is_empty() => {
            body.ins().drop().drop().i32_const(0);
        }
        Ty::Tuple(_) => {
            let helper = module.helper(Helper::TupleCmp(ty.clone()));
            body.ins().call(helper);
        }
        _ => module.trap(body, "not supported yet: order on this type"),
    }
}

fn tuple_items(ty: &Ty) -> &[Ty] {
    match ty {
        Ty::Tuple(items) => items,
        _ => &[],
    }
}

/// `(a, b) -> i32`: 1 when every component is equal; stops at the first difference.
pub(crate) fn tuple_eq_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(2);
    body.ins().block(BlockType::Empty);
    for (index, item) in tuple_items(ty).iter().enumerate() {
        let at = mem(8 + 4 * index as u32, 2);
        body.ins()
            .local_get(0)
            .i32_load(at)
            .local_get(1)
            .i32_load(at);
        equal(module, &mut body, item);
        body.ins().i32_eqz().br_if(0);
    }
    body.ins().i32_const(1).return_().end().i32_const(0);
    body
}

/// `(a, b) -> i32`: the order of the first component that differs, else 0.
pub(crate) fn tuple_cmp_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(2);
    let result = body.local(ValType::I32);
    for (index, item) in tuple_items(ty).iter().enumerate() {
        let at = mem(8 + 4 * index as u32, 2);
        body.ins()
            .local_get(0)
            .i32_load(at)
            .local_get(1)
            .i32_load(at);
        order(module, &mut body, item);
        body.ins()
            .local_tee(result)
            .if_(BlockType::Empty)
            .local_get(result)
            .return_()
            .end();
    }
    body.ins().i32_const(0);
    body
}
