//! Checking patterns against the type of the value they match, binding their variables in
//! the innermost scope.
//!
//! A pattern is checked in "consume" mode: the scrutinee's type flows in, each variable gets
//! the part of it that it matches. Whether a `switch` covers every case is not checked (moc
//! only warns about it).

use super::types::Type;
use super::Checker;
use crate::diag;
use crate::syntax::ast::{Pat, PatKind};

impl Checker {
    pub(super) fn pat(&mut self, p: &Pat, expected: &Type) {
        let t = self.expand(expected);
        if t == Type::Err {
            self.pat_err(p);
            return;
        }
        match &p.kind {
            PatKind::Wild => {}
            PatKind::Var(x, bind) => self.bind_local(&x.name, *bind, false, expected.clone()),
            PatKind::Lit(e) => {
                let lit = self.infer(e);
                // A literal pattern matches values of its type's supertypes (`0` against
                // an `Int`), and numeric literals also fixed-width numbers.
                if !self.sub(&lit, expected) && !self.sub(expected, &lit) {
                    self.check(e, expected);
                } else {
                    self.record(e.id, &t);
                }
            }
            PatKind::Null => {
                if !matches!(t, Type::Option(_) | Type::Null | Type::Any) {
                    self.mismatch(p, "Null", expected);
                }
            }
            PatKind::Tuple(items) => match &t {
                Type::Tuple(ts) if ts.len() == items.len() => {
                    for (item, ty) in items.iter().zip(ts) {
                        self.pat(item, ty);
                    }
                }
                _ => {
                    self.mismatch(
                        p,
                        &format!("a tuple of {} components", items.len()),
                        expected,
                    );
                    self.pat_err(p);
                }
            },
            PatKind::Some(inner) => match &t {
                Type::Option(ty) => self.pat(inner, ty),
                _ => {
                    self.mismatch(p, "an option", expected);
                    self.pat_err(inner);
                }
            },
            PatKind::Variant(tag, inner) => {
                let payload = match &t {
                    Type::Variant(tags) => tags
                        .iter()
                        .find(|x| x.name == tag.name)
                        .map(|x| x.ty.clone()),
                    _ => None,
                };
                match (payload, inner) {
                    (Some(ty), Some(inner)) => self.pat(inner, &ty),
                    (Some(_), None) => {}
                    (None, inner) => {
                        self.mismatch(p, &format!("{{#{}}}", tag.name), expected);
                        if let Some(inner) = inner {
                            self.pat_err(inner);
                        }
                    }
                }
            }
            PatKind::Record(fields) => {
                for (name, inner) in fields {
                    match self.member(&t, &name.name) {
                        Some((ty, _)) if matches!(t, Type::Obj(..)) => self.pat(inner, &ty),
                        _ => {
                            self.diags
                                .push(diag::no_field(name.span, &name.name, &t.to_string()));
                            self.pat_err(inner);
                        }
                    }
                }
            }
            PatKind::Or(a, b) => {
                self.pat(a, expected);
                self.pat(b, expected);
            }
            PatKind::Annot(inner, ty) => {
                let annot = self.resolve_type(ty);
                if !self.sub(expected, &annot) {
                    self.mismatch(p, &annot.to_string(), expected);
                }
                self.pat(inner, &annot);
            }
        }
    }

    fn mismatch(&mut self, p: &Pat, pat_ty: &str, expected: &Type) {
        self.diags.push(diag::pattern_mismatch(
            p.span,
            pat_ty,
            &expected.to_string(),
        ));
    }

    /// Binds the variables of a pattern that could not be checked, at the error type.
    fn pat_err(&mut self, p: &Pat) {
        match &p.kind {
            PatKind::Var(x, bind) => self.bind_local(&x.name, *bind, false, Type::Err),
            PatKind::Tuple(items) => items.iter().for_each(|i| self.pat_err(i)),
            PatKind::Some(i) | PatKind::Annot(i, _) => self.pat_err(i),
            PatKind::Variant(_, Some(i)) => self.pat_err(i),
            PatKind::Record(fields) => fields.iter().for_each(|(_, i)| self.pat_err(i)),
            PatKind::Or(a, b) => {
                self.pat_err(a);
                self.pat_err(b);
            }
            _ => {}
        }
    }
}
