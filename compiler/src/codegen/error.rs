//! Errors without Wasm exceptions: an async function that ends with an error stores it in the
//! exported global `minimo:pending_error` (0 when none) and returns; the code after each
//! `await` looks at the global, and a method's entry point rejects the message with the
//! error's text (`ic0.msg_reject`, reject code 4 on the Internet Computer). A reject is not a
//! trap: the message's state changes are kept.
//!
//! An error value is the tuple `(code, message)` of `ir::Ty::error`, so the primitives
//! `error`, `errorCode` and `errorMessage` build and project that tuple. This file does not
//! decide where an error goes (that is `lower::error`'s `Break`, `Throw` or trap).

use wasm_encoder::{BlockType, ValType};

use super::func::FuncCompiler;
use super::module::{mem, Body, ModuleBuilder};
use crate::ir::{Expr, ExprKind, LocalId, Ty};

/// Offset of an error's code in its tuple (tag, count, then the components).
const CODE_OFFSET: u32 = 8;
/// Offset of an error's message text in its tuple.
const MESSAGE_OFFSET: u32 = 12;

impl FuncCompiler<'_> {
    /// `Throw`: the error becomes the pending one and the function returns (any word will do
    /// as its result: the caller looks at the pending error before the value).
    pub(crate) fn throw(&mut self, error: &Expr) {
        self.expr(error);
        self.body
            .ins()
            .global_set(self.module.pending_error)
            .i32_const(0)
            .return_();
    }

    /// `Await`: the value, or `on_error` with the pending error moved into `error`.
    pub(crate) fn await_(&mut self, value: &Expr, error: LocalId, on_error: &Expr) {
        let result = self.body.local(ValType::I32);
        let pending = self.module.pending_error;
        self.expr(value);
        self.body
            .ins()
            .local_set(result)
            .global_get(pending)
            .if_(BlockType::Result(ValType::I32))
            .global_get(pending)
            .local_set(error.0)
            .i32_const(0)
            .global_set(pending);
        self.nested(on_error);
        self.body.ins().else_().local_get(result).end();
    }

    /// The primitives on error values; `false` when `name` is not one of them.
    pub(crate) fn error_prim(&mut self, name: &str, args: &[Expr]) -> bool {
        match (name, args) {
            ("error", [message]) => {
                // A rejection made by the program itself, as moc's `Error.reject`.
                let code = Expr {
                    kind: ExprKind::Variant(
                        "canister_reject".to_string(),
                        Box::new(Expr {
                            kind: ExprKind::Tuple(Vec::new()),
                            ty: Ty::unit(),
                        }),
                    ),
                    ty: Ty::unit(),
                };
                let pair = Expr {
                    kind: ExprKind::Tuple(vec![code, message.clone()]),
                    ty: Ty::error(),
                };
                self.expr(&pair);
            }
            ("errorCode", [error]) => {
                self.expr(error);
                self.body.ins().i32_load(mem(CODE_OFFSET, 2));
            }
            ("errorMessage", [error]) => {
                self.expr(error);
                self.body.ins().i32_load(mem(MESSAGE_OFFSET, 2));
            }
            _ => return false,
        }
        true
    }
}

/// In a method's entry point, after the call: when the method ended with an error, clears it,
/// rejects the message with the error's text and returns without replying.
pub(crate) fn reject_pending(module: &ModuleBuilder, body: &mut Body) {
    let text = body.local(ValType::I32);
    let pending = module.pending_error;
    body.ins()
        .global_get(pending)
        .if_(BlockType::Empty)
        .global_get(pending)
        .i32_load(mem(MESSAGE_OFFSET, 2))
        .local_set(text)
        .i32_const(0)
        .global_set(pending)
        .local_get(text)
        .i32_const(8)
        .i32_add()
        .local_get(text)
        .i32_load(mem(4, 2))
        .call(module.ic0("msg_reject"))
        .return_()
        .end();
}
