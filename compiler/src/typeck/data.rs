//! Checking the data forms: options, arrays, records, variants, field access, indexing,
//! `switch`, loops and the literals beyond `Nat`/`Text`/`Bool`.
//!
//! `check_data` and `infer_data` return `None`/`false` for the forms they do not own, so that
//! `expr.rs` keeps the core. The type recorded for a literal is the type it is used at
//! (`[1, 2]` checked at `[Int]` records `[Int]`), which is what lowering needs.

use super::types::{Field, FuncType, Tag, Type};
use super::Checker;
use crate::diag;
use crate::syntax::ast::{Expr, ExprKind, FuncSort, ObjSort};

impl Checker {
    /// Checks the forms whose checking mode differs from "infer, then compare"; false when `e`
    /// is not one of them.
    pub(super) fn check_data(&mut self, e: &Expr, expected: &Type) -> bool {
        let expanded = self.expand(expected);
        match (&e.kind, &expanded) {
            (ExprKind::Opt(inner), Type::Option(t)) => {
                self.check(inner, t);
                self.record(e.id, &expanded);
            }
            (ExprKind::Array(mutable, items), Type::Array(m, t)) if mutable == m => {
                for item in items {
                    self.check(item, t);
                }
                self.record(e.id, &expanded);
            }
            (ExprKind::Variant(tag, payload), Type::Variant(tags)) => {
                let Some(want) = tags.iter().find(|t| t.name == tag.name) else {
                    return false;
                };
                let want = want.ty.clone();
                match payload {
                    Some(p) => self.check(p, &want),
                    None if want.is_unit() => {}
                    None => return false,
                }
                self.record(e.id, &expanded);
            }
            (ExprKind::Record(fields), Type::Obj(ObjSort::Object, want)) => {
                let mut got = Vec::new();
                for f in fields {
                    let ty = match (&f.annot, want.iter().find(|w| w.name == f.name.name)) {
                        (Some(a), _) => {
                            let t = self.resolve_type(a);
                            self.check(&f.value, &t);
                            t
                        }
                        (None, Some(w)) => {
                            let t = w.ty.clone();
                            self.check(&f.value, &t);
                            t
                        }
                        (None, None) => self.infer(&f.value),
                    };
                    got.push(Field {
                        name: f.name.name.clone(),
                        mutable: f.mutable,
                        ty,
                    });
                }
                let actual = Type::record(got);
                if !self.sub(&actual, expected) {
                    self.diags.push(diag::type_mismatch(
                        e.span,
                        &self.show(&actual),
                        &self.show(expected),
                    ));
                }
                self.record(e.id, &actual);
            }
            (ExprKind::Try(..), _) => return self.check_try(e, expected),
            (ExprKind::Switch(scrutinee, cases), _) => {
                let t = self.infer(scrutinee);
                for case in cases {
                    self.push_scope();
                    self.pat(&case.pat, &t);
                    self.check(&case.body, expected);
                    self.pop_scope();
                }
                self.record(e.id, expected);
            }
            _ => return false,
        }
        true
    }

    /// Infers the data forms; `None` when `e` is not one of them.
    pub(super) fn infer_data(&mut self, e: &Expr) -> Option<Type> {
        Some(match &e.kind {
            ExprKind::Float(_) => Type::OtherPrim("Float"),
            ExprKind::Char(_) => Type::OtherPrim("Char"),
            ExprKind::Opt(inner) => Type::Option(Box::new(self.infer(inner))),
            ExprKind::Array(mutable, items) => {
                let mut elem = Type::Non;
                for item in items {
                    let t = self.infer(item);
                    elem = self.out.cons.lub(&elem, &t);
                }
                Type::Array(*mutable, Box::new(elem))
            }
            ExprKind::Index(array, index) => {
                let t = self.infer_expanded(array);
                self.check(index, &Type::Nat);
                match t {
                    Type::Array(_, elem) => *elem,
                    Type::Err | Type::Non => Type::Err,
                    other => {
                        self.diags.push(diag::type_mismatch(
                            array.span,
                            &self.show(&other),
                            "an array",
                        ));
                        Type::Err
                    }
                }
            }
            ExprKind::Dot(object, name) => {
                let t = self.infer_expanded(object);
                match self.member(&t, &name.name) {
                    Some((ty, _)) => ty,
                    None if t == Type::Err || t == Type::Non => Type::Err,
                    None => {
                        self.diags
                            .push(diag::no_field(name.span, &name.name, &t.to_string()));
                        Type::Err
                    }
                }
            }
            ExprKind::Record(fields) => {
                let mut got = Vec::new();
                for f in fields {
                    let ty = match &f.annot {
                        Some(a) => {
                            let t = self.resolve_type(a);
                            self.check(&f.value, &t);
                            t
                        }
                        None => self.infer(&f.value),
                    };
                    got.push(Field {
                        name: f.name.name.clone(),
                        mutable: f.mutable,
                        ty,
                    });
                }
                Type::record(got)
            }
            ExprKind::Variant(tag, payload) => {
                let ty = match payload {
                    Some(p) => self.infer(p),
                    None => Type::unit(),
                };
                Type::Variant(vec![Tag {
                    name: tag.name.clone(),
                    ty,
                }])
            }
            ExprKind::Switch(scrutinee, cases) => {
                let t = self.infer(scrutinee);
                let mut result = Type::Non;
                for case in cases {
                    self.push_scope();
                    self.pat(&case.pat, &t);
                    let b = self.infer(&case.body);
                    result = self.out.cons.lub(&result, &b);
                    self.pop_scope();
                }
                result
            }
            ExprKind::While(cond, body) => {
                self.check(cond, &Type::Bool);
                self.labels.push((None, e.id, Type::unit(), true));
                self.check(body, &Type::unit());
                self.labels.pop();
                Type::unit()
            }
            ExprKind::For(pat, iter, body) => {
                let t = self.infer_expanded(iter);
                let elem = self.iterated(&t).unwrap_or_else(|| {
                    if t != Type::Err {
                        self.diags.push(diag::type_mismatch(
                            iter.span,
                            &self.show(&t),
                            "an iterator {next : () -> ?T}",
                        ));
                    }
                    Type::Err
                });
                self.push_scope();
                self.pat(pat, &elem);
                self.labels.push((None, e.id, Type::unit(), true));
                self.check(body, &Type::unit());
                self.labels.pop();
                self.pop_scope();
                Type::unit()
            }
            ExprKind::Object(sort, fields) => {
                let own = (*sort != ObjSort::Object).then_some(e.span);
                self.object_body(*sort, fields, own)
            }
            ExprKind::Await(inner) => match self.infer_expanded(inner) {
                Type::Async(t) => *t,
                Type::Err => Type::Err,
                other => {
                    self.diags.push(diag::type_mismatch(
                        inner.span,
                        &self.show(&other),
                        "async T",
                    ));
                    Type::Err
                }
            },
            _ => return None,
        })
    }

    /// The element type of an iterator object `{next : () -> ?T}`.
    fn iterated(&self, t: &Type) -> Option<Type> {
        let Type::Obj(_, fields) = t else { return None };
        let next = fields.iter().find(|f| f.name == "next")?;
        let Type::Func(f) = self.expand(&next.ty) else {
            return None;
        };
        match self.expand(&f.result) {
            Type::Option(elem) if f.params.is_empty() => Some(*elem),
            _ => None,
        }
    }

    /// The type of `value.name` and whether it is a `var` field: object fields, and the
    /// built-in methods of arrays, text and blobs.
    pub(super) fn member(&self, ty: &Type, name: &str) -> Option<(Type, bool)> {
        let method = |params: Vec<Type>, result: Type| {
            Type::Func(FuncType {
                sort: FuncSort::Local,
                system: false,
                params,
                result: Box::new(result),
            })
        };
        let iter = |elem: Type| {
            Type::record(vec![Field {
                name: "next".to_string(),
                mutable: false,
                ty: method(Vec::new(), Type::Option(Box::new(elem))),
            }])
        };
        match ty {
            Type::Obj(_, fields) => fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| (f.ty.clone(), f.mutable)),
            Type::Array(mutable, elem) => {
                let t = match name {
                    "size" => method(Vec::new(), Type::Nat),
                    "vals" => method(Vec::new(), iter((**elem).clone())),
                    "keys" => method(Vec::new(), iter(Type::Nat)),
                    "get" => method(vec![Type::Nat], (**elem).clone()),
                    "put" if *mutable => method(vec![Type::Nat, (**elem).clone()], Type::unit()),
                    _ => return None,
                };
                Some((t, false))
            }
            Type::Text => match name {
                "size" => Some((method(Vec::new(), Type::Nat), false)),
                "chars" => Some((method(Vec::new(), iter(Type::OtherPrim("Char"))), false)),
                _ => None,
            },
            Type::OtherPrim("Blob") => match name {
                "size" => Some((method(Vec::new(), Type::Nat), false)),
                "vals" => Some((method(Vec::new(), iter(Type::OtherPrim("Nat8"))), false)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Assignment to `a[i]` and `r.f`: the target's type when it is mutable. `None` when the
    /// target is a variable (handled by the caller).
    pub(super) fn assign_target_data(
        &mut self,
        assignment: &Expr,
        target: &Expr,
    ) -> Option<Option<Type>> {
        match &target.kind {
            ExprKind::Index(array, index) => {
                let t = self.infer_expanded(array);
                self.check(index, &Type::Nat);
                let result = match t {
                    Type::Array(true, elem) => Some(*elem),
                    Type::Err => None,
                    _ => {
                        self.diags.push(diag::not_mutable(assignment.span));
                        None
                    }
                };
                if let Some(t) = &result {
                    self.record(target.id, t);
                }
                Some(result)
            }
            ExprKind::Dot(object, name) => {
                let t = self.infer_expanded(object);
                let result = match self.member(&t, &name.name) {
                    Some((ty, true)) => Some(ty),
                    Some(_) => {
                        self.diags.push(diag::not_mutable(assignment.span));
                        None
                    }
                    None if t == Type::Err => None,
                    None => {
                        self.diags
                            .push(diag::no_field(name.span, &name.name, &t.to_string()));
                        None
                    }
                };
                if let Some(t) = &result {
                    self.record(target.id, t);
                }
                Some(result)
            }
            _ => None,
        }
    }
}
