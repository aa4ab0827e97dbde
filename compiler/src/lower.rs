//! Lowering: the checked syntax tree to the IR.
//!
//! Placeholder while the real lowering is written.

use crate::diag::Diagnostic;
use crate::syntax::ast;
use crate::typeck::Checked;

pub(crate) fn lower(
    _program: &ast::Program,
    _checked: &Checked,
) -> Result<crate::ir::Program, Vec<Diagnostic>> {
    Err(Vec::new())
}
