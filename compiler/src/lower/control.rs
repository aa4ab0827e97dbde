//! Lowering the control forms: loops and labels to `Labeled`/`Break`/`Loop`, `for` over any
//! iterator object, `assert`, `debug_show`, `do ? { ... }` with `e!`, and the source ranges
//! (`Located`) that trapping operations report.
//!
//! Every loop gets two IR labels: one around the loop (what `break` leaves) and one around
//! its body (what `continue` leaves, so the next iteration starts). A `label l` around a
//! loop shares the loop's labels. The checker has already resolved every jump to its
//! target; nothing here looks a label up by name.

use super::func::node;
use super::{unit, Frame, Lowerer};
use crate::ir::{self, LabelId, Ty};
use crate::syntax::ast::{Expr, ExprId, ExprKind, Pat};

impl Lowerer<'_> {
    pub(super) fn fresh_label(&mut self) -> LabelId {
        self.next_label += 1;
        LabelId(self.next_label - 1)
    }

    /// The break and continue labels of a loop (shared with a `label` around it).
    pub(super) fn loop_labels(&mut self, id: ExprId) -> (LabelId, LabelId) {
        match self.jump_labels.get(&id) {
            Some((b, Some(c))) => (*b, *c),
            _ => {
                let labels = (self.fresh_label(), self.fresh_label());
                self.jump_labels.insert(id, (labels.0, Some(labels.1)));
                labels
            }
        }
    }

    /// Wraps a trapping operation with the source range of `e`, as moc reports it.
    pub(super) fn located(&mut self, e: &Expr, inner: ir::Expr) -> ir::Expr {
        if self.source.is_empty() {
            return inner;
        }
        let text = format!("{}:{}", self.path, self.lines.range(e.span));
        let loc = ir::Loc(u32::try_from(self.locations.len()).unwrap_or(u32::MAX));
        self.locations.push(text);
        let ty = inner.ty.clone();
        node(ir::ExprKind::Located(loc, Box::new(inner)), ty)
    }

    pub(super) fn control_expr(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        ty: &Ty,
    ) -> Option<ir::Expr> {
        Some(match &e.kind {
            ExprKind::Loop(body, cond) => {
                let (break_label, continue_label) = self.loop_labels(e.id);
                let body = self.expr(frame, body);
                let mut each = node(
                    ir::ExprKind::Labeled(continue_label, Box::new(body)),
                    Ty::unit(),
                );
                if let Some(cond) = cond {
                    let cond = self.expr(frame, cond);
                    let leave = node(
                        ir::ExprKind::Break(break_label, Box::new(unit())),
                        Ty::unit(),
                    );
                    let check = node(
                        ir::ExprKind::If(Box::new(cond), Box::new(unit()), Box::new(leave)),
                        Ty::unit(),
                    );
                    each = node(
                        ir::ExprKind::Block(vec![ir::Stmt::Expr(each)], Box::new(check)),
                        Ty::unit(),
                    );
                }
                let looped = node(ir::ExprKind::Loop(Box::new(each)), Ty::unit());
                node(
                    ir::ExprKind::Labeled(break_label, Box::new(looped)),
                    ty.clone(),
                )
            }
            ExprKind::Label(_, _, body) => {
                let is_loop = matches!(
                    body.kind,
                    ExprKind::Loop(..) | ExprKind::While(..) | ExprKind::For(..)
                );
                if is_loop {
                    let labels = self.loop_labels(body.id);
                    self.jump_labels.insert(e.id, (labels.0, Some(labels.1)));
                    let inner = self.expr(frame, body);
                    return Some(ir::Expr {
                        ty: ty.clone(),
                        ..inner
                    });
                }
                let label = self.fresh_label();
                self.jump_labels.insert(e.id, (label, None));
                let body = self.expr(frame, body);
                node(ir::ExprKind::Labeled(label, Box::new(body)), ty.clone())
            }
            ExprKind::Break(_, value) => {
                let target = self.checked.jumps.get(&e.id).copied();
                let label = target.and_then(|t| self.jump_labels.get(&t).map(|l| l.0));
                let Some(label) = label else {
                    return Some(self.unsupported(e, "this break"));
                };
                let value = match value {
                    Some(v) => self.expr(frame, v),
                    None => unit(),
                };
                node(ir::ExprKind::Break(label, Box::new(value)), ty.clone())
            }
            ExprKind::Continue(_) => {
                let target = self.checked.jumps.get(&e.id).copied();
                let label = target.and_then(|t| self.jump_labels.get(&t).and_then(|l| l.1));
                let Some(label) = label else {
                    return Some(self.unsupported(e, "this continue"));
                };
                node(ir::ExprKind::Break(label, Box::new(unit())), ty.clone())
            }
            ExprKind::Assert(cond) => {
                let cond = self.expr(frame, cond);
                let assert = node(ir::ExprKind::Assert(Box::new(cond)), Ty::unit());
                self.located(e, assert)
            }
            ExprKind::DebugShow(inner) => {
                let inner = self.expr(frame, inner);
                node(ir::ExprKind::DebugShow(Box::new(inner)), Ty::Text)
            }
            ExprKind::DoOpt(body) => {
                let label = self.fresh_label();
                self.jump_labels.insert(e.id, (label, None));
                let body = self.expr(frame, body);
                let some = node(ir::ExprKind::Some(Box::new(body)), ty.clone());
                node(ir::ExprKind::Labeled(label, Box::new(some)), ty.clone())
            }
            ExprKind::Bang(inner) => {
                let target = self.checked.jumps.get(&e.id).copied();
                let label = target.and_then(|t| self.jump_labels.get(&t).map(|l| l.0));
                let Some(label) = label else {
                    return Some(self.unsupported(e, "this `!`"));
                };
                let inner = self.expr(frame, inner);
                let x = frame.temp(ty.clone());
                let null = node(ir::ExprKind::Null, Ty::Null);
                let leave = node(ir::ExprKind::Break(label, Box::new(null)), ty.clone());
                let cases = vec![
                    ir::Case {
                        pat: ir::Pat::Null,
                        body: leave,
                    },
                    ir::Case {
                        pat: ir::Pat::Some(Box::new(ir::Pat::Bind(x))),
                        body: node(ir::ExprKind::Local(x), ty.clone()),
                    },
                ];
                node(ir::ExprKind::Switch(Box::new(inner), cases), ty.clone())
            }
            _ => return None,
        })
    }

    /// `for (p in iter) body` over any iterator object:
    /// `let it = iter; loop { switch (it.next()) { case null break; case (?p) body } }`.
    pub(super) fn for_iter(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        pat: &Pat,
        iter: &Expr,
        body: &Expr,
    ) -> ir::Expr {
        let (break_label, continue_label) = self.loop_labels(e.id);
        let elem_ty = self.iter_elem_ty(iter);
        let iter = self.expr(frame, iter);
        let it = frame.temp(iter.ty.clone());
        let it_ty = iter.ty.clone();
        let next = node(
            ir::ExprKind::Field(
                Box::new(node(ir::ExprKind::Local(it), it_ty)),
                "next".to_string(),
            ),
            Ty::Func,
        );
        let call = node(
            ir::ExprKind::CallClosure(Box::new(next), Vec::new()),
            Ty::Option(Box::new(elem_ty.clone())),
        );
        let pat = self.pat(frame, pat, &elem_ty);
        let body = self.expr(frame, body);
        let body = node(
            ir::ExprKind::Labeled(continue_label, Box::new(body)),
            Ty::unit(),
        );
        let leave = node(
            ir::ExprKind::Break(break_label, Box::new(unit())),
            Ty::unit(),
        );
        let switch = node(
            ir::ExprKind::Switch(
                Box::new(call),
                vec![
                    ir::Case {
                        pat: ir::Pat::Null,
                        body: leave,
                    },
                    ir::Case {
                        pat: ir::Pat::Some(Box::new(pat)),
                        body,
                    },
                ],
            ),
            Ty::unit(),
        );
        let looped = node(ir::ExprKind::Loop(Box::new(switch)), Ty::unit());
        node(
            ir::ExprKind::Block(
                vec![ir::Stmt::Let(it, iter)],
                Box::new(node(
                    ir::ExprKind::Labeled(break_label, Box::new(looped)),
                    Ty::unit(),
                )),
            ),
            Ty::unit(),
        )
    }

    /// The element type of an iterator `{ next : () -> ?T }`, from the checker's type.
    fn iter_elem_ty(&mut self, iter: &Expr) -> Ty {
        use crate::typeck::types::Type;
        let ty = self.checked.cons.expand(&self.checked.type_of(iter.id));
        let Type::Obj(_, fields) = ty else {
            return Ty::Param;
        };
        let Some(next) = fields.iter().find(|f| f.name == "next") else {
            return Ty::Param;
        };
        let Type::Func(f) = self.checked.cons.expand(&next.ty) else {
            return Ty::Param;
        };
        match self.checked.cons.expand(&f.result) {
            Type::Option(elem) => self.ty(&elem, iter.span),
            _ => Ty::Param,
        }
    }
}
