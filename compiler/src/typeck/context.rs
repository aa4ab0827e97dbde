//! The message context of a shared function: `shared (msg) func f()` binds `msg` to a record
//! `{caller : Principal}`, and `shared ({caller})` takes the field apart, as moc types them.
//! Where the caller comes from at run time is lowering's business, not this module's.

use super::types::{Field, Type};
use super::Checker;
use crate::syntax::ast::FuncDec;

/// The type of a shared function's message context: `{caller : Principal}`.
pub(crate) fn message_context_type() -> Type {
    Type::record(vec![Field {
        name: "caller".to_string(),
        mutable: false,
        ty: Type::OtherPrim("Principal"),
    }])
}

impl Checker {
    /// Binds the names of the function's message context pattern, if it has one, in the
    /// scope of its body.
    pub(super) fn bind_message_context(&mut self, func: &FuncDec) {
        if let Some(pat) = &func.shared_pattern {
            self.pat(pat, &message_context_type());
        }
    }
}
