//! Lowering `throw`, `try` and `await` without exceptions (the Internet Computer's Wasm has
//! none): an error travels as an ordinary value.
//!
//! Inside the body of a `try`, an error (thrown, or found at an `await`) is a `Break` to the
//! `try`'s catch label, whose block yields the error to a `Switch` on the catch pattern.
//! Outside any `try` of its function, it ends the async function with `Throw`, which the
//! caller's `Await` (or a method's entry point) picks up. At the top level of a script there is
//! no caller: as in moc's interpreter, the script traps with `uncaught throw`. The catch
//! labels are per function (`Frame::catches`), so a `throw` never jumps across functions.
//! This file does not decide how the pending error is stored (see `codegen::error`).

use super::func::node;
use super::{Frame, Lowerer};
use crate::ir::{self, Ty};
use crate::syntax::ast::{Expr, ExprKind};

impl Lowerer<'_> {
    /// Lowers `throw`, `try` and `await`; `None` for any other expression.
    pub(super) fn error_expr(&mut self, frame: &mut Frame, e: &Expr, ty: &Ty) -> Option<ir::Expr> {
        Some(match &e.kind {
            ExprKind::Throw(value) => {
                let value = self.expr(frame, value);
                self.raise(frame, e, value, ty)
            }
            ExprKind::Try(body, pat, handler) => {
                let done = self.fresh_label();
                let catch = self.fresh_label();
                frame.catches.push(catch);
                let body = self.expr(frame, body);
                frame.catches.pop();
                // The body leaves the whole `try` with its value; only an error reaches the
                // end of the catch block.
                let leave = node(ir::ExprKind::Break(done, Box::new(body)), ty.clone());
                let caught = node(ir::ExprKind::Labeled(catch, Box::new(leave)), Ty::error());
                let pat = self.pat(frame, pat, &Ty::error());
                let handler = self.expr(frame, handler);
                let cases = vec![ir::Case { pat, body: handler }];
                let handled = node(ir::ExprKind::Switch(Box::new(caught), cases), ty.clone());
                node(ir::ExprKind::Labeled(done, Box::new(handled)), ty.clone())
            }
            ExprKind::Await(inner) => {
                let value = self.expr(frame, inner);
                let error = frame.temp(Ty::error());
                let read = node(ir::ExprKind::Local(error), Ty::error());
                let on_error = self.raise(frame, e, read, ty);
                node(
                    ir::ExprKind::Await {
                        value: Box::new(ir::Expr {
                            ty: ty.clone(),
                            ..value
                        }),
                        error,
                        on_error: Box::new(on_error),
                    },
                    ty.clone(),
                )
            }
            _ => return None,
        })
    }

    /// Sends the error `value` where an error raised at `e` goes: the innermost `try` of this
    /// function, the caller, or (at a script's top level) a trap.
    fn raise(&mut self, frame: &Frame, e: &Expr, value: ir::Expr, ty: &Ty) -> ir::Expr {
        if let Some(catch) = frame.catches.last() {
            return node(ir::ExprKind::Break(*catch, Box::new(value)), ty.clone());
        }
        if !frame.script_top {
            return node(ir::ExprKind::Throw(Box::new(value)), ty.clone());
        }
        let message = node(ir::ExprKind::Text("uncaught throw".to_string()), Ty::Text);
        let trap = node(ir::ExprKind::Trap(Box::new(message)), ty.clone());
        let trap = self.located(e, trap);
        node(
            ir::ExprKind::Block(vec![ir::Stmt::Expr(value)], Box::new(trap)),
            ty.clone(),
        )
    }
}
