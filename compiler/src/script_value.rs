//! The line a script ends with: moc's interpreter prints a final value that is not `()` as
//! `@[<hv 2>value :@ type@]` at `Format`'s default margin (78), so a short result is
//! `value : type` and a long one breaks after ` :`, with the type indented by two and each
//! part broken by its own boxes.
//!
//! The value's document comes from the running module (generated code prints it with the
//! layout marks of `format::marks`); the type's is known when compiling. This module joins
//! and lays out the two; it does not know how either is produced.

use crate::format::{marks, BoxKind, Doc};
use crate::typeck::types::Type;

/// How to print the final value of a script.
#[derive(Clone, Debug)]
pub struct ScriptResult {
    ty: Doc,
}

impl ScriptResult {
    pub(crate) fn of(ty: &Type) -> Self {
        let mut doc = Doc::default();
        crate::signature::most::doc_ty(&mut doc, ty);
        ScriptResult { ty: doc }
    }

    /// The text to print for the value whose marked text the script's last debug message
    /// carries (no final newline).
    pub fn render(&self, marked_value: &str) -> String {
        let mut doc = Doc::default();
        doc.open(BoxKind::HV, 2)
            .append(&marks::parse(marked_value))
            .text(" :")
            .space()
            .append(&self.ty)
            .close();
        doc.render()
    }
}
