//! Script mode (`minimo run`): a program that is not a lone actor compiles to a module whose
//! `canister_init` runs the whole program, as one block, with no exported methods.
//!
//! Actors declared in a script are objects whose public methods are closures (`await` is the
//! identity, `async T` is `T`), so the script, its actors and moc's interpreter agree on one
//! order of effects. A final expression that is not unit is printed, as the script's last
//! debug message, in the form of moc's interpreter with layout marks (`ExprKind::PrettyShow`);
//! the host lays it out beside its type (`ScriptResult`). This module does not know how the
//! printing primitive is implemented.

use super::func::node;
use super::{Frame, Lowerer};
use crate::diag::Diagnostic;
use crate::ir::{self, Ty};
use crate::syntax::ast::{Dec, Field};

/// The primitive that prints a line on the debug output.
pub(crate) const DEBUG_PRINT: &str = "debugPrint";

/// The marked text of a value.
fn pretty(value: ir::Expr) -> ir::Expr {
    node(ir::ExprKind::PrettyShow(Box::new(value)), Ty::Text)
}

/// The unit value's text.
fn unit_text() -> ir::Expr {
    node(ir::ExprKind::Text("()".to_string()), Ty::Text)
}

impl Lowerer<'_> {
    pub(super) fn script(&mut self, fields: &[Field]) -> Result<ir::Program, Vec<Diagnostic>> {
        let mut frame = Frame {
            script_top: true,
            ..Frame::default()
        };
        let mut stmts = Vec::new();
        let last = fields.len().checked_sub(1);
        self.predeclare(&mut frame, fields.iter().map(|f| &f.dec));
        for (i, field) in fields.iter().enumerate() {
            if Some(i) != last {
                self.dec(&mut frame, &field.dec, &mut stmts);
                continue;
            }
            let value = self.last_dec(&mut frame, &field.dec, &mut stmts);
            stmts.extend(self.print_result(value));
        }
        if last.is_none() {
            stmts.extend(self.print_result(unit_text()));
        }
        let errors = std::mem::take(&mut self.errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut funcs = std::mem::take(&mut self.lifted);
        funcs.shrink_to_fit();
        Ok(ir::Program {
            actor_name: None,
            globals: Vec::new(),
            types: std::mem::take(&mut self.types),
            locations: std::mem::take(&mut self.locations),
            funcs,
            body: stmts,
            body_locals: frame.locals,
            methods: Vec::new(),
            preupgrade: None,
            postupgrade: None,
        })
    }

    /// Lowers the script's last declaration; returns what to print for it, as moc's
    /// interpreter does (`typeck` gave the type): an expression's value, the value a `let`
    /// binds, `<func>` for a function or class, `()` for the rest.
    fn last_dec(&mut self, frame: &mut Frame, dec: &Dec, stmts: &mut Vec<ir::Stmt>) -> ir::Expr {
        match dec {
            Dec::Expr(e) => {
                let value = self.expr(frame, e);
                pretty(value)
            }
            Dec::LetPat(l) => {
                let init = self.expr(frame, &l.init);
                let held = frame.temp(init.ty.clone());
                let read = node(ir::ExprKind::Local(held), init.ty.clone());
                stmts.push(ir::Stmt::Let(held, init));
                let pat = self.pat(frame, &l.pat, &read.ty);
                stmts.push(ir::Stmt::LetPat(pat, read.clone()));
                pretty(read)
            }
            Dec::Value(v) if !v.mutable => {
                self.dec(frame, dec, stmts);
                self.read_bind(frame, v.bind).map_or_else(unit_text, pretty)
            }
            Dec::Object(o) => {
                self.dec(frame, dec, stmts);
                self.read_bind(frame, o.bind).map_or_else(unit_text, pretty)
            }
            Dec::Func(_) | Dec::Class(_) => {
                self.dec(frame, dec, stmts);
                node(ir::ExprKind::Text("<func>".to_string()), Ty::Text)
            }
            _ => {
                self.dec(frame, dec, stmts);
                unit_text()
            }
        }
    }

    /// `debugPrint(<the value with layout marks>)`: the host lays it out beside the type
    /// (`ScriptResult`), so this is the script's last debug message.
    fn print_result(&mut self, shown: ir::Expr) -> Vec<ir::Stmt> {
        vec![ir::Stmt::Expr(node(
            ir::ExprKind::Prim(DEBUG_PRINT.to_string(), vec![shown]),
            Ty::unit(),
        ))]
    }
}
