//! Expressions and statements: IR function bodies to Wasm code over the `rt_abi` values.
//!
//! Every expression leaves exactly one `i32` on the stack (unit is 0), so a function is
//! `(param i32*) (result i32)`. Arithmetic, comparison of numbers and texts, and allocation go
//! through the runtime library; tuples are built and projected here. Compound values live in
//! `object`, patterns in `pattern`, comparisons in `compare`. This file does not decode or
//! encode Candid and does not know about entry points.

use num_bigint::BigInt;
use wasm_encoder::{BlockType, ValType};

use super::compare;
use super::layout::small_int;
use super::module::{mem, Body, ModuleBuilder};
use super::rt_abi;
use super::small_int::{self, Operand};
use crate::ir::{self, BinOp, CmpOp, Expr, ExprKind, Stmt, Ty, UnOp};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Compiles one IR function.
pub(crate) fn compile_func(module: &mut ModuleBuilder, func: &ir::Func) -> Body {
    let params = func.param_count as usize;
    let extra = func.locals.len().saturating_sub(params);
    let mut compiler = FuncCompiler::new(module, Body::with_locals(func.param_count, extra));
    compiler.expr(&func.body);
    compiler.body
}

/// Compiles the actor body into a `() -> ()` function. The initialisation of a stable field
/// is skipped when its "restored" flag is set, which only `canister_post_upgrade` does.
pub(crate) fn compile_actor_body(module: &mut ModuleBuilder, program: &ir::Program) -> Body {
    let mut compiler = FuncCompiler::new(module, Body::with_locals(0, program.body_locals.len()));
    for stmt in &program.body {
        compiler.stmt(stmt);
    }
    compiler.body
}

pub(crate) struct FuncCompiler<'m> {
    pub module: &'m mut ModuleBuilder,
    pub body: Body,
    /// Wasm blocks open around the code being emitted (see `control`).
    pub depth: u32,
    /// The labelled blocks open, innermost last, with the depth inside each.
    pub labels: Vec<(ir::LabelId, u32)>,
    /// The location a `Located` node hands to the node it wraps.
    pub pending: Option<ir::Loc>,
    /// The location of the node being compiled, for `control::mark`.
    pub here: Option<ir::Loc>,
}

impl<'m> FuncCompiler<'m> {
    pub(crate) fn new(module: &'m mut ModuleBuilder, body: Body) -> Self {
        FuncCompiler {
            module,
            body,
            depth: 0,
            labels: Vec::new(),
            pending: None,
            here: None,
        }
    }
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
            Stmt::LetPat(pat, init) => self.let_pat(pat, init),
        }
    }

    pub(crate) fn expr(&mut self, expr: &Expr) {
        let here = self.pending.take();
        let outer = std::mem::replace(&mut self.here, here);
        self.expr_here(expr);
        self.here = outer;
    }

    fn expr_here(&mut self, expr: &Expr) {
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
            ExprKind::Binary(op, left, right) => match op {
                BinOp::NatAdd | BinOp::IntAdd | BinOp::NatSub | BinOp::IntSub => {
                    let operands = self.int_operands(left, right);
                    let at = if *op == BinOp::NatSub {
                        self.trap_mark()
                    } else {
                        None
                    };
                    small_int::add_or_sub(self.module, &mut self.body, *op, operands, at);
                }
                _ => {
                    self.expr(left);
                    self.expr(right);
                    self.mark();
                    let function = self.module.rt(binary_function(*op));
                    self.body.ins().call(function);
                }
            },
            ExprKind::Compare(op, left, right)
                if matches!(self.module.resolve(&left.ty), Ty::Nat | Ty::Int) =>
            {
                let operands = self.int_operands(left, right);
                small_int::compare(self.module, &mut self.body, *op, operands);
            }
            ExprKind::Compare(op, left, right) => {
                self.expr(left);
                self.expr(right);
                self.compare(*op, &left.ty);
            }
            ExprKind::And(left, right) => {
                self.expr(left);
                self.body.ins().if_(I32);
                self.nested(right);
                self.body.ins().else_().i32_const(0).end();
            }
            ExprKind::Or(left, right) => {
                self.expr(left);
                self.body.ins().if_(I32).i32_const(1).else_();
                self.nested(right);
                self.body.ins().end();
            }
            ExprKind::If(condition, then, otherwise) => {
                self.expr(condition);
                self.body.ins().if_(I32);
                self.nested(then);
                self.body.ins().else_();
                self.nested(otherwise);
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
            ExprKind::Fixed(ty, bits) => self.fixed(*ty, *bits),
            ExprKind::Float(value) => self.float(*value),
            ExprKind::Char(value) => {
                self.body.ins().i32_const(*value as u32 as i32);
            }
            ExprKind::Blob(bytes) => self.blob(bytes),
            ExprKind::Null => {
                self.body.ins().i32_const(rt_abi::NULL);
            }
            ExprKind::Some(value) => self.some(value),
            ExprKind::Array(items) => self.array(items),
            ExprKind::Index(array, index) => self.index(array, index),
            ExprKind::AssignIndex(array, index, value) => self.assign_index(array, index, value),
            ExprKind::ArraySize(array) => self.array_size(array),
            ExprKind::Record(fields) => self.record(fields, &expr.ty),
            ExprKind::Field(record, name) => self.field(record, name),
            ExprKind::AssignField(record, name, value) => self.assign_field(record, name, value),
            ExprKind::Variant(name, payload) => self.variant(name, payload),
            ExprKind::Switch(scrutinee, cases) => self.switch(scrutinee, cases),
            ExprKind::While(condition, body) => self.while_(condition, body),
            ExprKind::ForEach {
                seq,
                kind,
                item,
                body,
            } => self.for_each(seq, *kind, *item, body),
            ExprKind::Closure { func, captures } => self.closure(*func, captures),
            ExprKind::Captured(index) => self.captured(*index),
            ExprKind::SetCapture {
                closure,
                index,
                value,
            } => self.set_capture(closure, *index, value),
            ExprKind::CallClosure(callee, args) => self.call_closure(callee, args),
            ExprKind::NewRef(value) => self.new_ref(value),
            ExprKind::Deref(cell) => self.deref(cell),
            ExprKind::AssignRef(cell, value) => self.assign_ref(cell, value),
            ExprKind::Loop(body) => self.loop_(body),
            ExprKind::Labeled(label, body) => self.labeled(*label, body),
            ExprKind::Break(label, value) => self.break_(*label, value),
            ExprKind::Assert(condition) => self.assert(condition),
            ExprKind::Trap(message) => self.trap_with(message),
            ExprKind::FixedBinary(op, ty, left, right) => self.fixed_binary(*op, *ty, left, right),
            ExprKind::FixedUnary(op, ty, operand) => self.fixed_unary(*op, *ty, operand),
            ExprKind::FloatBinary(op, left, right) => self.float_binary(*op, left, right),
            ExprKind::FloatNeg(operand) => self.float_neg(operand),
            ExprKind::Prim(name, args) => self.prim(name, args, &expr.ty),
            ExprKind::DebugShow(value) => {
                self.expr(value);
                super::show::show(self.module, &mut self.body, &value.ty);
            }
            ExprKind::PrettyShow(value) => {
                self.expr(value);
                super::pretty::pretty(self.module, &mut self.body, &value.ty, false);
            }
            ExprKind::Located(loc, inner) => {
                self.pending = Some(*loc);
                self.expr(inner);
            }
            ExprKind::Throw(error) => self.throw(error),
            ExprKind::Await {
                value,
                error,
                on_error,
            } => self.await_(value, *error, on_error),
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

    /// The operands of a `Nat`/`Int` operation: where they already are when both are simple
    /// (`small_int::Operand::simple`), else evaluated in order into fresh locals.
    fn int_operands(&mut self, left: &Expr, right: &Expr) -> (Operand, Operand) {
        match (Operand::simple(left), Operand::simple(right)) {
            (Some(a), Some(b)) => return (a, b),
            // Evaluating `left` cannot change a simple `right`; the reverse does not hold
            // (`i + { i := 2; 1 }`), so a simple `left` alone is still copied.
            (_, Some(b)) => {
                self.expr(left);
                let a = self.body.local(ValType::I32);
                self.body.ins().local_set(a);
                return (Operand::Local(a), b);
            }
            _ => {}
        }
        self.expr(left);
        self.expr(right);
        small_int::from_stack(&mut self.body)
    }

    /// The mark that records the current node's location before a trap, if it has one.
    fn trap_mark(&mut self) -> Option<small_int::Mark> {
        let loc = self.here?;
        let address = self.module.location(loc)?;
        Some(small_int::Mark {
            address,
            global: self.module.trap_loc,
        })
    }

    fn compare(&mut self, op: CmpOp, ty: &Ty) {
        compare::compare(self.module, &mut self.body, op, ty);
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
