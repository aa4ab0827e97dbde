//! Pattern matching: `switch` (cases tried in order, trapping when none matches) and `let`
//! with a refutable pattern. A pattern compiles to tests that branch to a failure label and
//! to `local.set`s for its bindings; the label is a relative branch depth that grows as
//! blocks open inside the pattern. This file does not decide equality (`compare`) nor where
//! a field lives (`object::field_address`).

use wasm_encoder::{BlockType, ValType};

use super::compare::equal;
use super::func::FuncCompiler;
use super::module::mem;
use super::object::field_address;
use super::types;
use crate::ir::{self, Case, Expr, Pat, Ty};

const NO_MATCH: &str = "switch: no case matches the value";
const LET_FAILED: &str = "pattern failed: the value does not match the pattern of a let";

impl FuncCompiler<'_> {
    /// `switch (scrutinee) { case ... }` leaving the chosen case's value.
    pub(crate) fn switch(&mut self, scrutinee: &Expr, cases: &[Case]) {
        let value = self.body.local(ValType::I32);
        self.expr(scrutinee);
        self.body
            .ins()
            .local_set(value)
            .block(BlockType::Result(ValType::I32));
        for case in cases {
            self.body.ins().block(BlockType::Empty);
            self.pat(&case.pat, value, &scrutinee.ty, 0);
            self.depth += 2;
            self.expr(&case.body);
            self.depth -= 2;
            self.body.ins().br(1).end();
        }
        self.fail(NO_MATCH);
        self.body.ins().end();
    }

    /// `let pat = init`, trapping when the value does not match.
    pub(crate) fn let_pat(&mut self, pat: &Pat, init: &Expr) {
        if let Pat::Bind(local) = pat {
            self.expr(init);
            self.body.ins().local_set(local.0);
            return;
        }
        let value = self.body.local(ValType::I32);
        if irrefutable(pat) {
            // Nothing can fail: no blocks, no trap.
            self.expr(init);
            self.body.ins().local_set(value);
            self.pat(pat, value, &init.ty, 0);
            return;
        }
        self.expr(init);
        self.body
            .ins()
            .local_set(value)
            .block(BlockType::Empty)
            .block(BlockType::Empty);
        self.pat(pat, value, &init.ty, 0);
        self.body.ins().br(1).end();
        self.module.trap(&mut self.body, LET_FAILED);
        self.body.ins().end();
    }

    /// Matches the value in local `value` (of type `ty`) against `pat`: binds its variables
    /// and branches to depth `fail` when it does not match.
    fn pat(&mut self, pat: &Pat, value: u32, ty: &Ty, fail: u32) {
        let resolved = self.module.resolve(ty);
        match pat {
            Pat::Wild => {}
            Pat::Bind(local) => {
                self.body.ins().local_get(value).local_set(local.0);
            }
            Pat::Literal(literal) => {
                self.body.ins().local_get(value);
                self.expr(literal);
                equal(self.module, &mut self.body, ty);
                self.body.ins().i32_eqz().br_if(fail);
            }
            Pat::Tuple(items) => {
                let item_types = match &resolved {
                    Ty::Tuple(types) => types.clone(),
                    _ => Vec::new(),
                };
                for (index, (item, item_ty)) in items.iter().zip(item_types.iter()).enumerate() {
                    if matches!(item, Pat::Wild) {
                        continue;
                    }
                    let part = self.body.local(ValType::I32);
                    self.body
                        .ins()
                        .local_get(value)
                        .i32_load(mem(8 + 4 * index as u32, 2))
                        .local_set(part);
                    self.pat(item, part, item_ty, fail);
                }
            }
            Pat::Null => {
                self.body.ins().local_get(value).br_if(fail);
            }
            Pat::Some(inner) => {
                let inner_ty = match &resolved {
                    Ty::Option(inner) => (**inner).clone(),
                    _ => Ty::Any,
                };
                let part = self.body.local(ValType::I32);
                self.body
                    .ins()
                    .local_get(value)
                    .i32_eqz()
                    .br_if(fail)
                    .local_get(value)
                    .i32_load(mem(4, 2))
                    .local_set(part);
                self.pat(inner, part, &inner_ty, fail);
            }
            Pat::Variant(name, inner) => {
                let payload_ty = match &resolved {
                    Ty::Variant(tags) => tags
                        .iter()
                        .find(|tag| &tag.name == name)
                        .map(|tag| tag.ty.clone())
                        .unwrap_or_else(Ty::unit),
                    _ => Ty::unit(),
                };
                self.body
                    .ins()
                    .local_get(value)
                    .i32_load(mem(4, 2))
                    .i32_const(ir::idl_hash(name) as i32)
                    .i32_ne()
                    .br_if(fail);
                if !matches!(**inner, Pat::Wild) {
                    let part = self.body.local(ValType::I32);
                    self.body
                        .ins()
                        .local_get(value)
                        .i32_load(mem(8, 2))
                        .local_set(part);
                    self.pat(inner, part, &payload_ty, fail);
                }
            }
            Pat::Record(fields) => {
                let sorted = match &resolved {
                    Ty::Record(fields) => types::sorted_fields(fields),
                    _ => Vec::new(),
                };
                for (name, field_pat) in fields {
                    let field_ty = sorted
                        .iter()
                        .find(|field| &field.name == name)
                        .map(|field| field.ty.clone())
                        .unwrap_or(Ty::Any);
                    let part = self.body.local(ValType::I32);
                    self.body.ins().local_get(value);
                    field_address(self.module, &mut self.body, &sorted, name);
                    self.body.ins().i32_load(mem(0, 2)).local_set(part);
                    self.pat(field_pat, part, &field_ty, fail);
                }
            }
            Pat::Or(alternatives) => {
                // block $matched { block $try_1 { p1 (fail -> $try_1); br $matched } ... ;
                // br fail }, with depths counted from inside each block.
                self.body.ins().block(BlockType::Empty);
                for alternative in alternatives {
                    self.body.ins().block(BlockType::Empty);
                    self.pat(alternative, value, ty, 0);
                    self.body.ins().br(1).end();
                }
                self.body.ins().br(fail + 1).end();
            }
        }
    }
}

/// Whether the pattern matches every value of its type (so matching it cannot branch).
fn irrefutable(pat: &Pat) -> bool {
    match pat {
        Pat::Wild | Pat::Bind(_) => true,
        Pat::Tuple(items) => items.iter().all(irrefutable),
        Pat::Record(fields) => fields.iter().all(|(_, p)| irrefutable(p)),
        _ => false,
    }
}
