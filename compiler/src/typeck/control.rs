//! Checking the control forms: `loop`, `label`, `break`, `continue`, `assert`, `debug_show`,
//! `do ? { ... }` with `e!`.
//!
//! Every `break` and `continue` is resolved to the expression it leaves (recorded in
//! `Checked::jumps`), so lowering never looks labels up by name. A loop is an unnamed target
//! of the unlabelled forms. Nothing here decides how a jump is compiled.

use super::types::Type;
use super::Checker;
use crate::diag;
use crate::syntax::ast::{Expr, ExprKind};

impl Checker {
    /// Infers the control forms; `None` when `e` is not one of them.
    pub(super) fn infer_control(&mut self, e: &Expr) -> Option<Type> {
        Some(match &e.kind {
            ExprKind::Throw(_) | ExprKind::Try(..) => return self.infer_error(e),
            ExprKind::Loop(body, cond) => {
                self.labels.push((None, e.id, Type::unit(), true));
                self.check(body, &Type::unit());
                if let Some(cond) = cond {
                    self.check(cond, &Type::Bool);
                }
                self.labels.pop();
                if cond.is_some() {
                    Type::unit()
                } else {
                    Type::Non
                }
            }
            ExprKind::Label(name, annot, body) => {
                let ty = match annot {
                    Some(t) => self.resolve_type(t),
                    None => Type::unit(),
                };
                // A labelled loop is the target of `continue l` too.
                let is_loop = matches!(
                    body.kind,
                    ExprKind::Loop(..) | ExprKind::While(..) | ExprKind::For(..)
                );
                self.labels
                    .push((Some(name.name.clone()), e.id, ty.clone(), is_loop));
                self.check(body, &ty);
                self.labels.pop();
                ty
            }
            ExprKind::Break(name, value) => {
                let target = self.jump_target(name.as_ref(), false);
                let found = target.is_some();
                match (target, value) {
                    (Some((id, ty)), Some(v)) => {
                        self.out.jumps.insert(e.id, id);
                        self.check(v, &ty);
                    }
                    (Some((id, ty)), None) => {
                        self.out.jumps.insert(e.id, id);
                        if !self.sub(&Type::unit(), &ty) {
                            self.diags
                                .push(diag::type_mismatch(e.span, "()", &self.show(&ty)));
                        }
                    }
                    (None, Some(v)) => {
                        self.infer(v);
                    }
                    (None, None) => {}
                }
                if !found {
                    self.unbound_label(e, name.as_ref());
                }
                Type::Non
            }
            ExprKind::Continue(name) => {
                match self.jump_target(name.as_ref(), true) {
                    Some((id, _)) => {
                        self.out.jumps.insert(e.id, id);
                    }
                    None => self.unbound_label(e, name.as_ref()),
                }
                Type::Non
            }
            ExprKind::Assert(cond) => {
                self.check(cond, &Type::Bool);
                Type::unit()
            }
            ExprKind::DebugShow(inner) => {
                self.infer(inner);
                Type::Text
            }
            ExprKind::DoOpt(body) => {
                self.labels
                    .push((Some("!".to_string()), e.id, Type::Null, false));
                let t = self.infer(body);
                self.labels.pop();
                Type::Option(Box::new(t))
            }
            ExprKind::Bang(inner) => {
                let t = self.infer_expanded(inner);
                if let Some((id, _)) = self.jump_target(Some(&bang_label()), false) {
                    self.out.jumps.insert(e.id, id);
                } else {
                    self.diags
                        .push(diag::unsupported(e.span, "`!` outside `do ? { ... }`"));
                }
                match t {
                    Type::Option(inner) => *inner,
                    Type::Null => Type::Non,
                    Type::Err => Type::Err,
                    other => {
                        self.diags.push(diag::type_mismatch(
                            inner.span,
                            &self.show(&other),
                            "an option ?T",
                        ));
                        Type::Err
                    }
                }
            }
            _ => return None,
        })
    }

    /// The expression a jump leaves and the type it must carry: the named label, or the
    /// innermost loop when unnamed (`continue` only targets loops).
    fn jump_target(
        &self,
        name: Option<&crate::syntax::ast::Ident>,
        is_continue: bool,
    ) -> Option<(crate::syntax::ast::ExprId, Type)> {
        self.labels
            .iter()
            .rev()
            .find(|(label, _, _, is_loop)| match name {
                Some(n) => label.as_deref() == Some(n.name.as_str()) && (!is_continue || *is_loop),
                None => label.is_none() && *is_loop,
            })
            .map(|(_, id, ty, _)| (*id, ty.clone()))
    }

    fn unbound_label(&mut self, e: &Expr, name: Option<&crate::syntax::ast::Ident>) {
        let text = name.map_or("(loop)", |n| n.name.as_str());
        self.diags.push(diag::unbound_label(e.span, text));
    }
}

/// The label `do ? { ... }` binds for its `e!`s; not a name a program can write.
fn bang_label() -> crate::syntax::ast::Ident {
    crate::syntax::ast::Ident {
        name: "!".to_string(),
        span: crate::diag::Span::default(),
    }
}
