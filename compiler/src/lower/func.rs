//! Functions as values: lambda lifting of local functions, function expressions, classes and
//! objects, and the variables they capture.
//!
//! Every function that is not an actor field becomes an `ir::Func` with `closure: true`,
//! created by `ExprKind::Closure` over the values it captures. Captures are found lazily:
//! while a closure's body is lowered, a name bound outside it is given the next `Captured`
//! index, and the enclosing frame supplies the value when the closure is created (capturing
//! it in turn if needed). A `var` that some closure captures (the checker lists them) lives in
//! a `Ref` cell from its declaration on, so that every closure and the declaring code share
//! it. A function's own name inside its body is the closure itself (`locals[0]`). Objects are
//! records of their public fields; their methods are closures over the private state.
//!
//! Functions of one block, object or script may use each other in any order (mutual recursion,
//! `put` calling a later `replace`): every function and class of the block gets its local
//! before the block runs and is *pending* until its declaration runs. A closure created while
//! a function it captures is pending holds a placeholder (a function that traps) in that
//! capture, and the capture is overwritten with the real closure right after the pending
//! function's declaration. Only closures held by a declared function can be patched, so a
//! function expression or a direct call that uses a later function is reported unsupported.

use super::{unit, Frame, Lowerer};
use crate::diag;
use crate::ir::{self, FuncId, Ty};
use crate::syntax::ast::{self, BindId, Dec, Expr, FuncDec, Visibility};
use crate::typeck::types::Type;

/// A capture of a pending function by a closure that already exists: `closure`'s capture
/// `index` must become `bind`'s closure once its declaration has run.
pub(super) struct Patch {
    closure: ir::LocalId,
    index: u32,
    bind: BindId,
}

pub(super) fn node(kind: ir::ExprKind, ty: Ty) -> ir::Expr {
    ir::Expr { kind, ty }
}

impl Lowerer<'_> {
    /// The IR type of the slot that holds a binder: a `Ref` for a captured `var`.
    pub(super) fn slot_ty(&mut self, bind: BindId) -> Ty {
        let ty = match self.checked.bind_types.get(&bind) {
            Some(t) => {
                let t = t.clone();
                self.ty(&t, diag::Span::default())
            }
            None => Ty::unit(),
        };
        if self.checked.captured.contains(&bind) {
            Ty::Ref(Box::new(ty))
        } else {
            ty
        }
    }

    /// The slot of a binder as seen from `frame`: a local, the closure itself, or a captured
    /// value (recorded as a capture of `frame`).
    pub(super) fn slot(&mut self, frame: &mut Frame, bind: BindId) -> Option<ir::Expr> {
        if frame.pending.contains(&bind) {
            // Its declaration has not run: the local holds nothing yet.
            return None;
        }
        if let Some(id) = frame.map.get(&bind) {
            let ty = frame
                .locals
                .get(id.0 as usize)
                .cloned()
                .unwrap_or(Ty::unit());
            return Some(node(ir::ExprKind::Local(*id), ty));
        }
        if frame.self_bind == Some(bind) {
            return Some(node(ir::ExprKind::Local(ir::LocalId(0)), Ty::Func));
        }
        if !frame.closure {
            return None;
        }
        let ty = self.slot_ty(bind);
        let index = match frame.captures.iter().position(|b| *b == bind) {
            Some(i) => i,
            None => {
                frame.captures.push(bind);
                frame.captures.len() - 1
            }
        };
        Some(node(
            ir::ExprKind::Captured(u32::try_from(index).unwrap_or(u32::MAX)),
            ty,
        ))
    }

    /// The value of a binder (through its cell for a captured `var`).
    pub(super) fn read_bind(&mut self, frame: &mut Frame, bind: BindId) -> Option<ir::Expr> {
        let slot = self.slot(frame, bind)?;
        Some(match slot.ty.clone() {
            Ty::Ref(inner) if self.checked.captured.contains(&bind) => {
                node(ir::ExprKind::Deref(Box::new(slot)), *inner)
            }
            _ => slot,
        })
    }

    /// `x := value` for a local binder.
    pub(super) fn assign_bind(
        &mut self,
        frame: &mut Frame,
        bind: BindId,
        value: ir::Expr,
    ) -> Option<ir::Expr> {
        let slot = self.slot(frame, bind)?;
        let kind = match (&slot.kind, self.checked.captured.contains(&bind)) {
            (_, true) => ir::ExprKind::AssignRef(Box::new(slot), Box::new(value)),
            (ir::ExprKind::Local(id), false) => ir::ExprKind::AssignLocal(*id, Box::new(value)),
            _ => return None,
        };
        Some(node(kind, Ty::unit()))
    }

    /// Binds a `let`/`var` in `frame`: the statement that initialises it.
    pub(super) fn declare_value(
        &mut self,
        frame: &mut Frame,
        bind: BindId,
        init: ir::Expr,
    ) -> ir::Stmt {
        let ty = self.slot_ty(bind);
        let id = frame.fresh(bind, ty.clone());
        if let Ty::Ref(_) = ty {
            if self.checked.captured.contains(&bind) {
                return ir::Stmt::Let(id, node(ir::ExprKind::NewRef(Box::new(init)), ty));
            }
        }
        ir::Stmt::Let(id, init)
    }

    /// A closure of a function with these parameter binders and this type, whose body
    /// `body` lowers; `self_bind` names the function inside itself.
    pub(super) fn closure(
        &mut self,
        frame: &mut Frame,
        name: &str,
        params: &[ast::Param],
        ty: &Type,
        self_bind: Option<BindId>,
        span: diag::Span,
        body: &dyn Fn(&mut Lowerer<'_>, &mut Frame) -> ir::Expr,
    ) -> ir::Expr {
        let (param_tys, result) = match self.checked.cons.expand(ty) {
            Type::Func(f) => (f.params.clone(), (*f.result).clone()),
            _ => (Vec::new(), Type::unit()),
        };
        let result = match result {
            Type::Async(inner) => *inner,
            other => other,
        };
        let mut inner = Frame {
            closure: true,
            self_bind,
            ..Frame::default()
        };
        inner.temp(Ty::Func);
        // `func (k, v) = k` where one tuple is expected (`A -> B` at `A = (K, V)`): the
        // closure takes the tuple and its components name the parameters.
        let spread = match param_tys.as_slice() {
            [single] if params.len() > 1 => match self.checked.cons.expand(single) {
                Type::Tuple(items) if items.len() == params.len() => Some(items),
                _ => None,
            },
            _ => None,
        };
        let mut unpack = Vec::new();
        if let Some(items) = &spread {
            let tuple_ty = self.ty(&param_tys[0], span);
            let tuple = inner.temp(tuple_ty.clone());
            for (i, (param, t)) in params.iter().zip(items).enumerate() {
                let t = self.ty(t, span);
                let local = inner.fresh(param.bind, t.clone());
                let read = node(ir::ExprKind::Local(tuple), tuple_ty.clone());
                let index = u32::try_from(i).unwrap_or(u32::MAX);
                unpack.push(ir::Stmt::Let(
                    local,
                    node(ir::ExprKind::Project(Box::new(read), index), t),
                ));
            }
        } else {
            for (param, t) in params.iter().zip(&param_tys) {
                let t = self.ty(t, span);
                inner.fresh(param.bind, t);
            }
        }
        let param_count = if spread.is_some() { 1 } else { params.len() };
        let result_ty = self.ty(&result, span);
        let id = FuncId(self.func_base + u32::try_from(self.lifted.len()).unwrap_or(u32::MAX));
        self.lifted.push(ir::Func {
            name: name.to_string(),
            closure: true,
            param_count: 0,
            locals: Vec::new(),
            result: result_ty.clone(),
            body: unit(),
        });
        let mut lowered = body(self, &mut inner);
        if !unpack.is_empty() {
            let ty = lowered.ty.clone();
            lowered = node(ir::ExprKind::Block(unpack, Box::new(lowered)), ty);
        }
        let index = (id.0 - self.func_base) as usize;
        if let Some(slot) = self.lifted.get_mut(index) {
            slot.param_count = u32::try_from(param_count + 1).unwrap_or(u32::MAX);
            slot.locals = std::mem::take(&mut inner.locals);
            slot.body = lowered;
        }
        let mut captures = Vec::new();
        for (index, bind) in inner.captures.iter().enumerate() {
            if frame.pending.contains(bind) {
                let index = u32::try_from(index).unwrap_or(u32::MAX);
                self.forward.push((index, *bind));
                captures.push(self.unready_closure(*bind));
                continue;
            }
            match self.slot(frame, *bind) {
                Some(value) => captures.push(value),
                None => {
                    self.errors.push(diag::unsupported(
                        span,
                        "a function that uses a later declaration of its block",
                    ));
                    captures.push(unit());
                }
            }
        }
        node(ir::ExprKind::Closure { func: id, captures }, Ty::Func)
    }

    /// A function expression or a local function declaration as a closure value.
    pub(super) fn func_value(
        &mut self,
        frame: &mut Frame,
        f: &FuncDec,
        ty: &Type,
        self_bind: Option<BindId>,
    ) -> ir::Expr {
        let name = f.name.as_ref().map_or("anon", |n| n.name.as_str());
        let body: &Expr = &f.body;
        self.closure(
            frame,
            name,
            &f.params,
            ty,
            self_bind,
            f.span,
            &|lowerer, inner| {
                let context = lowerer.message_context(inner, f);
                let body = lowerer.expr(inner, body);
                lowerer.with_context(context, body)
            },
        )
    }

    /// The statements of one declaration of a block, object or script.
    pub(super) fn dec(&mut self, frame: &mut Frame, dec: &Dec, stmts: &mut Vec<ir::Stmt>) {
        match dec {
            Dec::Expr(e) => {
                let e = self.expr(frame, e);
                stmts.push(ir::Stmt::Expr(e));
            }
            Dec::Value(v) => {
                let init = self.expr(frame, &v.init);
                let stmt = self.declare_value(frame, v.bind, init);
                stmts.push(stmt);
            }
            Dec::Func(f) => {
                let ty = self.checked.bind_types.get(&f.bind).cloned();
                let ty = ty.unwrap_or(Type::Err);
                let id = frame.fresh(f.bind, Ty::Func);
                let value = self.func_value(frame, f, &ty, Some(f.bind));
                self.declare_function(frame, f.bind, id, value, stmts);
            }
            Dec::LetPat(l) => {
                let init = self.expr(frame, &l.init);
                let pat = self.pat(frame, &l.pat, &init.ty);
                stmts.push(ir::Stmt::LetPat(pat, init));
            }
            Dec::Class(c) => {
                let ty = self.checked.bind_types.get(&c.bind).cloned();
                let ty = ty.unwrap_or(Type::Err);
                let result = match self.checked.cons.expand(&ty) {
                    Type::Func(f) => (*f.result).clone(),
                    _ => Type::Err,
                };
                let id = frame.fresh(c.bind, Ty::Func);
                let fields = &c.fields;
                let value = self.closure(
                    frame,
                    &c.name.name,
                    &c.params,
                    &ty,
                    Some(c.bind),
                    c.span,
                    &|lowerer, inner| {
                        let record_ty = lowerer.ty(&result, c.span);
                        lowerer.object(inner, fields, record_ty)
                    },
                );
                self.declare_function(frame, c.bind, id, value, stmts);
            }
            Dec::Object(o) => {
                let ty = self.checked.bind_types.get(&o.bind).cloned();
                let ty = ty.unwrap_or(Type::Err);
                let record_ty = self.ty(&ty, o.span);
                let value = self.object(frame, &o.fields, record_ty);
                let stmt = self.declare_value(frame, o.bind, value);
                stmts.push(stmt);
            }
            Dec::Type(_) | Dec::Field(..) | Dec::Error(_) => {}
        }
    }

    /// An object: its declarations in order, then the record of its public fields.
    pub(super) fn object(&mut self, frame: &mut Frame, fields: &[ast::Field], ty: Ty) -> ir::Expr {
        let mut stmts = Vec::new();
        let mut public = Vec::new();
        self.predeclare(frame, fields.iter().map(|f| &f.dec));
        for field in fields {
            self.dec(frame, &field.dec, &mut stmts);
            self.publish(frame, field, &mut public);
        }
        node(
            ir::ExprKind::Block(
                stmts,
                Box::new(node(ir::ExprKind::Record(public), ty.clone())),
            ),
            ty,
        )
    }

    /// Gives every function and class of a block its local ahead of time and marks it pending,
    /// so that functions declared earlier can capture it.
    pub(super) fn predeclare<'d>(
        &mut self,
        frame: &mut Frame,
        decs: impl Iterator<Item = &'d Dec>,
    ) {
        for dec in decs {
            let bind = match dec {
                Dec::Func(f) if f.name.is_some() => f.bind,
                Dec::Class(c) => c.bind,
                _ => continue,
            };
            frame.fresh(bind, Ty::Func);
            frame.pending.insert(bind);
        }
    }

    /// The statement that creates a declared function or class, then the patches of earlier
    /// closures that captured it while it was pending; records the captures of pending
    /// functions that the new closure holds.
    fn declare_function(
        &mut self,
        frame: &mut Frame,
        bind: BindId,
        id: ir::LocalId,
        value: ir::Expr,
        stmts: &mut Vec<ir::Stmt>,
    ) {
        stmts.push(ir::Stmt::Let(id, value));
        for (index, waited) in std::mem::take(&mut self.forward) {
            frame.patches.push(Patch {
                closure: id,
                index,
                bind: waited,
            });
        }
        frame.pending.remove(&bind);
        let (ready, waiting): (Vec<Patch>, Vec<Patch>) = std::mem::take(&mut frame.patches)
            .into_iter()
            .partition(|p| p.bind == bind);
        frame.patches = waiting;
        for patch in ready {
            let closure = node(ir::ExprKind::Local(patch.closure), Ty::Func);
            let value = node(ir::ExprKind::Local(id), Ty::Func);
            let set = ir::ExprKind::SetCapture {
                closure: Box::new(closure),
                index: patch.index,
                value: Box::new(value),
            };
            stmts.push(ir::Stmt::Expr(node(set, Ty::unit())));
        }
    }

    /// A closure standing for a pending function until its declaration runs: calling it traps
    /// (it can only be called through a closure invoked too early, which moc would reject).
    fn unready_closure(&mut self, bind: BindId) -> ir::Expr {
        let arity = match self
            .checked
            .bind_types
            .get(&bind)
            .map(|t| self.checked.cons.expand(t))
        {
            Some(Type::Func(f)) => f.params.len(),
            _ => 0,
        };
        let func = match self.unready.get(&arity) {
            Some(id) => *id,
            None => {
                let id =
                    FuncId(self.func_base + u32::try_from(self.lifted.len()).unwrap_or(u32::MAX));
                let message = "a function was called before its declaration was evaluated";
                let trap = ir::ExprKind::Trap(Box::new(node(
                    ir::ExprKind::Text(message.to_string()),
                    Ty::Text,
                )));
                self.lifted.push(ir::Func {
                    name: "unready".to_string(),
                    closure: true,
                    param_count: u32::try_from(arity + 1).unwrap_or(u32::MAX),
                    locals: vec![Ty::Func; arity + 1],
                    result: Ty::unit(),
                    body: node(trap, Ty::unit()),
                });
                self.unready.insert(arity, id);
                id
            }
        };
        node(
            ir::ExprKind::Closure {
                func,
                captures: Vec::new(),
            },
            Ty::Func,
        )
    }

    /// Adds a public field's value to the object's record.
    fn publish(
        &mut self,
        frame: &mut Frame,
        field: &ast::Field,
        public: &mut Vec<(String, ir::Expr)>,
    ) {
        {
            if field.visibility != Visibility::Public {
                return;
            }
            let named = match &field.dec {
                Dec::Value(v) => Some((v.name.name.clone(), v.bind)),
                Dec::Func(f) => f.name.as_ref().map(|n| (n.name.clone(), f.bind)),
                Dec::Class(c) => Some((c.name.name.clone(), c.bind)),
                Dec::Object(o) => Some((o.name.name.clone(), o.bind)),
                _ => None,
            };
            if let Some((name, bind)) = named {
                if let Some(value) = self.read_bind(frame, bind) {
                    public.push((name, value));
                }
            }
        }
    }
}
