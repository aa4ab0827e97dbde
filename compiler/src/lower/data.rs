//! Lowering the data forms: options, arrays (literals, indexing, `size`, `for` over `vals()`
//! and `keys()` as a counted `While`), records, variants, `switch` with its patterns, and
//! assignment to elements and fields. Objects, classes, `await` and function values are
//! reported as unsupported here.
//!
//! `a[i] op= v` and `r.f op= v` evaluate `a`, `i` and `r` twice; the checker's forms leave no
//! side effects there in the programs minimo compiles (a temporary would remove the caveat).

use super::{unit, Frame, Lowerer};
use crate::ir::{self, FixedTy, Ty};
use crate::syntax::ast::{Expr, ExprKind, Pat, PatKind};
use crate::typeck::types::Type;
use num_bigint::{BigInt, Sign};

/// The two's-complement bits of a literal at a fixed-width type, if it is in range.
pub(super) fn fixed_bits(value: &BigInt, fixed: FixedTy) -> Option<u64> {
    let bits = fixed.bits();
    let (min, max) = if fixed.signed() {
        (
            -(BigInt::from(1) << (bits - 1)),
            (BigInt::from(1) << (bits - 1)) - 1,
        )
    } else {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    };
    if *value < min || *value > max {
        return None;
    }
    let modulus = BigInt::from(1) << bits;
    let wrapped = if value.sign() == Sign::Minus {
        value + &modulus
    } else {
        value.clone()
    };
    u64::try_from(wrapped).ok()
}

fn node(kind: ir::ExprKind, ty: Ty) -> ir::Expr {
    ir::Expr { kind, ty }
}

impl Lowerer<'_> {
    pub(super) fn data_expr(&mut self, frame: &mut Frame, e: &Expr, ty: Ty) -> ir::Expr {
        let kind = match &e.kind {
            ExprKind::Float(text) => {
                let clean: String = text.chars().filter(|c| *c != '_').collect();
                match clean.parse::<f64>() {
                    Ok(f) => ir::ExprKind::Float(f),
                    Err(_) => return self.unsupported(e, "this float literal"),
                }
            }
            ExprKind::Char(c) => ir::ExprKind::Char(*c),
            ExprKind::Opt(inner) => ir::ExprKind::Some(Box::new(self.expr(frame, inner))),
            ExprKind::Array(_, items) => {
                ir::ExprKind::Array(items.iter().map(|i| self.expr(frame, i)).collect())
            }
            ExprKind::Index(array, index) => ir::ExprKind::Index(
                Box::new(self.expr(frame, array)),
                Box::new(self.expr(frame, index)),
            ),
            ExprKind::Dot(object, name) => {
                if !matches!(
                    self.checked.cons.expand(&self.checked.type_of(object.id)),
                    Type::Obj(..)
                ) {
                    return self.unsupported(e, "this method used as a value");
                }
                ir::ExprKind::Field(Box::new(self.expr(frame, object)), name.name.clone())
            }
            ExprKind::Record(fields) => ir::ExprKind::Record(
                fields
                    .iter()
                    .map(|f| (f.name.name.clone(), self.expr(frame, &f.value)))
                    .collect(),
            ),
            ExprKind::Variant(tag, payload) => {
                let payload = match payload {
                    Some(p) => self.expr(frame, p),
                    None => unit(),
                };
                ir::ExprKind::Variant(tag.name.clone(), Box::new(payload))
            }
            ExprKind::Switch(scrutinee, cases) => {
                let scrutinee = self.expr(frame, scrutinee);
                let cases = cases
                    .iter()
                    .map(|case| {
                        let pat = self.pat(frame, &case.pat, &scrutinee.ty);
                        let body = self.expr(frame, &case.body);
                        ir::Case { pat, body }
                    })
                    .collect();
                ir::ExprKind::Switch(Box::new(scrutinee), cases)
            }
            ExprKind::While(cond, body) => {
                let (break_label, continue_label) = self.loop_labels(e.id);
                let cond = self.expr(frame, cond);
                let body = self.expr(frame, body);
                let body = node(
                    ir::ExprKind::Labeled(continue_label, Box::new(body)),
                    Ty::unit(),
                );
                let looped = node(
                    ir::ExprKind::While(Box::new(cond), Box::new(body)),
                    Ty::unit(),
                );
                ir::ExprKind::Labeled(break_label, Box::new(looped))
            }
            ExprKind::For(pat, iter, body) => return self.for_loop(frame, e, pat, iter, body),
            ExprKind::Combine(..) | ExprKind::ActorUrl(_) => {
                return match self.combine_expr(frame, e, &ty) {
                    Some(lowered) => lowered,
                    None => self.unsupported(e, "this expression"),
                }
            }
            ExprKind::Object(..) => return self.unsupported(e, "an object"),
            ExprKind::Await(_) => return self.unsupported(e, "await"),
            _ => return self.unsupported(e, "this expression"),
        };
        node(kind, ty)
    }

    /// `a.size()` on an array; `None` for any other call.
    pub(super) fn method_call(
        &mut self,
        frame: &mut Frame,
        call: &Expr,
        callee: &Expr,
        args: &[Expr],
    ) -> Option<ir::Expr> {
        let ExprKind::Dot(object, name) = &callee.kind else {
            return None;
        };
        let object_ty = self.checked.cons.expand(&self.checked.type_of(object.id));
        match (&object_ty, name.name.as_str(), args) {
            (Type::Array(..), "size", []) => {
                let array = self.expr(frame, object);
                Some(node(ir::ExprKind::ArraySize(Box::new(array)), Ty::Nat))
            }
            // The other built-in methods are primitives of the runtime.
            (Type::Array(..), "vals" | "keys", [])
            | (Type::Text, "size" | "chars", [])
            | (Type::OtherPrim("Blob"), "size" | "vals", []) => {
                let prim = match (&object_ty, name.name.as_str()) {
                    (Type::Array(..), "vals") => "arrayVals",
                    (Type::Array(..), _) => "arrayKeys",
                    (Type::Text, "size") => "textSize",
                    (Type::Text, _) => "textChars",
                    (_, "size") => "blobSize",
                    _ => "blobVals",
                };
                let ty = self.expr_ty(call);
                let value = self.expr(frame, object);
                Some(node(ir::ExprKind::Prim(prim.to_string(), vec![value]), ty))
            }
            _ => None,
        }
    }

    /// `for (p in s.vals()) body` (and `keys()`, `chars()`) over an array, a text or a blob:
    /// an `ir::ExprKind::ForEach` whose body binds `p` to the item, then runs `body`.
    fn for_loop(
        &mut self,
        frame: &mut Frame,
        e: &Expr,
        pat: &Pat,
        iter: &Expr,
        body: &Expr,
    ) -> ir::Expr {
        let ExprKind::Call(callee, _, args) = &iter.kind else {
            return self.for_iter(frame, e, pat, iter, body);
        };
        let ExprKind::Dot(array, method) = &callee.kind else {
            return self.for_iter(frame, e, pat, iter, body);
        };
        let seq_ty = self.checked.cons.expand(&self.checked.type_of(array.id));
        let kind = match (&seq_ty, method.name.as_str(), args.is_empty()) {
            (Type::Array(..), "vals", true) => ir::SeqKind::ArrayVals,
            (Type::Array(..), "keys", true) => ir::SeqKind::ArrayKeys,
            (Type::Text, "chars", true) => ir::SeqKind::TextChars,
            (Type::OtherPrim("Blob"), "vals", true) => ir::SeqKind::BlobBytes,
            _ => return self.for_iter(frame, e, pat, iter, body),
        };
        let (break_label, continue_label) = self.loop_labels(e.id);
        let array = self.expr(frame, array);
        let item_ty = match (&array.ty, kind) {
            (_, ir::SeqKind::ArrayKeys) => Ty::Nat,
            (_, ir::SeqKind::TextChars) => Ty::Char,
            (_, ir::SeqKind::BlobBytes) => Ty::Fixed(ir::FixedTy::Nat8),
            (Ty::Array(t) | Ty::MutArray(t), _) => (**t).clone(),
            _ => Ty::unit(),
        };
        let item = frame.temp(item_ty.clone());
        let pat = self.pat(frame, pat, &item_ty);
        let body = self.expr(frame, body);
        let body = node(
            ir::ExprKind::Labeled(continue_label, Box::new(body)),
            Ty::unit(),
        );
        let each = node(
            ir::ExprKind::Block(
                vec![
                    ir::Stmt::LetPat(pat, node(ir::ExprKind::Local(item), item_ty)),
                    ir::Stmt::Expr(body),
                ],
                Box::new(unit()),
            ),
            Ty::unit(),
        );
        let looped = ir::ExprKind::ForEach {
            seq: Box::new(array),
            kind,
            item,
            body: Box::new(each),
        };
        node(
            ir::ExprKind::Labeled(break_label, Box::new(node(looped, Ty::unit()))),
            Ty::unit(),
        )
    }

    /// `a[i] := v` and `r.f := v`; `None` when the target is a variable.
    pub(super) fn assign_data(
        &mut self,
        frame: &mut Frame,
        target: &Expr,
        value: ir::Expr,
    ) -> Option<ir::ExprKind> {
        match &target.kind {
            ExprKind::Index(array, index) => Some(ir::ExprKind::AssignIndex(
                Box::new(self.expr(frame, array)),
                Box::new(self.expr(frame, index)),
                Box::new(value),
            )),
            ExprKind::Dot(object, name) => Some(ir::ExprKind::AssignField(
                Box::new(self.expr(frame, object)),
                name.name.clone(),
                Box::new(value),
            )),
            _ => None,
        }
    }

    /// A pattern matched against a value of IR type `ty`; its variables become locals.
    pub(super) fn pat(&mut self, frame: &mut Frame, p: &Pat, ty: &Ty) -> ir::Pat {
        match &p.kind {
            PatKind::Wild => ir::Pat::Wild,
            PatKind::Var(_, bind) => {
                let local_ty = match self.checked.bind_types.get(bind) {
                    Some(t) => {
                        let t = t.clone();
                        self.ty(&t, p.span)
                    }
                    None => ty.clone(),
                };
                ir::Pat::Bind(frame.fresh(*bind, local_ty))
            }
            PatKind::Lit(e) => ir::Pat::Literal(self.expr(frame, e)),
            PatKind::Null => ir::Pat::Null,
            PatKind::Tuple(items) => {
                let tys = match self.resolve_ir(ty) {
                    Ty::Tuple(ts) => ts,
                    _ => Vec::new(),
                };
                ir::Pat::Tuple(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let t = tys.get(i).cloned().unwrap_or_else(Ty::unit);
                            self.pat(frame, item, &t)
                        })
                        .collect(),
                )
            }
            PatKind::Some(inner) => {
                let t = match self.resolve_ir(ty) {
                    Ty::Option(t) => *t,
                    _ => Ty::unit(),
                };
                ir::Pat::Some(Box::new(self.pat(frame, inner, &t)))
            }
            PatKind::Variant(tag, inner) => {
                let t = match self.resolve_ir(ty) {
                    Ty::Variant(tags) => tags
                        .into_iter()
                        .find(|t| t.name == tag.name)
                        .map_or_else(Ty::unit, |t| t.ty),
                    _ => Ty::unit(),
                };
                let inner = match inner {
                    Some(inner) => self.pat(frame, inner, &t),
                    None => ir::Pat::Wild,
                };
                ir::Pat::Variant(tag.name.clone(), Box::new(inner))
            }
            PatKind::Record(fields) => {
                let field_tys = match self.resolve_ir(ty) {
                    Ty::Record(fs) => fs,
                    _ => Vec::new(),
                };
                ir::Pat::Record(
                    fields
                        .iter()
                        .map(|(name, inner)| {
                            let t = field_tys
                                .iter()
                                .find(|f| f.name == name.name)
                                .map_or_else(Ty::unit, |f| f.ty.clone());
                            (name.name.clone(), self.pat(frame, inner, &t))
                        })
                        .collect(),
                )
            }
            PatKind::Or(a, b) => {
                let mut alts = Vec::new();
                for side in [a, b] {
                    match self.pat(frame, side, ty) {
                        ir::Pat::Or(more) => alts.extend(more),
                        other => alts.push(other),
                    }
                }
                ir::Pat::Or(alts)
            }
            PatKind::Annot(inner, _) => self.pat(frame, inner, ty),
        }
    }

    /// Follows named types to a structural one.
    pub(super) fn resolve_ir(&self, ty: &Ty) -> Ty {
        let mut ty = ty.clone();
        for _ in 0..64 {
            match ty {
                Ty::Named(id) => match self.types.get(id.0 as usize) {
                    Some(def) => ty = def.ty.clone(),
                    None => return Ty::unit(),
                },
                other => return other,
            }
        }
        ty
    }
}
