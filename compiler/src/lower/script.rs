//! Script mode (`minimo run`): a program that is not a lone actor compiles to a module whose
//! `canister_init` runs the whole program, as one block, with no exported methods.
//!
//! Actors declared in a script are objects whose public methods are closures (`await` is the
//! identity, `async T` is `T`), so the script, its actors and moc's interpreter agree on one
//! order of effects. A final expression that is not unit is printed as moc's interpreter
//! prints it: `<debug_show of the value> : <type>`, or, when that line would exceed 80
//! columns, the value and ` :` on one line and the type indented on the next. This module
//! does not know how the printing primitive is implemented.

use super::func::node;
use super::{Frame, Lowerer};
use crate::diag::Diagnostic;
use crate::ir::{self, Ty};
use crate::syntax::ast::{Dec, Field};

/// The primitive that measures a text in characters, used for the 80-column rule.
pub(crate) const TEXT_SIZE: &str = "textSize";
/// The primitive that prints a line on the debug output.
pub(crate) const DEBUG_PRINT: &str = "debugPrint";

fn text(s: &str) -> ir::Expr {
    node(ir::ExprKind::Text(s.to_string()), Ty::Text)
}

fn concat(a: ir::Expr, b: ir::Expr) -> ir::Expr {
    node(
        ir::ExprKind::Binary(ir::BinOp::TextConcat, Box::new(a), Box::new(b)),
        Ty::Text,
    )
}

impl Lowerer<'_> {
    pub(super) fn script(&mut self, fields: &[Field]) -> Result<ir::Program, Vec<Diagnostic>> {
        let mut frame = Frame {
            script_top: true,
            ..Frame::default()
        };
        let mut stmts = Vec::new();
        let last = fields.len().checked_sub(1);
        let result_ty = self.checked.script_result.clone();
        self.predeclare(&mut frame, fields.iter().map(|f| &f.dec));
        for (i, field) in fields.iter().enumerate() {
            match (&field.dec, &result_ty) {
                (Dec::Expr(e), Some(t)) if Some(i) == last && !t.is_unit() => {
                    let value = self.expr(&mut frame, e);
                    let printed = t.to_string();
                    stmts.extend(self.print_result(&mut frame, value, &printed));
                }
                (dec, _) => self.dec(&mut frame, dec, &mut stmts),
            }
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

    /// `let v = debug_show value; debugPrint(if (size > 80) v # " :\n  " # T else v # " : " # T)`.
    fn print_result(&mut self, frame: &mut Frame, value: ir::Expr, ty: &str) -> Vec<ir::Stmt> {
        let shown = frame.temp(Ty::Text);
        let read = || node(ir::ExprKind::Local(shown), Ty::Text);
        let show = node(ir::ExprKind::DebugShow(Box::new(value)), Ty::Text);
        let one_line = concat(concat(read(), text(" : ")), text(ty));
        let two_lines = concat(concat(read(), text(" :\n  ")), text(ty));
        // The line is the value, " : " and the type; moc breaks it when it exceeds 80 columns.
        let limit = 80usize.saturating_sub(3 + ty.chars().count());
        let size = node(
            ir::ExprKind::Prim(TEXT_SIZE.to_string(), vec![read()]),
            Ty::Nat,
        );
        let too_long = node(
            ir::ExprKind::Compare(
                ir::CmpOp::Gt,
                Box::new(size),
                Box::new(node(ir::ExprKind::Nat(limit.into()), Ty::Nat)),
            ),
            Ty::Bool,
        );
        let line = node(
            ir::ExprKind::If(Box::new(too_long), Box::new(two_lines), Box::new(one_line)),
            Ty::Text,
        );
        vec![
            ir::Stmt::Let(shown, show),
            ir::Stmt::Expr(node(
                ir::ExprKind::Prim(DEBUG_PRINT.to_string(), vec![line]),
                Ty::unit(),
            )),
        ]
    }
}
