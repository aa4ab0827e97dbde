//! Lowering object combination and actor references from text.
//!
//! `{ a and b with f = e }` becomes a block that evaluates the bases once, into temporaries,
//! and then builds a new record: every field of the result that the `with` clause does not
//! give is read from the base that has it (the checker made that base unique), the `with`
//! fields are evaluated in source order. `actor (t)` becomes the internal primitive
//! `actorOfText`, which decodes the text into the principal that represents the reference.
//! Nothing here checks the combination again: the checker's recorded types are trusted.

use super::func::node;
use super::{Frame, Lowerer};
use crate::ir::{self, Ty};
use crate::syntax::ast::{Dec, ExpField, Expr, ExprKind};
use crate::typeck::combine::and_chain;
use crate::typeck::types::Type;

impl Lowerer<'_> {
    /// Lowers the forms of this file; `None` when `e` is not one of them.
    pub(super) fn combine_expr(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        ty: &Ty,
    ) -> Option<ir::Expr> {
        Some(match &e.kind {
            ExprKind::ActorUrl(text) => {
                let text = self.expr(frame, text);
                let reference = node(
                    ir::ExprKind::Prim("actorOfText".to_string(), vec![text]),
                    ty.clone(),
                );
                self.located(e, reference)
            }
            ExprKind::Combine(bases, fields) => {
                let bases: Vec<&Expr> = bases.iter().collect();
                self.combination(frame, &bases, fields, ty)
            }
            _ => return None,
        })
    }

    /// `{ a and b }` that the checker typed as an object: a combination without `with`.
    pub(super) fn and_block(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        decs: &[Dec],
        ty: &Ty,
    ) -> Option<ir::Expr> {
        let operands = and_chain(decs)?;
        let typed = self.checked.cons.expand(&self.checked.type_of(e.id));
        if !matches!(typed, Type::Obj(..)) {
            return None;
        }
        Some(self.combination(frame, &operands, &[], ty))
    }

    fn combination(
        &mut self,
        frame: &mut Frame,
        bases: &[&Expr],
        fields: &[ExpField],
        ty: &Ty,
    ) -> ir::Expr {
        let mut stmts = Vec::new();
        let mut sources: Vec<(String, ir::Expr)> = Vec::new();
        for base in bases {
            let value = self.expr(frame, base);
            let base_ty = value.ty.clone();
            let local = frame.temp(base_ty.clone());
            stmts.push(ir::Stmt::Let(local, value));
            let names = match self.checked.cons.expand(&self.checked.type_of(base.id)) {
                Type::Obj(_, fs) => fs,
                _ => Vec::new(),
            };
            let field_tys = match self.resolve_ir(&base_ty) {
                Ty::Record(fs) => fs,
                _ => Vec::new(),
            };
            for name in names {
                let overridden = fields.iter().any(|f| f.name.name == name.name);
                let taken = sources.iter().any(|(n, _)| *n == name.name);
                let Some(field) = field_tys.iter().find(|f| f.name == name.name) else {
                    continue;
                };
                if overridden || taken {
                    continue;
                }
                let read = node(
                    ir::ExprKind::Field(
                        Box::new(node(ir::ExprKind::Local(local), base_ty.clone())),
                        name.name.clone(),
                    ),
                    field.ty.clone(),
                );
                sources.push((name.name.clone(), read));
            }
        }
        for f in fields {
            let value = self.expr(frame, &f.value);
            sources.push((f.name.name.clone(), value));
        }
        let record = node(ir::ExprKind::Record(sources), ty.clone());
        node(ir::ExprKind::Block(stmts, Box::new(record)), ty.clone())
    }
}
