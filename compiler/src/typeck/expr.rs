//! Checking expressions and the declarations of blocks.
//!
//! Bidirectional, as moc: `check` pushes an expected type into an expression (so that `1` is
//! an `Int` where an `Int` is wanted and `a - b` is an `Int` subtraction there), `infer`
//! computes a type bottom-up. Every expression's type is recorded. Nothing here knows about
//! actors; fields are reached through the scope.

use super::types::{FuncType, Type};
use super::{Binding, Checker, FieldKind, Res};
use crate::diag;
use crate::syntax::ast::{BinOp, CmpOp, Dec, Expr, ExprKind, FuncDec, FuncSort, ObjSort, UnOp};

impl Checker {
    /// Checks `e` against `expected`, reporting a mismatch.
    pub(super) fn check(&mut self, e: &Expr, expected: &Type) {
        if self.check_data(e, expected) || self.check_combine(e, expected) {
            return;
        }
        let expanded = self.expand(expected);
        match &e.kind {
            ExprKind::Num(value, signed) => {
                let actual = if *signed || value.sign() == num_bigint::Sign::Minus {
                    Type::Int
                } else {
                    Type::Nat
                };
                let fits = self.sub(&actual, expected)
                    || matches!(&expanded, Type::OtherPrim(p) if p.starts_with("Nat") && actual == Type::Nat)
                    || matches!(&expanded, Type::OtherPrim(p) if p.starts_with("Int") || *p == "Float");
                if !fits {
                    self.diags.push(diag::literal_mismatch(
                        e.span,
                        &actual.to_string(),
                        &expected.to_string(),
                    ));
                }
                let recorded = if fits && !matches!(expanded, Type::Any | Type::Err) {
                    expanded.clone()
                } else {
                    actual
                };
                self.record(e.id, &recorded);
            }
            ExprKind::Text(_) | ExprKind::Bytes(_) if expanded == Type::OtherPrim("Blob") => {
                self.record(e.id, &expanded);
            }
            ExprKind::Text(_) | ExprKind::Bytes(_) | ExprKind::Bool(_) | ExprKind::Null => {
                let actual = self.infer(e);
                if !self.sub(&actual, expected) {
                    self.diags.push(diag::literal_mismatch(
                        e.span,
                        &actual.to_string(),
                        &expected.to_string(),
                    ));
                }
            }
            ExprKind::Tuple(items) if matches!(&expanded, Type::Tuple(ts) if ts.len() == items.len()) =>
            {
                if let Type::Tuple(ts) = &expanded {
                    for (item, t) in items.iter().zip(ts) {
                        self.check(item, t);
                    }
                }
                self.record(e.id, expected);
            }
            ExprKind::Binary(op, a, b) if is_number(&expanded) && *op != BinOp::Concat => {
                self.check(a, &expanded);
                self.check(b, &expanded);
                self.out.operand_types.insert(e.id, expanded.clone());
                self.record(e.id, &expanded);
            }
            ExprKind::If(c, t, Some(f)) => {
                self.check(c, &Type::Bool);
                self.check(t, expected);
                self.check(f, expected);
                self.record(e.id, expected);
            }
            ExprKind::Block(decs) => {
                self.block(e.span, decs, Some(expected));
                self.record(e.id, expected);
            }
            ExprKind::Func(func) => {
                let ty = self.func_expr(func, Some(&expanded));
                if !self.sub(&ty, expected) {
                    self.diags.push(diag::type_mismatch(
                        e.span,
                        &self.show(&ty),
                        &self.show(expected),
                    ));
                }
                self.record(e.id, &ty);
            }
            ExprKind::Return(_) => {
                // A `return` produces no value; recording the type its position expects lets
                // lowering give every branch of an `if` the same type.
                self.infer(e);
                self.record(e.id, expected);
            }
            _ => {
                let actual = self.infer(e);
                if !self.sub(&actual, expected) {
                    self.diags.push(diag::type_mismatch(
                        e.span,
                        &self.show(&actual),
                        &self.show(expected),
                    ));
                }
            }
        }
    }

    /// Infers and records the type of `e`, then unfolds aliases at its top.
    pub(super) fn infer_expanded(&mut self, e: &Expr) -> Type {
        let ty = self.infer(e);
        self.expand(&ty)
    }

    /// Infers and records the type of `e`.
    pub(super) fn infer(&mut self, e: &Expr) -> Type {
        let ty = self.infer_kind(e);
        self.record(e.id, &ty);
        ty
    }

    fn infer_kind(&mut self, e: &Expr) -> Type {
        if let Some(ty) = self.infer_data(e).or_else(|| self.infer_combine(e)) {
            return ty;
        }
        if let Some(ty) = self.infer_control(e) {
            return ty;
        }
        match &e.kind {
            ExprKind::Num(value, signed) => {
                if *signed || value.sign() == num_bigint::Sign::Minus {
                    Type::Int
                } else {
                    Type::Nat
                }
            }
            ExprKind::Text(_) => Type::Text,
            ExprKind::Bytes(bytes) => {
                self.diags.push(diag::invalid_utf8(e.span, bytes));
                Type::Text
            }
            ExprKind::Bool(_) => Type::Bool,
            ExprKind::Null => Type::Null,
            ExprKind::Var(x) => match self.lookup(&x.name) {
                Some(binding) => self.use_binding(e, &binding),
                None => {
                    self.diags.push(diag::unbound_variable(x.span, &x.name));
                    Type::Err
                }
            },
            ExprKind::Tuple(items) => {
                Type::Tuple(items.iter().map(|item| self.infer(item)).collect())
            }
            ExprKind::Proj(inner, index) => match self.infer_expanded(inner) {
                Type::Tuple(items) if (*index as usize) < items.len() => {
                    items[*index as usize].clone()
                }
                Type::Err => Type::Err,
                other => {
                    self.diags.push(diag::type_mismatch(
                        inner.span,
                        &self.show(&other),
                        "a tuple",
                    ));
                    Type::Err
                }
            },
            ExprKind::Unary(UnOp::Not, inner) => {
                self.check(inner, &Type::Bool);
                Type::Bool
            }
            ExprKind::Unary(op, inner) => {
                let t = self.infer_expanded(inner);
                match (op, &t) {
                    (_, Type::Err) => Type::Err,
                    (UnOp::Neg, Type::Nat | Type::Int) => {
                        self.out.operand_types.insert(e.id, Type::Int);
                        Type::Int
                    }
                    (UnOp::Neg, Type::OtherPrim(p)) if p.starts_with("Int") || *p == "Float" => {
                        self.out.operand_types.insert(e.id, t.clone());
                        t
                    }
                    (UnOp::Pos, _) if is_number(&t) => {
                        self.out.operand_types.insert(e.id, t.clone());
                        t
                    }
                    // `^x` on a fixed-width integer.
                    (UnOp::BitNot, Type::OtherPrim(p))
                        if p.starts_with("Nat") || p.starts_with("Int") =>
                    {
                        self.out.operand_types.insert(e.id, t.clone());
                        t
                    }
                    _ => {
                        let symbol = match op {
                            UnOp::Neg => "-",
                            UnOp::BitNot => "^",
                            _ => "+",
                        };
                        self.diags.push(diag::operator_mismatch(
                            e.span,
                            symbol,
                            &t.to_string(),
                            &t.to_string(),
                        ));
                        Type::Err
                    }
                }
            }
            ExprKind::Binary(BinOp::Concat, a, b) => {
                self.check(a, &Type::Text);
                self.check(b, &Type::Text);
                self.out.operand_types.insert(e.id, Type::Text);
                Type::Text
            }
            ExprKind::Binary(op, a, b) => {
                let (ta, tb) = self.infer_operands(a, b);
                let t = self.expand(&self.out.cons.lub(&ta, &tb));
                match t {
                    _ if is_number(&t) => {
                        self.out.operand_types.insert(e.id, t.clone());
                        t
                    }
                    Type::Err | Type::Non => Type::Err,
                    _ => {
                        self.diags.push(diag::operator_mismatch(
                            e.span,
                            op.symbol(),
                            &ta.to_string(),
                            &tb.to_string(),
                        ));
                        Type::Err
                    }
                }
            }
            ExprKind::Compare(op, a, b) => {
                let (ta, tb) = self.infer_operands(a, b);
                let t = self.expand(&self.out.cons.lub(&ta, &tb));
                let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
                let fine = match &t {
                    Type::Nat | Type::Int | Type::Text | Type::Err | Type::Non => true,
                    // Every other primitive is ordered, `Principal` by its bytes as in moc.
                    Type::OtherPrim(_) => true,
                    Type::Any | Type::Func(_) | Type::Async(_) | Type::Error => false,
                    Type::Obj(s, _) => !ordered && *s == crate::syntax::ast::ObjSort::Actor,
                    _ => !ordered,
                };
                if fine {
                    self.out.operand_types.insert(e.id, t);
                } else {
                    let symbol = cmp_symbol(*op);
                    self.diags.push(diag::operator_mismatch(
                        e.span,
                        symbol,
                        &ta.to_string(),
                        &tb.to_string(),
                    ));
                }
                Type::Bool
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                self.check(a, &Type::Bool);
                self.check(b, &Type::Bool);
                Type::Bool
            }
            ExprKind::If(c, t, None) => {
                self.check(c, &Type::Bool);
                self.check(t, &Type::unit());
                Type::unit()
            }
            ExprKind::If(c, t, Some(f)) => {
                self.check(c, &Type::Bool);
                let tt = self.infer(t);
                let tf = self.infer(f);
                self.out.cons.lub(&tt, &tf)
            }
            ExprKind::Block(decs) => self.block(e.span, decs, None),
            ExprKind::Assign(target, value) => {
                match self.assign_target(e, target) {
                    Some(t) => self.check(value, &t),
                    None => {
                        self.infer(value);
                    }
                }
                Type::unit()
            }
            ExprKind::OpAssign(op, target, value) => {
                if let Some(t) = self.assign_target(e, target) {
                    let t = self.expand(&t);
                    let fine = match op {
                        BinOp::Concat => matches!(t, Type::Text | Type::Err),
                        _ => is_number(&t) || t == Type::Err,
                    };
                    if fine {
                        self.check(value, &t);
                        self.out.operand_types.insert(e.id, t);
                    } else {
                        let tv = self.infer(value);
                        self.diags.push(diag::operator_mismatch(
                            e.span,
                            op.symbol(),
                            &t.to_string(),
                            &tv.to_string(),
                        ));
                    }
                } else {
                    self.infer(value);
                }
                Type::unit()
            }
            ExprKind::Return(value) => {
                match self.ret.clone() {
                    Some(ret) => match value {
                        Some(value) => self.check(value, &ret),
                        None => {
                            if !self.sub(&Type::unit(), &ret) {
                                self.diags.push(diag::type_mismatch(
                                    e.span,
                                    "()",
                                    &self.show(&ret),
                                ));
                            }
                        }
                    },
                    None => {
                        self.diags.push(diag::misplaced_return(e.span));
                        if let Some(value) = value {
                            self.infer(value);
                        }
                    }
                }
                Type::Non
            }
            ExprKind::Call(callee, inst, args) => self.call(e, callee, inst, args),
            ExprKind::Ignore(inner) => {
                self.infer(inner);
                Type::unit()
            }
            ExprKind::Annot(inner, ty) => {
                let t = self.resolve_type(ty);
                self.check(inner, &t);
                t
            }
            ExprKind::Func(func) => self.func_expr(func, None),
            // The data forms are `infer_data`'s.
            _ => Type::Err,
        }
    }

    fn use_binding(&mut self, e: &Expr, binding: &Binding) -> Type {
        match binding {
            Binding::Field(index) => {
                self.out.resolution.insert(e.id, Res::Field(*index));
                match self.out.fields.get(*index).map(|f| &f.kind) {
                    Some(FieldKind::Value { ty, .. }) => ty.clone(),
                    Some(FieldKind::Func { ty, .. }) => Type::Func(ty.clone()),
                    _ => Type::Err,
                }
            }
            Binding::Local { bind, ty, mutable } => {
                self.out.resolution.insert(e.id, Res::Local(*bind));
                let declared = self.bind_depth.get(bind).copied().unwrap_or(0);
                if *mutable && declared < self.depth {
                    self.out.captured.insert(*bind);
                }
                ty.clone()
            }
            Binding::Prim(ty) => {
                self.out.prim_uses.insert(e.id);
                ty.clone()
            }
        }
    }

    /// The type of an assignment's target, or `None` (after an error) when it is not a
    /// mutable variable.
    fn assign_target(&mut self, assignment: &Expr, target: &Expr) -> Option<Type> {
        if let Some(result) = self.assign_target_data(assignment, target) {
            return result;
        }
        let ExprKind::Var(x) = &target.kind else {
            self.infer(target);
            self.diags.push(diag::not_mutable(assignment.span));
            return None;
        };
        let Some(binding) = self.lookup(&x.name) else {
            self.diags.push(diag::unbound_variable(x.span, &x.name));
            return None;
        };
        let ty = self.use_binding(target, &binding);
        self.record(target.id, &ty);
        let mutable = match &binding {
            Binding::Field(index) => {
                matches!(
                    self.out.fields.get(*index).map(|f| &f.kind),
                    Some(FieldKind::Value { mutable: true, .. })
                )
            }
            Binding::Local { mutable, .. } => *mutable,
            Binding::Prim(_) => false,
        };
        if mutable {
            Some(ty)
        } else {
            self.diags.push(diag::not_mutable(assignment.span));
            None
        }
    }

    fn call(
        &mut self,
        e: &Expr,
        callee: &Expr,
        inst: &[crate::syntax::ast::Type],
        args: &[Expr],
    ) -> Type {
        match self.infer_expanded(callee) {
            Type::Func(func) if self.is_generic(&func) => self.generic_call(e, &func, inst, args),
            Type::Func(func) => {
                let spread = match func.params.as_slice() {
                    [single] if args.len() != 1 => match self.expand(single) {
                        Type::Tuple(items) if items.len() == args.len() => Some(items),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(items) = spread {
                    // `f((a, b))` parses as two arguments; one tuple parameter takes them.
                    for (arg, item) in args.iter().zip(&items) {
                        self.check(arg, item);
                    }
                } else if args.len() == func.params.len() {
                    for (arg, param) in args.iter().zip(&func.params) {
                        self.check(arg, param);
                    }
                } else {
                    let actual = Type::Tuple(args.iter().map(|arg| self.infer(arg)).collect());
                    let expected = Type::Tuple(func.params.clone());
                    self.diags.push(diag::type_mismatch(
                        e.span,
                        &self.show(&actual),
                        &self.show(&expected),
                    ));
                }
                (*func.result).clone()
            }
            Type::Err => {
                for arg in args {
                    self.infer(arg);
                }
                Type::Err
            }
            other => {
                self.diags
                    .push(diag::not_a_function(callee.span, &other.to_string()));
                for arg in args {
                    self.infer(arg);
                }
                Type::Err
            }
        }
    }

    /// A function expression: parameters and result come from the annotations, or from the
    /// expected function type where they are omitted.
    fn func_expr(&mut self, func: &FuncDec, expected: Option<&Type>) -> Type {
        // `func (k, v) = k` where one tuple parameter is expected: the components type the
        // parameters, and the function keeps the expected shape (lowering unpacks the tuple).
        if let Some(Type::Func(f)) = expected.map(|t| self.expand(t)) {
            if let [single] = f.params.as_slice() {
                if let Type::Tuple(items) = self.expand(single) {
                    if func.params.len() > 1 && items.len() == func.params.len() {
                        let mut ty = self.func_type(func, FuncSort::Local);
                        for (i, param) in func.params.iter().enumerate() {
                            if param.annot.is_none() {
                                ty.params[i] = items[i].clone();
                            }
                        }
                        if func.result.is_none() {
                            ty.result = f.result.clone();
                        }
                        self.func_body(func, &ty);
                        ty.params = vec![single.clone()];
                        return Type::Func(ty);
                    }
                }
            }
        }
        let expected = match expected.map(|t| self.expand(t)) {
            Some(Type::Func(f)) if f.params.len() == func.params.len() => Some(f),
            _ => None,
        };
        let mut ty = self.func_type(func, FuncSort::Local);
        if let Some(expected) = &expected {
            for (i, param) in func.params.iter().enumerate() {
                if param.annot.is_none() {
                    ty.params[i] = expected.params[i].clone();
                }
            }
            if func.result.is_none() {
                ty.result = expected.result.clone();
            }
        }
        self.func_body(func, &ty);
        Type::Func(ty)
    }

    /// Checks a function's body against its type, with the parameters in scope.
    pub(super) fn func_body(&mut self, func: &FuncDec, ty: &FuncType) {
        self.push_scope();
        self.bind_tparams(&func.tparams);
        self.depth += 1;
        for (param, t) in func.params.iter().zip(&ty.params) {
            self.bind_local(&param.name.name, param.bind, false, t.clone());
        }
        self.bind_message_context(func);
        let ret = match &*ty.result {
            Type::Async(inner) => (**inner).clone(),
            other => other.clone(),
        };
        let saved = self.ret.replace(ret.clone());
        let labels = std::mem::take(&mut self.labels);
        let is_async = matches!(&*ty.result, Type::Async(_));
        self.with_error_cap(is_async, |c| c.check(&func.body, &ret));
        self.labels = labels;
        self.ret = saved;
        self.depth -= 1;
        self.pop_scope();
    }

    /// The types of a binary operator's operands. A numeric literal takes the other
    /// operand's number type (`x != 0` with `x : Nat32` compares at `Nat32`), as in moc.
    fn infer_operands(&mut self, a: &Expr, b: &Expr) -> (Type, Type) {
        match (is_num_literal(a), is_num_literal(b)) {
            (false, true) => {
                let ta = self.infer(a);
                if is_number(&self.expand(&ta)) {
                    self.check(b, &ta);
                    (ta.clone(), ta)
                } else {
                    let tb = self.infer(b);
                    (ta, tb)
                }
            }
            (true, false) => {
                let tb = self.infer(b);
                if is_number(&self.expand(&tb)) {
                    self.check(a, &tb);
                    (tb.clone(), tb)
                } else {
                    let ta = self.infer(a);
                    (ta, tb)
                }
            }
            _ => (self.infer(a), self.infer(b)),
        }
    }

    /// [`Checker::func_body`] for a function whose result type is not known yet: the body's
    /// type is inferred and returned.
    pub(super) fn func_body_infer(&mut self, func: &FuncDec, ty: &FuncType) -> Type {
        self.push_scope();
        self.bind_tparams(&func.tparams);
        self.depth += 1;
        for (param, t) in func.params.iter().zip(&ty.params) {
            self.bind_local(&param.name.name, param.bind, false, t.clone());
        }
        self.bind_message_context(func);
        let saved = self.ret.replace(Type::Any);
        let labels = std::mem::take(&mut self.labels);
        let is_async = matches!(&*ty.result, Type::Async(_));
        let result = self.with_error_cap(is_async, |c| c.infer(&func.body));
        self.labels = labels;
        self.ret = saved;
        self.depth -= 1;
        self.pop_scope();
        result
    }

    /// A block: its declarations in a scope of their own; its type is the last expression's
    /// (unit when it ends in a declaration).
    pub(super) fn block(
        &mut self,
        span: crate::diag::Span,
        decs: &[Dec],
        expected: Option<&Type>,
    ) -> Type {
        let result = self.block_in_scope(span, decs, expected);
        self.pop_scope();
        result
    }

    /// A block whose scope is left open, for a caller that needs the block's names afterwards
    /// (a script's result is printed in the scope of its last line).
    pub(super) fn block_in_scope(
        &mut self,
        span: crate::diag::Span,
        decs: &[Dec],
        expected: Option<&Type>,
    ) -> Type {
        let enclosing = std::mem::replace(&mut self.block_span, span);
        self.push_scope();
        // Leading module declarations (the imports) are checked first, so that the type
        // definitions and function signatures of the rest may name their types (`M.T`).
        let modules = super::obj::leading_modules(decs.iter());
        let mut result = Type::unit();
        let last_expr = decs.iter().rposition(|d| !matches!(d, Dec::Error(_)));
        for (i, dec) in decs.iter().enumerate() {
            if i == 0 || i == modules {
                let part = if i == modules {
                    &decs[modules..]
                } else {
                    &decs[..modules]
                };
                self.type_decs(part.iter());
                self.declare_local_funcs(part);
            }
            match dec {
                Dec::Expr(e) if Some(i) == last_expr => match expected {
                    Some(t) => {
                        self.check(e, t);
                        result = t.clone();
                    }
                    None => result = self.infer(e),
                },
                Dec::Expr(e) => self.check(e, &Type::unit()),
                Dec::Value(v) => {
                    let ty = match &v.annot {
                        Some(annot) => {
                            let t = self.resolve_type(annot);
                            self.check(&v.init, &t);
                            t
                        }
                        None => {
                            let inferred = self.infer(&v.init);
                            self.inferred_binding(&v.name, inferred)
                        }
                    };
                    if let ExprKind::Var(x) = &v.init.kind {
                        if let Some(types) = self.module_types.get(&x.name).cloned() {
                            self.module_types.insert(v.name.name.clone(), types);
                        }
                    }
                    self.bind_local(&v.name.name, v.bind, v.mutable, ty);
                }
                Dec::Func(f) => self.local_func_body(f),
                Dec::LetPat(l) => {
                    let ty = self.infer(&l.init);
                    self.pat(&l.pat, &ty);
                }
                Dec::Field(_, span) => self.diags.push(diag::field_outside_record(*span)),
                Dec::Object(o) => {
                    let own = (o.sort != ObjSort::Object).then_some(o.span);
                    let ty = self.object_body(o.sort, &o.fields, own);
                    let types = std::mem::take(&mut self.last_module_types);
                    self.module_types.insert(o.name.name.clone(), types);
                    self.bind_local(&o.name.name, o.bind, false, ty);
                }
                Dec::Type(_) | Dec::Class(_) | Dec::Error(_) => {}
            }
        }
        if let (Some(t), Some(i)) = (expected, last_expr) {
            if !matches!(decs[i], Dec::Expr(_)) && !self.sub(&Type::unit(), t) {
                self.diags.push(diag::type_mismatch(
                    decl_span(&decs[i]),
                    "()",
                    &self.show(t),
                ));
            }
        }
        if let (Some(t), None) = (expected, last_expr) {
            if !self.sub(&Type::unit(), t) {
                self.diags
                    .push(diag::type_mismatch(span, "()", &self.show(t)));
            }
        }
        self.block_span = enclosing;
        result
    }
}

pub(super) fn decl_span(dec: &Dec) -> crate::diag::Span {
    match dec {
        Dec::Value(v) => v.span,
        Dec::Func(f) => f.span,
        Dec::Expr(e) => e.span,
        Dec::LetPat(l) => l.span,
        Dec::Type(t) => t.span,
        Dec::Class(c) => c.span,
        Dec::Object(o) => o.span,
        Dec::Field(_, span) | Dec::Error(span) => *span,
    }
}

/// Whether arithmetic is defined on a (structural) type.
pub(super) fn is_number(ty: &Type) -> bool {
    match ty {
        Type::Nat | Type::Int => true,
        Type::OtherPrim(p) => p.starts_with("Nat") || p.starts_with("Int") || *p == "Float",
        _ => false,
    }
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

/// A number literal, possibly negated: its type follows the other operand's.
fn is_num_literal(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Num(..) | ExprKind::Float(_) => true,
        ExprKind::Unary(UnOp::Neg, inner) => is_num_literal(inner),
        _ => false,
    }
}
