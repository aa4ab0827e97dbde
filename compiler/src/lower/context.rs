//! The message context of a shared function at run time: the record `{caller = p}` whose
//! principal the generated code reads from `ic0.msg_caller_size`/`msg_caller_copy` when the
//! function starts, matched against the function's `shared (msg)` pattern. In a script,
//! where an actor's methods are called directly, the caller is whoever runs the script. The
//! context's type is the checker's business (`typeck::context`).

use super::func::node;
use super::{Frame, Lowerer};
use crate::ir;
use crate::syntax::ast::FuncDec;
use crate::typeck::context::message_context_type;
use crate::typeck::types::Type;

impl Lowerer<'_> {
    /// The statement binding `func`'s message context pattern, to run before its body; the
    /// pattern's names are declared in `frame`, so lower this before the body.
    pub(super) fn message_context(
        &mut self,
        frame: &mut Frame,
        func: &FuncDec,
    ) -> Option<ir::Stmt> {
        let pat = func.shared_pattern.as_ref()?;
        let record_ty = self.ty(&message_context_type(), pat.span);
        let principal_ty = self.ty(&Type::OtherPrim("Principal"), pat.span);
        let caller = node(
            ir::ExprKind::Prim("msgCaller".to_string(), Vec::new()),
            principal_ty,
        );
        let record = node(
            ir::ExprKind::Record(vec![("caller".to_string(), caller)]),
            record_ty.clone(),
        );
        let pat = self.pat(frame, pat, &record_ty);
        Some(ir::Stmt::LetPat(pat, record))
    }

    /// `body` preceded by the context's binding, when there is one.
    pub(super) fn with_context(&mut self, context: Option<ir::Stmt>, body: ir::Expr) -> ir::Expr {
        match context {
            Some(stmt) => {
                let ty = body.ty.clone();
                node(ir::ExprKind::Block(vec![stmt], Box::new(body)), ty)
            }
            None => body,
        }
    }
}
