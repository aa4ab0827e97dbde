//! Checking object combination (`{ a and b with f = e }`) and actor references from text
//! (`actor "aaaaa-aa"`, `actor (t)`).
//!
//! A combination's type is a record: the fields of the bases (objects or modules), minus the
//! ones the `with` clause lists, plus the `with` fields. As moc, a field that two bases share
//! must be overridden, and so must a `var` field of a base (copying it would alias or split
//! the variable). An actor reference takes its type from the expected type, which must be an
//! actor type; without one it is `actor {}`. Lowering rebuilds the base fields from the
//! recorded base types; nothing here decides how the record is built.

use super::types::{Field, Type};
use super::Checker;
use crate::diag;
use crate::syntax::ast::{ExpField, Expr, ExprKind, ObjSort};

impl Checker {
    /// Checks the forms of this file against `expected`; false when `e` is not one of them.
    pub(super) fn check_combine(&mut self, e: &Expr, expected: &Type) -> bool {
        let ExprKind::ActorUrl(text) = &e.kind else {
            return false;
        };
        self.check(text, &Type::Text);
        let expanded = self.expand(expected);
        match expanded {
            Type::Obj(ObjSort::Actor, _) | Type::Any | Type::Err => self.record(e.id, expected),
            _ => {
                let actual = Type::Obj(ObjSort::Actor, Vec::new());
                self.diags.push(diag::type_mismatch(
                    e.span,
                    &actual.to_string(),
                    &expected.to_string(),
                ));
                self.record(e.id, &actual);
            }
        }
        true
    }

    /// Infers the forms of this file; `None` when `e` is not one of them.
    pub(super) fn infer_combine(&mut self, e: &Expr) -> Option<Type> {
        match &e.kind {
            ExprKind::ActorUrl(text) => {
                self.check(text, &Type::Text);
                Some(Type::Obj(ObjSort::Actor, Vec::new()))
            }
            ExprKind::Combine(bases, fields) => Some(self.combination(bases, fields)),
            _ => None,
        }
    }

    fn combination(&mut self, bases: &[Expr], fields: &[ExpField]) -> Type {
        let overridden = |name: &str| fields.iter().any(|f| f.name.name == name);
        let mut got: Vec<Field> = Vec::new();
        let mut failed = false;
        for base in bases {
            let base_fields = match self.infer_expanded(base) {
                Type::Obj(ObjSort::Object | ObjSort::Module, fs) => fs,
                Type::Err | Type::Non => {
                    failed = true;
                    continue;
                }
                other => {
                    self.diags.push(diag::type_mismatch(
                        base.span,
                        &other.to_string(),
                        "an object",
                    ));
                    failed = true;
                    continue;
                }
            };
            for field in base_fields {
                if overridden(&field.name) {
                    continue;
                }
                if field.mutable {
                    self.diags
                        .push(diag::combined_var_field(base.span, &field.name));
                    failed = true;
                } else if got.iter().any(|g| g.name == field.name) {
                    self.diags
                        .push(diag::ambiguous_base_field(base.span, &field.name));
                    failed = true;
                } else {
                    got.push(field);
                }
            }
        }
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
        if failed {
            return Type::Err;
        }
        Type::record(got)
    }
}
