//! Checking `throw` and `try`: both need moc's error capability, which only the body of an
//! async function (and the top level of a script, as in moc's interpreter) has; elsewhere they
//! are misplaced (M0039). A thrown value has type `Error`, the catch pattern is matched at
//! `Error`, and a `try` has the least upper bound of its body's and its handler's types.
//!
//! Nothing here decides how an error travels at run time (see `lower::error`); `finally`
//! clauses are not part of the syntax yet.

use super::types::Type;
use super::Checker;
use crate::diag;
use crate::syntax::ast::{Expr, ExprKind};

impl Checker {
    /// Infers `throw` and `try`; `None` for any other expression.
    pub(super) fn infer_error(&mut self, e: &Expr) -> Option<Type> {
        Some(match &e.kind {
            ExprKind::Throw(value) => {
                if self.error_cap {
                    self.check(value, &Type::Error);
                } else {
                    // As in moc, a misplaced `throw` is the only error reported for it.
                    let before = self.diags.len();
                    self.infer(value);
                    self.diags.truncate(before);
                    self.diags.push(diag::misplaced_error_cap(e.span, "throw"));
                }
                Type::Non
            }
            ExprKind::Try(body, pat, handler) => {
                let body_ty = self.infer(body);
                self.push_scope();
                self.pat(pat, &Type::Error);
                let handler_ty = self.infer(handler);
                self.pop_scope();
                self.require_error_cap(e, "try");
                self.out.cons.lub(&body_ty, &handler_ty)
            }
            _ => return None,
        })
    }

    /// Checks a `try` against an expected type: the body and the handler each against it, so
    /// that literals take the expected type. `false` for any other expression.
    pub(super) fn check_try(&mut self, e: &Expr, expected: &Type) -> bool {
        let ExprKind::Try(body, pat, handler) = &e.kind else {
            return false;
        };
        self.check(body, expected);
        self.push_scope();
        self.pat(pat, &Type::Error);
        self.check(handler, expected);
        self.pop_scope();
        self.require_error_cap(e, "try");
        self.record(e.id, expected);
        true
    }

    fn require_error_cap(&mut self, e: &Expr, what: &str) {
        if !self.error_cap {
            self.diags.push(diag::misplaced_error_cap(e.span, what));
        }
    }

    /// Runs `f` with the error capability set to `cap`, restoring the previous one after.
    pub(super) fn with_error_cap<R>(&mut self, cap: bool, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.error_cap, cap);
        let result = f(self);
        self.error_cap = saved;
        result
    }
}
