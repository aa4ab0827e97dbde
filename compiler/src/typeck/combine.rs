//! Checking object combination (`{ a and b with f = e }`) and actor references from text
//! (`actor "aaaaa-aa"`, `actor (t)`).
//!
//! A combination's type is a record: the fields of the bases (objects or modules), minus the
//! ones the `with` clause lists, plus the `with` fields. As moc, a field that two bases share
//! must be overridden, and so must a `var` field of a base (copying it would alias or split
//! the variable). An actor reference takes its type from the expected type, which must be an
//! actor type; without one it is `actor {}`. Lowering rebuilds the base fields from the
//! recorded base types; nothing here decides how the record is built.
//!
//! `{ a and b }` without `with` parses as a block whose only item is a Boolean `and`; as in
//! moc, the operands' types decide: objects make it a combination, anything else a
//! conjunction.

use super::types::{Field, Type};
use super::Checker;
use crate::diag;
use crate::syntax::ast::{Dec, ExpField, Expr, ExprKind, ObjSort};

/// The operands of `{ a and b and ... }`: a block whose only item is an `and` chain.
pub(crate) fn and_chain(decs: &[Dec]) -> Option<Vec<&Expr>> {
    fn flatten<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
        match &e.kind {
            ExprKind::And(a, b) => {
                flatten(a, out);
                flatten(b, out);
            }
            _ => out.push(e),
        }
    }
    let [Dec::Expr(e)] = decs else {
        return None;
    };
    if !matches!(e.kind, ExprKind::And(..)) {
        return None;
    }
    let mut operands = Vec::new();
    flatten(e, &mut operands);
    Some(operands)
}

impl Checker {
    /// Checks the forms of this file against `expected`; false when `e` is not one of them.
    pub(super) fn check_combine(&mut self, e: &Expr, expected: &Type) -> bool {
        if let ExprKind::Block(decs) = &e.kind {
            let Some(operands) = and_chain(decs) else {
                return false;
            };
            let ty = self.and_block(e, &operands);
            if self.sub(&ty, expected) {
                self.record(e.id, expected);
            } else {
                self.diags.push(diag::type_mismatch(
                    e.span,
                    &self.show(&ty),
                    &self.show(expected),
                ));
                self.record(e.id, &ty);
            }
            return true;
        }
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
            ExprKind::Combine(bases, fields) => {
                let bases: Vec<&Expr> = bases.iter().collect();
                let types = bases.iter().map(|b| self.infer_expanded(b)).collect();
                Some(self.combination(&bases, types, fields))
            }
            ExprKind::Block(decs) => {
                let operands = and_chain(decs)?;
                Some(self.and_block(e, &operands))
            }
            _ => None,
        }
    }

    /// `{ a and b }`: a combination when every operand is an object or module, otherwise a
    /// conjunction whose operands must be `Bool`. Each operand is inferred once.
    fn and_block(&mut self, e: &Expr, operands: &[&Expr]) -> Type {
        let types: Vec<Type> = operands.iter().map(|o| self.infer_expanded(o)).collect();
        let objects = types
            .iter()
            .all(|t| matches!(t, Type::Obj(ObjSort::Object | ObjSort::Module, _)));
        if objects {
            return self.combination(operands, types, &[]);
        }
        for (operand, ty) in operands.iter().zip(&types) {
            if !self.sub(ty, &Type::Bool) {
                self.diags
                    .push(diag::type_mismatch(operand.span, &self.show(ty), "Bool"));
            }
        }
        if let ExprKind::Block(decs) = &e.kind {
            if let [Dec::Expr(chain)] = decs.as_slice() {
                self.record_and_nodes(chain);
            }
        }
        Type::Bool
    }

    fn record_and_nodes(&mut self, e: &Expr) {
        if let ExprKind::And(a, b) = &e.kind {
            self.record(e.id, &Type::Bool);
            self.record_and_nodes(a);
            self.record_and_nodes(b);
        }
    }

    /// The record combining `bases`, whose types (expanded) are `types`, with `fields`.
    fn combination(&mut self, bases: &[&Expr], types: Vec<Type>, fields: &[ExpField]) -> Type {
        let overridden = |name: &str| fields.iter().any(|f| f.name.name == name);
        let mut got: Vec<Field> = Vec::new();
        let mut failed = false;
        for (base, ty) in bases.iter().zip(types) {
            let base_fields = match ty {
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
