//! Checking the fields of an actor (or a module): names, field types, stability, public
//! methods and system functions.
//!
//! Three passes, so that functions may call each other in any order: declare every name and
//! every function's type, then type the value fields in order (an unannotated field takes its
//! initialiser's type), then check the function bodies. Nothing here decides how a field is
//! stored or exported.

use super::types::{FuncType, Type};
use super::{Binding, Checker, FieldInfo, FieldKind};
use crate::diag;
use crate::syntax::ast::{Actor, Dec, ExprKind, Field, FuncSort, ObjSort, Stability, Visibility};

/// System functions moc knows; minimo compiles the two upgrade hooks.
const SYSTEM_FUNCS: &[&str] = &[
    "heartbeat",
    "timer",
    "preupgrade",
    "postupgrade",
    "lowmemory",
    "inspect",
];

impl Checker {
    pub(super) fn actor(&mut self, actor: &Actor) {
        self.fields(&actor.fields, true);
    }

    /// A script: its declarations form one block, whose final expression is its result.
    pub(super) fn script(&mut self, fields: &[Field], span: crate::diag::Span) {
        let decs: Vec<Dec> = fields.iter().map(|f| f.dec.clone()).collect();
        let ty = self.block_in_scope(span, &decs, None);
        // As moc's interpreter, a script prints the value of its last declaration: an
        // expression's, the value a `let` binds, a function's; `()` after a `var`, a type
        // definition or nothing at all.
        let bound = |bind| self.out.bind_types.get(&bind).cloned();
        let last = match decs.last() {
            Some(Dec::Expr(_)) => Some(ty),
            Some(Dec::Value(v)) if !v.mutable => bound(v.bind),
            Some(Dec::LetPat(l)) => Some(self.out.type_of(l.init.id)),
            Some(Dec::Func(f)) => bound(f.bind),
            Some(Dec::Class(c)) => bound(c.bind),
            Some(Dec::Object(o)) => bound(o.bind),
            _ => None,
        };
        let last = last.unwrap_or_else(Type::unit);
        self.out.script_result = Some(self.unfold_out_of_scope(&last));
        self.pop_scope();
    }

    pub(super) fn module(&mut self, fields: &[Field]) {
        self.fields(fields, false);
    }

    fn fields(&mut self, fields: &[Field], in_actor: bool) {
        self.used = vec![false; fields.len()];
        // The leading modules (the imports) are declared and typed first, so that the type
        // definitions and signatures of the other fields may name their types (`M.T`).
        let modules = super::obj::leading_modules(fields.iter().map(|f| &f.dec));
        for (start, part) in [(0, &fields[..modules]), (modules, &fields[modules..])] {
            self.type_decs(part.iter().map(|f| &f.dec));
            for field in part {
                if let Dec::Class(c) = &field.dec {
                    self.declare_class(c);
                }
            }
            for (offset, field) in part.iter().enumerate() {
                let info = self.declare(start + offset, field, in_actor);
                self.out.fields.push(info);
            }
            for (offset, field) in part.iter().enumerate() {
                self.field_value(start + offset, field, in_actor);
            }
        }
        for (index, field) in fields.iter().enumerate() {
            if let (
                Dec::Func(func),
                Some(FieldInfo {
                    kind: FieldKind::Func { ty, .. },
                    ..
                }),
            ) = (&field.dec, self.out.fields.get(index))
            {
                let ty = ty.clone();
                self.func_body(func, &ty);
            }
        }
        // As moc, unused identifiers are only reported for programs without type errors.
        if crate::diag::has_errors(&self.diags) {
            return;
        }
        for (index, field) in fields.iter().enumerate() {
            let unused = !self.used.get(index).copied().unwrap_or(true);
            let name = match &field.dec {
                // Imported modules (declared by import resolution) are moc's imports, which
                // it does not report as unused.
                Dec::Value(v) if matches!(v.init.kind, ExprKind::Object(ObjSort::Module, _)) => {
                    None
                }
                Dec::Value(v) if self.module_types.contains_key(&v.name.name) => None,
                Dec::Value(v) => Some(&v.name),
                Dec::Func(f) if field.visibility == Visibility::Private => f.name.as_ref(),
                _ => None,
            };
            if let Some(name) = name {
                if unused && field.visibility == Visibility::Private && !name.name.starts_with('_')
                {
                    self.diags.push(diag::unused(name.span, &name.name));
                }
            }
        }
    }

    /// Pass one: the field's name in scope and, for a function, its type.
    fn declare(&mut self, index: usize, field: &Field, in_actor: bool) -> FieldInfo {
        if let Some((_, span)) = field.stability {
            if !in_actor {
                self.diags.push(diag::misplaced_stability(span));
            } else if !matches!(field.dec, Dec::Value(_)) {
                self.diags.push(diag::unsupported(
                    span,
                    "a stability modifier on a non-variable",
                ));
            }
        }
        let (name, kind) = match &field.dec {
            Dec::Value(v) => {
                let stable = in_actor && matches!(field.stability, Some((Stability::Stable, _)));
                (
                    Some(&v.name),
                    FieldKind::Value {
                        mutable: v.mutable,
                        stable,
                        ty: Type::Err,
                    },
                )
            }
            Dec::Func(f) => {
                let public = field.visibility == Visibility::Public;
                let system = field.visibility == Visibility::System;
                let sort = if public {
                    FuncSort::Shared
                } else {
                    FuncSort::Local
                };
                if f.sort.is_some() && !public {
                    self.diags
                        .push(diag::unsupported(f.span, "a non-public shared function"));
                }
                let mut ty = self.func_type(f, sort);
                if public && f.sort.is_none() {
                    ty.sort = FuncSort::Shared;
                }
                (f.name.as_ref(), FieldKind::Func { public, system, ty })
            }
            Dec::Expr(_) => (None, FieldKind::Expr),
            Dec::LetPat(l) => {
                self.diags.push(diag::unsupported(
                    l.span,
                    "a pattern declaration in an actor",
                ));
                (None, FieldKind::Skipped)
            }
            Dec::Field(_, span) => {
                self.diags.push(diag::field_outside_record(*span));
                (None, FieldKind::Skipped)
            }
            Dec::Object(o) => {
                self.diags
                    .push(diag::unsupported(o.span, "a nested actor or module"));
                (None, FieldKind::Skipped)
            }
            Dec::Type(_) | Dec::Class(_) | Dec::Error(_) => (None, FieldKind::Skipped),
        };
        let Some(name) = name else {
            return FieldInfo { name: None, kind };
        };
        let taken = self
            .scopes
            .first()
            .is_some_and(|scope| scope.contains_key(&name.name));
        if taken {
            self.diags
                .push(diag::duplicate(name.span, &name.name, "block"));
        } else if let Some(scope) = self.scopes.first_mut() {
            scope.insert(name.name.clone(), Binding::Field(index));
        }
        FieldInfo {
            name: Some(name.name.clone()),
            kind,
        }
    }

    /// Pass two: value fields get their types, expression fields are checked, and function
    /// signatures are checked against the rules for public methods and system functions.
    fn field_value(&mut self, index: usize, field: &Field, in_actor: bool) {
        match &field.dec {
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
                // An imported module (a module expression) or an alias of one: its types.
                match &v.init.kind {
                    ExprKind::Object(ObjSort::Module, _) => {
                        let types = std::mem::take(&mut self.last_module_types);
                        self.module_types.insert(v.name.name.clone(), types);
                    }
                    ExprKind::Var(x) => {
                        if let Some(types) = self.module_types.get(&x.name).cloned() {
                            self.module_types.insert(v.name.name.clone(), types);
                        }
                    }
                    _ => {}
                }
                let stable = in_actor && matches!(field.stability, Some((Stability::Stable, _)));
                if stable && !self.out.cons.is_stable(&ty) {
                    // moc shows a class's type by its fields here (aliases keep their name).
                    let shown = match &ty {
                        Type::Con(id, ..) if self.out.cons.get(*id).is_some_and(|d| d.class) => {
                            self.expand(&ty)
                        }
                        _ => ty.clone(),
                    };
                    self.diags.push(diag::not_stable(
                        v.name.span,
                        &v.name.name,
                        &shown.to_string(),
                    ));
                }
                // Actor fields keep their declared type: moc's stable signature and its
                // messages name the alias.
                let ty = if in_actor {
                    ty
                } else {
                    self.let_bound(ty, v.mutable)
                };
                if let Some(FieldInfo {
                    kind: FieldKind::Value { ty: slot, .. },
                    ..
                }) = self.out.fields.get_mut(index)
                {
                    *slot = ty;
                }
            }
            Dec::Expr(e) => {
                if in_actor {
                    self.check(e, &Type::unit());
                } else {
                    self.infer(e);
                }
            }
            Dec::Func(func) => {
                let Some(FieldInfo {
                    kind: FieldKind::Func { public, system, ty },
                    ..
                }) = self.out.fields.get(index)
                else {
                    return;
                };
                let (public, system, ty) = (*public, *system, ty.clone());
                if public {
                    self.public_method(func, &ty);
                }
                if system {
                    self.system_func(field, func, &ty);
                }
            }
            _ => {}
        }
    }

    fn public_method(&mut self, func: &crate::syntax::ast::FuncDec, ty: &FuncType) {
        let param = match ty.params.as_slice() {
            [single] => single.clone(),
            params => Type::Tuple(params.to_vec()),
        };
        if let Some(culprit) = self.out.cons.non_shared_part(&param) {
            self.diags.push(diag::non_shared_param(
                func.params_span,
                &param.to_string(),
                &culprit.to_string(),
            ));
        }
        match &*ty.result {
            Type::Async(inner) => {
                if let Some(culprit) = self.out.cons.non_shared_part(inner) {
                    let span = func.result.as_ref().map_or(func.span, |t| t.span);
                    self.diags.push(diag::non_shared_result(
                        span,
                        &inner.to_string(),
                        &culprit.to_string(),
                    ));
                }
            }
            t if t.is_unit() => {}
            _ => {
                let span = func.result.as_ref().map_or(func.span, |t| t.span);
                self.diags.push(diag::shared_result_not_async(span));
            }
        }
    }

    fn system_func(&mut self, field: &Field, func: &crate::syntax::ast::FuncDec, ty: &FuncType) {
        let Some(name) = &func.name else { return };
        if !SYSTEM_FUNCS.contains(&name.name.as_str()) {
            self.diags
                .push(diag::unknown_system_func(name.span, &name.name));
            return;
        }
        if name.name != "preupgrade" && name.name != "postupgrade" {
            self.diags.push(diag::unsupported(
                name.span,
                &format!("system function {}", name.name),
            ));
            return;
        }
        let is_async = matches!(*ty.result, Type::Async(_));
        if !ty.params.is_empty() || !ty.result.is_unit() {
            let declared = FuncType {
                system: !is_async,
                ..ty.clone()
            };
            let expected = FuncType {
                sort: FuncSort::Local,
                system: true,
                params: Vec::new(),
                result: Box::new(Type::unit()),
            };
            self.diags.push(diag::system_func_type(
                field.span,
                &name.name,
                &Type::Func(declared).to_string(),
                &Type::Func(expected).to_string(),
            ));
        }
    }
}
