//! Lowering: the checked syntax tree to the IR.
//!
//! Names become `GlobalId`s, `LocalId`s and `FuncId`s; every operator is chosen from the
//! operand type the checker recorded (`Nat - Nat` is `NatSub`, which traps below zero, and
//! `Int` operators are used where the checker worked at `Int`); `x op= e` becomes
//! `x := x op e`; `ignore e` becomes a block that drops `e`. Whatever the checker accepted
//! but the IR cannot express (options, arrays, records, function values, local functions,
//! one-way methods) is reported here as unsupported, so a program either lowers completely or
//! not at all. No type checking happens here.

use crate::diag::{self, Diagnostic, Span};
use crate::ir::{self, FuncId, GlobalId, LocalId, Ty};
use crate::syntax::ast::{self, BinOp, Dec, Expr, ExprKind, FuncSort, UnOp, Visibility};
use crate::typeck::types::Type;
use crate::typeck::{Checked, FieldKind, Res};
use std::collections::HashMap;

/// What an actor field became.
#[derive(Clone, Copy)]
enum Target {
    Global(GlobalId),
    Func(FuncId),
    Nothing,
}

mod combine;
mod context;
mod control;
mod data;
mod error;
mod func;
mod script;
mod types;

struct Lowerer<'a> {
    checked: &'a Checked,
    targets: Vec<Target>,
    errors: Vec<Diagnostic>,
    /// Named types for `ir::Program::types`.
    types: Vec<ir::TypeDef>,
    /// Alias instances already named.
    named: Vec<(Type, ir::TypeId)>,
    /// Alias instances being lowered (a second visit means recursion).
    in_progress: Vec<Type>,
    /// Lifted functions (closures), numbered from `func_base`.
    lifted: Vec<ir::Func>,
    /// Captures of pending functions by the closure just created: `(capture index, binder)`.
    forward: Vec<(u32, ast::BindId)>,
    /// The placeholder function of each arity that stands for a pending function: it traps.
    unready: HashMap<usize, FuncId>,
    func_base: u32,
    /// The IR labels of `label`s and loops: what `break` and `continue` of each leave.
    jump_labels: HashMap<ast::ExprId, (ir::LabelId, Option<ir::LabelId>)>,
    next_label: u32,
    /// Source ranges of trapping operations, for `Program::locations`.
    locations: Vec<String>,
    /// The source, to print moc's ranges (`file.mo:6.3-6.9`); empty when unknown.
    source: &'a str,
    /// Where the source's lines start.
    lines: diag::LineIndex<'a>,
    path: &'a str,
}

/// The locals of the function (or actor body) being lowered.
#[derive(Default)]
struct Frame {
    locals: Vec<Ty>,
    map: HashMap<ast::BindId, LocalId>,
    /// Whether this is the code of a closure, which may capture.
    closure: bool,
    /// The binder of the function itself (its name inside its body is the closure).
    self_bind: Option<ast::BindId>,
    /// The binders this closure captures, in `Captured` order.
    captures: Vec<ast::BindId>,
    /// Functions of the block being lowered whose declarations have not run yet: they have a
    /// local already, so that an earlier function can refer to them (see `func::forward`).
    pending: std::collections::HashSet<ast::BindId>,
    /// Captures of a pending function by an already created closure, filled in once the
    /// function exists.
    patches: Vec<func::Patch>,
    /// The catch labels of the `try`s whose bodies enclose the code being lowered, innermost
    /// last (see `error`).
    catches: Vec<ir::LabelId>,
    /// Whether this is a script's top level, where an uncaught error traps.
    script_top: bool,
}

impl Frame {
    /// A local no source binder names (loop counters, scrutinees).
    fn temp(&mut self, ty: Ty) -> LocalId {
        let id = LocalId(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(ty);
        id
    }

    fn fresh(&mut self, bind: ast::BindId, ty: Ty) -> LocalId {
        if self.pending.contains(&bind) {
            if let Some(id) = self.map.get(&bind) {
                return *id;
            }
        }
        let id = LocalId(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(ty);
        self.map.insert(bind, id);
        id
    }
}

pub(crate) fn lower(
    program: &ast::Program,
    checked: &Checked,
    path: &str,
    source: &str,
) -> Result<ir::Program, Vec<Diagnostic>> {
    let mut lowerer = Lowerer {
        checked,
        targets: Vec::new(),
        errors: Vec::new(),
        types: Vec::new(),
        named: Vec::new(),
        in_progress: Vec::new(),
        lifted: Vec::new(),
        forward: Vec::new(),
        unready: HashMap::new(),
        func_base: 0,
        jump_labels: HashMap::new(),
        next_label: 0,
        locations: Vec::new(),
        source,
        lines: diag::LineIndex::new(source),
        path,
    };
    let actor = match &program.body {
        ast::ProgBody::Actor(actor) => actor,
        ast::ProgBody::Module(_) => {
            return Err(vec![diag::unsupported(Span::default(), "a module")])
        }
        ast::ProgBody::Script(fields) => return lowerer.script(fields),
        ast::ProgBody::Missing => return Err(Vec::new()),
    };
    let mut out = ir::Program {
        types: Vec::new(),
        locations: Vec::new(),
        actor_name: actor.name.as_ref().map(|n| n.name.clone()),
        globals: Vec::new(),
        funcs: Vec::new(),
        body: Vec::new(),
        body_locals: Vec::new(),
        methods: Vec::new(),
        preupgrade: None,
        postupgrade: None,
    };
    let mut func_count = 0u32;
    for (field, info) in actor.fields.iter().zip(&checked.fields) {
        let target = match (&field.dec, &info.kind) {
            (
                Dec::Value(v),
                FieldKind::Value {
                    mutable,
                    stable,
                    ty,
                },
            ) => {
                let ty = lowerer.ty(ty, v.span);
                let id = GlobalId(u32::try_from(out.globals.len()).unwrap_or(u32::MAX));
                out.globals.push(ir::Global {
                    name: v.name.name.clone(),
                    ty,
                    stability: if *stable {
                        ir::Stability::Stable
                    } else {
                        ir::Stability::Flexible
                    },
                    mutable: *mutable,
                });
                Target::Global(id)
            }
            (Dec::Func(_), FieldKind::Func { .. }) => {
                func_count += 1;
                Target::Func(FuncId(func_count - 1))
            }
            _ => Target::Nothing,
        };
        lowerer.targets.push(target);
    }
    lowerer.func_base = func_count;
    for (index, (field, info)) in actor.fields.iter().zip(&checked.fields).enumerate() {
        let (Dec::Func(func), FieldKind::Func { public, system, ty }) = (&field.dec, &info.kind)
        else {
            continue;
        };
        let Target::Func(id) = lowerer.targets[index] else {
            continue;
        };
        let name = info.name.clone().unwrap_or_default();
        let result = match &*ty.result {
            Type::Async(inner) => (**inner).clone(),
            other => other.clone(),
        };
        let mut frame = Frame::default();
        let mut params = Vec::new();
        for (param, t) in func.params.iter().zip(&ty.params) {
            let t = lowerer.ty(t, func.params_span);
            params.push(t.clone());
            frame.fresh(param.bind, t);
        }
        let result_ty = lowerer.ty(&result, func.span);
        let context = lowerer.message_context(&mut frame, func);
        let body = lowerer.expr(&mut frame, &func.body);
        let body = lowerer.with_context(context, body);
        out.funcs.push(ir::Func {
            name: name.clone(),
            closure: false,
            param_count: u32::try_from(params.len()).unwrap_or(u32::MAX),
            locals: frame.locals,
            result: result_ty.clone(),
            body,
        });
        if *public {
            let results = match (&*ty.result, &result_ty) {
                (Type::Async(_), Ty::Tuple(items)) => items.clone(),
                (Type::Async(_), single) => vec![single.clone()],
                _ => {
                    lowerer
                        .errors
                        .push(diag::unsupported(func.span, "a one-way method"));
                    Vec::new()
                }
            };
            let kind = if ty.sort == FuncSort::Query {
                ir::MethodKind::Query
            } else {
                ir::MethodKind::Update
            };
            out.methods.push(ir::Method {
                name,
                kind,
                func: id,
                params,
                results,
            });
        } else if *system {
            match name.as_str() {
                "preupgrade" => out.preupgrade = Some(id),
                "postupgrade" => out.postupgrade = Some(id),
                _ => lowerer
                    .errors
                    .push(diag::unsupported(func.span, "this system function")),
            }
        } else if field.visibility == Visibility::Public {
            lowerer
                .errors
                .push(diag::unsupported(func.span, "this public declaration"));
        }
    }
    let mut frame = Frame::default();
    for (index, field) in actor.fields.iter().enumerate() {
        match (&field.dec, lowerer.targets[index]) {
            (Dec::Value(v), Target::Global(id)) => {
                let init = lowerer.expr(&mut frame, &v.init);
                out.body.push(ir::Stmt::InitGlobal(id, init));
            }
            (Dec::Expr(e), _) => {
                let e = lowerer.expr(&mut frame, e);
                out.body.push(ir::Stmt::Expr(e));
            }
            _ => {}
        }
    }
    out.body_locals = frame.locals;
    out.funcs.append(&mut lowerer.lifted);
    out.locations = std::mem::take(&mut lowerer.locations);
    out.types = std::mem::take(&mut lowerer.types);
    if lowerer.errors.is_empty() {
        Ok(out)
    } else {
        Err(lowerer.errors)
    }
}

impl Lowerer<'_> {
    /// The IR type of a checker type; anything else is reported (once per place) as
    /// unsupported.
    fn ty(&mut self, ty: &Type, span: Span) -> Ty {
        match self.ir_ty(ty) {
            Some(t) => t,
            None => {
                self.errors
                    .push(diag::unsupported(span, &format!("type {ty}")));
                Ty::unit()
            }
        }
    }

    pub(super) fn expr_ty(&mut self, e: &Expr) -> Ty {
        let ty = self.checked.type_of(e.id);
        self.ty(&ty, e.span)
    }

    fn unsupported(&mut self, e: &Expr, what: &str) -> ir::Expr {
        self.errors.push(diag::unsupported(e.span, what));
        unit()
    }

    fn expr(&mut self, frame: &mut Frame, e: &Expr) -> ir::Expr {
        let ty = self.expr_ty(e);
        let kind = match &e.kind {
            ExprKind::Num(value, _) => match (&ty, value.to_biguint()) {
                (Ty::Nat, Some(n)) => ir::ExprKind::Nat(n),
                (Ty::Int, _) => ir::ExprKind::Int(value.clone()),
                (Ty::Fixed(fixed), _) => match data::fixed_bits(value, *fixed) {
                    Some(bits) => ir::ExprKind::Fixed(*fixed, bits),
                    None => return self.unsupported(e, "this out-of-range literal"),
                },
                (Ty::Float, _) => {
                    ir::ExprKind::Float(value.to_string().parse::<f64>().unwrap_or(f64::NAN))
                }
                _ => return self.unsupported(e, "this literal"),
            },
            ExprKind::Text(t) if ty == Ty::Blob => ir::ExprKind::Blob(t.as_bytes().to_vec()),
            ExprKind::Text(t) => ir::ExprKind::Text(t.clone()),
            ExprKind::Bytes(b) => ir::ExprKind::Blob(b.clone()),
            ExprKind::Bool(b) => ir::ExprKind::Bool(*b),
            ExprKind::Null => ir::ExprKind::Null,
            ExprKind::Var(_) if self.checked.prim_uses.contains(&e.id) => {
                return self.unsupported(e, "the primitive module as a value");
            }
            ExprKind::Var(_) => match self.checked.resolution.get(&e.id) {
                Some(Res::Local(bind)) if frame.pending.contains(bind) => {
                    return self.unsupported(
                        e,
                        "a use of a local function before its declaration has run",
                    );
                }
                Some(Res::Local(bind)) => match self.read_bind(frame, *bind) {
                    Some(value) => return ir::Expr { ty, ..value },
                    None => return self.unsupported(e, "this reference"),
                },
                _ => match self.place(frame, e) {
                    Some(Place::Global(id)) => ir::ExprKind::Global(id),
                    Some(Place::Local(id)) => ir::ExprKind::Local(id),
                    None => return self.unsupported(e, "a function used as a value"),
                },
            },
            ExprKind::Tuple(items) => {
                ir::ExprKind::Tuple(items.iter().map(|i| self.expr(frame, i)).collect())
            }
            ExprKind::Proj(inner, index) => {
                ir::ExprKind::Project(Box::new(self.expr(frame, inner)), *index)
            }
            ExprKind::Unary(UnOp::Neg, inner) => {
                let operand = self.expr(frame, inner);
                match operand.ty.clone() {
                    Ty::Fixed(fixed) => {
                        // `-MIN` traps: the trap names this expression.
                        let kind =
                            ir::ExprKind::FixedUnary(ir::FixedUnOp::Neg, fixed, Box::new(operand));
                        return self.located(e, ir::Expr { kind, ty });
                    }
                    Ty::Float => ir::ExprKind::FloatNeg(Box::new(operand)),
                    _ => ir::ExprKind::Unary(ir::UnOp::IntNeg, Box::new(operand)),
                }
            }
            ExprKind::Unary(UnOp::BitNot, inner) => {
                let operand = self.expr(frame, inner);
                match operand.ty.clone() {
                    Ty::Fixed(fixed) => {
                        ir::ExprKind::FixedUnary(ir::FixedUnOp::Not, fixed, Box::new(operand))
                    }
                    _ => return self.unsupported(e, "this operator"),
                }
            }
            ExprKind::Unary(UnOp::Pos, inner) => return self.expr(frame, inner),
            ExprKind::Unary(UnOp::Not, inner) => {
                ir::ExprKind::Unary(ir::UnOp::BoolNot, Box::new(self.expr(frame, inner)))
            }
            ExprKind::Binary(op, a, b) => {
                let operand = self
                    .checked
                    .operand_types
                    .get(&e.id)
                    .cloned()
                    .unwrap_or(Type::Err);
                let operand_ty = self.ty(&operand, e.span);
                let Some(make) = binary_maker(*op, &operand, &operand_ty) else {
                    return self.unsupported(e, "this operator");
                };
                let binary = make(self.expr(frame, a), self.expr(frame, b));
                return self.located(e, ir::Expr { kind: binary, ty });
            }
            ExprKind::Compare(op, a, b) => ir::ExprKind::Compare(
                cmp_op(*op),
                Box::new(self.expr(frame, a)),
                Box::new(self.expr(frame, b)),
            ),
            ExprKind::And(a, b) => {
                ir::ExprKind::And(Box::new(self.expr(frame, a)), Box::new(self.expr(frame, b)))
            }
            ExprKind::Or(a, b) => {
                ir::ExprKind::Or(Box::new(self.expr(frame, a)), Box::new(self.expr(frame, b)))
            }
            ExprKind::If(c, t, f) => {
                let c = self.expr(frame, c);
                let t = self.expr(frame, t);
                let f = match f {
                    Some(f) => self.expr(frame, f),
                    None => unit(),
                };
                ir::ExprKind::If(Box::new(c), Box::new(t), Box::new(f))
            }
            ExprKind::Block(decs) => {
                if let Some(lowered) = self.and_block(frame, e, decs, &ty) {
                    return lowered;
                }
                return self.block(frame, decs, ty);
            }
            ExprKind::Assign(target, value) => {
                let value = self.expr(frame, value);
                return self.assign(frame, e, target, value);
            }
            ExprKind::OpAssign(op, target, value) => {
                let operand = self
                    .checked
                    .operand_types
                    .get(&e.id)
                    .cloned()
                    .unwrap_or(Type::Err);
                let operand_ty = self.ty(&operand, e.span);
                let Some(make) = binary_maker(*op, &operand, &operand_ty) else {
                    return self.unsupported(e, "this operator");
                };
                let target_ty = self.expr_ty(target);
                let read = self.expr(frame, target);
                let value = self.expr(frame, value);
                let combined = ir::Expr {
                    kind: make(read, value),
                    ty: target_ty,
                };
                let combined = self.located(e, combined);
                return self.assign(frame, e, target, combined);
            }
            ExprKind::Return(value) => {
                let value = match value {
                    Some(value) => self.expr(frame, value),
                    None => unit(),
                };
                ir::ExprKind::Return(Box::new(value))
            }
            ExprKind::Call(callee, _, args) => {
                if let ExprKind::Dot(module, name) = &callee.kind {
                    if self.checked.prim_uses.contains(&module.id) {
                        let mut lowered: Vec<ir::Expr> =
                            args.iter().map(|a| self.expr(frame, a)).collect();
                        let arity = match self.checked.type_of(callee.id) {
                            Type::Func(f) => f.params.len(),
                            _ => lowered.len(),
                        };
                        if arity == 1 && lowered.len() != 1 {
                            let ty = Ty::Tuple(lowered.iter().map(|a| a.ty.clone()).collect());
                            lowered = vec![ir::Expr {
                                kind: ir::ExprKind::Tuple(lowered),
                                ty,
                            }];
                        }
                        return ir::Expr {
                            kind: ir::ExprKind::Prim(name.name.clone(), lowered),
                            ty,
                        };
                    }
                }
                if let Some(call) = self.method_call(frame, e, callee, args) {
                    return call;
                }
                // A canister's own public method is called by a message to itself, which
                // the VM does not route yet; an actor declared in a script is an object, and
                // its methods are closures like any other.
                let own_method = matches!(callee.kind, ExprKind::Var(_))
                    && matches!(self.checked.resolution.get(&callee.id), Some(Res::Field(_)));
                if own_method
                    && matches!(self.checked.type_of(callee.id), Type::Func(f) if f.sort != FuncSort::Local)
                {
                    return self.unsupported(e, "calling a shared function");
                }
                let target = match self.checked.resolution.get(&callee.id) {
                    Some(Res::Field(index)) => self.targets.get(*index).copied(),
                    _ => None,
                };
                let mut lowered: Vec<ir::Expr> = args.iter().map(|a| self.expr(frame, a)).collect();
                let arity = match self.checked.type_of(callee.id) {
                    Type::Func(f) => f.params.len(),
                    _ => lowered.len(),
                };
                if arity == 1 && lowered.len() != 1 {
                    // `f((a, b))`: the components form the one tuple argument.
                    let ty = Ty::Tuple(lowered.iter().map(|a| a.ty.clone()).collect());
                    lowered = vec![ir::Expr {
                        kind: ir::ExprKind::Tuple(lowered),
                        ty,
                    }];
                }
                match target {
                    Some(Target::Func(id)) => ir::ExprKind::Call(id, lowered),
                    _ => {
                        let callee = self.expr(frame, callee);
                        ir::ExprKind::CallClosure(Box::new(callee), lowered)
                    }
                }
            }
            ExprKind::Ignore(inner) => {
                let inner = self.expr(frame, inner);
                ir::ExprKind::Block(vec![ir::Stmt::Expr(inner)], Box::new(unit()))
            }
            ExprKind::Annot(inner, _) => return self.expr(frame, inner),
            ExprKind::Func(f) => {
                let fty = self.checked.type_of(e.id);
                let value = self.func_value(frame, f, &fty, None);
                if !self.forward.is_empty() {
                    // Only a declared function's captures are patched later.
                    self.forward.clear();
                    return self.unsupported(
                        e,
                        "a function expression that uses a function declared later in its block",
                    );
                }
                return value;
            }
            ExprKind::Await(_) | ExprKind::Throw(_) | ExprKind::Try(..) => {
                return match self.error_expr(frame, e, &ty) {
                    Some(lowered) => lowered,
                    None => self.unsupported(e, "this expression"),
                };
            }
            ExprKind::Object(_, fields) => return self.object(frame, fields, ty),
            _ => {
                if let Some(lowered) = self.control_expr(frame, e, &ty) {
                    return lowered;
                }
                return self.data_expr(frame, e, ty);
            }
        };
        ir::Expr { kind, ty }
    }

    fn block(&mut self, frame: &mut Frame, decs: &[Dec], ty: Ty) -> ir::Expr {
        let mut stmts = Vec::new();
        let mut tail = unit();
        let last = decs.len().checked_sub(1);
        self.predeclare(frame, decs.iter());
        for (i, dec) in decs.iter().enumerate() {
            match dec {
                Dec::Expr(e) if Some(i) == last => tail = self.expr(frame, e),
                dec => self.dec(frame, dec, &mut stmts),
            }
        }
        ir::Expr {
            kind: ir::ExprKind::Block(stmts, Box::new(tail)),
            ty,
        }
    }

    fn assign(&mut self, frame: &mut Frame, e: &Expr, target: &Expr, value: ir::Expr) -> ir::Expr {
        if let Some(kind) = self.assign_data(frame, target, value.clone()) {
            return ir::Expr {
                kind,
                ty: Ty::unit(),
            };
        }
        if let Some(Res::Local(bind)) = self.checked.resolution.get(&target.id) {
            return match self.assign_bind(frame, *bind, value) {
                Some(assigned) => assigned,
                None => self.unsupported(e, "this assignment"),
            };
        }
        let kind = match self.place(frame, target) {
            Some(Place::Global(id)) => ir::ExprKind::AssignGlobal(id, Box::new(value)),
            Some(Place::Local(id)) => ir::ExprKind::AssignLocal(id, Box::new(value)),
            None => return self.unsupported(e, "this assignment"),
        };
        ir::Expr {
            kind,
            ty: Ty::unit(),
        }
    }

    fn place(&mut self, frame: &Frame, var: &Expr) -> Option<Place> {
        match self.checked.resolution.get(&var.id)? {
            Res::Field(index) => match self.targets.get(*index)? {
                Target::Global(id) => Some(Place::Global(*id)),
                _ => None,
            },
            Res::Local(bind) => frame.map.get(bind).copied().map(Place::Local),
        }
    }
}

enum Place {
    Global(GlobalId),
    Local(LocalId),
}

fn unit() -> ir::Expr {
    ir::Expr {
        kind: ir::ExprKind::Tuple(Vec::new()),
        ty: Ty::unit(),
    }
}

fn bin_op(op: BinOp, operand: &Type) -> Option<ir::BinOp> {
    use ir::BinOp as I;
    Some(match (op, operand) {
        (BinOp::Concat, Type::Text) => I::TextConcat,
        (BinOp::Add, Type::Nat) => I::NatAdd,
        (BinOp::Sub, Type::Nat) => I::NatSub,
        (BinOp::Mul, Type::Nat) => I::NatMul,
        (BinOp::Div, Type::Nat) => I::NatDiv,
        (BinOp::Rem, Type::Nat) => I::NatRem,
        (BinOp::Pow, Type::Nat) => I::NatPow,
        (BinOp::Add, Type::Int) => I::IntAdd,
        (BinOp::Sub, Type::Int) => I::IntSub,
        (BinOp::Mul, Type::Int) => I::IntMul,
        (BinOp::Div, Type::Int) => I::IntDiv,
        (BinOp::Rem, Type::Int) => I::IntRem,
        (BinOp::Pow, Type::Int) => I::IntPow,
        _ => return None,
    })
}

type BinaryMaker = Box<dyn FnOnce(ir::Expr, ir::Expr) -> ir::ExprKind>;

/// How a binary operator at an operand type is built: arbitrary-precision and text operators,
/// fixed-width operators (wrapping and bitwise included) and float operators.
fn binary_maker(op: BinOp, operand: &Type, operand_ty: &Ty) -> Option<BinaryMaker> {
    if let Some(bin) = bin_op(op, operand) {
        return Some(Box::new(move |a, b| {
            ir::ExprKind::Binary(bin, Box::new(a), Box::new(b))
        }));
    }
    use ir::FixedOp as F;
    match operand_ty {
        Ty::Fixed(fixed) => {
            let fixed = *fixed;
            let fop = match op {
                BinOp::Add => F::Add,
                BinOp::Sub => F::Sub,
                BinOp::Mul => F::Mul,
                BinOp::Div => F::Div,
                BinOp::Rem => F::Rem,
                BinOp::Pow => F::Pow,
                BinOp::WrapAdd => F::WrapAdd,
                BinOp::WrapSub => F::WrapSub,
                BinOp::WrapMul => F::WrapMul,
                BinOp::WrapPow => F::WrapPow,
                BinOp::BitAnd => F::And,
                BinOp::BitOr => F::Or,
                BinOp::BitXor => F::Xor,
                BinOp::Shl => F::Shl,
                BinOp::Shr => F::Shr,
                BinOp::Rotl => F::Rotl,
                BinOp::Rotr => F::Rotr,
                BinOp::Concat => return None,
            };
            Some(Box::new(move |a, b| {
                ir::ExprKind::FixedBinary(fop, fixed, Box::new(a), Box::new(b))
            }))
        }
        Ty::Float => {
            let fop = match op {
                BinOp::Add => ir::FloatOp::Add,
                BinOp::Sub => ir::FloatOp::Sub,
                BinOp::Mul => ir::FloatOp::Mul,
                BinOp::Div => ir::FloatOp::Div,
                BinOp::Rem => ir::FloatOp::Rem,
                BinOp::Pow => ir::FloatOp::Pow,
                _ => return None,
            };
            Some(Box::new(move |a, b| {
                ir::ExprKind::FloatBinary(fop, Box::new(a), Box::new(b))
            }))
        }
        _ => None,
    }
}

fn cmp_op(op: ast::CmpOp) -> ir::CmpOp {
    match op {
        ast::CmpOp::Eq => ir::CmpOp::Eq,
        ast::CmpOp::Ne => ir::CmpOp::Ne,
        ast::CmpOp::Lt => ir::CmpOp::Lt,
        ast::CmpOp::Le => ir::CmpOp::Le,
        ast::CmpOp::Gt => ir::CmpOp::Gt,
        ast::CmpOp::Ge => ir::CmpOp::Ge,
    }
}
