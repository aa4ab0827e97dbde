//! Equality and order of values at a static type: inline code for words and numbers, and
//! one generated helper per compound type (tuples, options, arrays, records, variants,
//! named types) for structural equality. Equality follows Motoko: structural everywhere,
//! records compared on the fields of the static type (a value of a subtype may carry more).
//! This file does not compile expressions; `func` calls it for `==`, `<` and friends, and
//! `pattern` for literal patterns.

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, Helper, ModuleBuilder};
use super::object::field_address;
use super::types;
use crate::ir::{CmpOp, FixedTy, Ty};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Consumes two values of type `ty` and leaves the comparison's Bool.
pub(crate) fn compare(module: &mut ModuleBuilder, body: &mut Body, op: CmpOp, ty: &Ty) {
    let resolved = module.resolve(ty);
    if resolved == Ty::Float {
        // Floats compare directly: with a NaN every ordered comparison is false, which an
        // order of -1/0/1 cannot express.
        let b = body.local(ValType::I32);
        let mut ins = body.ins();
        ins.local_set(b)
            .f64_load(mem(4, 0))
            .local_get(b)
            .f64_load(mem(4, 0));
        match op {
            CmpOp::Eq => ins.f64_eq(),
            CmpOp::Ne => ins.f64_ne(),
            CmpOp::Lt => ins.f64_lt(),
            CmpOp::Le => ins.f64_le(),
            CmpOp::Gt => ins.f64_gt(),
            CmpOp::Ge => ins.f64_ge(),
        };
        return;
    }
    match op {
        CmpOp::Eq => equal(module, body, ty),
        CmpOp::Ne => {
            equal(module, body, ty);
            body.ins().i32_eqz();
        }
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
            order(module, body, ty);
            let mut ins = body.ins();
            ins.i32_const(0);
            match op {
                CmpOp::Lt => ins.i32_lt_s(),
                CmpOp::Le => ins.i32_le_s(),
                CmpOp::Gt => ins.i32_gt_s(),
                _ => ins.i32_ge_s(),
            };
        }
    }
}

/// Stores the two numbers on the stack in fresh locals `(a, b)` and leaves 1 when both are
/// small integers.
pub(crate) fn both_small(body: &mut Body) -> (u32, u32) {
    let a = body.local(ValType::I32);
    let b = body.local(ValType::I32);
    body.ins()
        .local_set(b)
        .local_set(a)
        .local_get(a)
        .local_get(b)
        .i32_and()
        .i32_const(1)
        .i32_and();
    (a, b)
}

/// Stores the two values on the stack in fresh locals `(a, b)`.
fn pair(body: &mut Body) -> (u32, u32) {
    let a = body.local(ValType::I32);
    let b = body.local(ValType::I32);
    body.ins().local_set(b).local_set(a);
    (a, b)
}

/// Consumes two values of type `ty` and leaves 1 when they are equal, else 0.
pub(crate) fn equal(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    match module.resolve(ty) {
        Ty::Nat | Ty::Int => {
            // Two small integers are equal exactly when their words are (a bignum never
            // equals a small integer, being normalised).
            let (a, b) = both_small(body);
            body.ins()
                .if_(I32)
                .local_get(a)
                .local_get(b)
                .i32_eq()
                .else_()
                .local_get(a)
                .local_get(b)
                .call(module.rt("int_eq"))
                .end();
        }
        // Texts, blobs and principals share the byte-object layout.
        Ty::Text | Ty::Blob | Ty::Principal => {
            body.ins().call(module.rt("text_eq"));
        }
        Ty::Bool | Ty::Char => {
            body.ins().i32_eq();
        }
        Ty::Fixed(fixed) if !types::is_boxed(fixed) => {
            body.ins().i32_eq();
        }
        Ty::Fixed(_) => {
            let (a, b) = pair(body);
            body.ins()
                .local_get(a)
                .i64_load(mem(4, 0))
                .local_get(b)
                .i64_load(mem(4, 0))
                .i64_eq();
        }
        Ty::Float => {
            let (a, b) = pair(body);
            body.ins()
                .local_get(a)
                .f64_load(mem(4, 0))
                .local_get(b)
                .f64_load(mem(4, 0))
                .f64_eq();
        }
        // `null` equals `null`; `Any` values cannot be inspected (the checker rejects `==` on
        // them), so they count as equal rather than trap.
        Ty::Null | Ty::Any => {
            body.ins().drop().drop().i32_const(1);
        }
        Ty::Tuple(items) if items.is_empty() => {
            body.ins().drop().drop().i32_const(1);
        }
        resolved => {
            let helper = module.helper(Helper::Eq(resolved));
            body.ins().call(helper);
        }
    }
}

/// Consumes two values of type `ty` and leaves -1, 0 or 1.
pub(crate) fn order(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    match module.resolve(ty) {
        Ty::Nat | Ty::Int => {
            // Tagging preserves order, so small integers compare as words.
            let (a, b) = both_small(body);
            body.ins()
                .if_(I32)
                .local_get(a)
                .local_get(b)
                .i32_gt_s()
                .local_get(a)
                .local_get(b)
                .i32_lt_s()
                .i32_sub()
                .else_()
                .local_get(a)
                .local_get(b)
                .call(module.rt("int_cmp"))
                .end();
        }
        Ty::Text | Ty::Blob | Ty::Principal => {
            body.ins().call(module.rt("text_cmp"));
        }
        // Bools are 0 or 1, so their difference is the order (false < true).
        Ty::Bool => {
            body.ins().i32_sub();
        }
        Ty::Char => order_words(body, false),
        Ty::Fixed(fixed) if !types::is_boxed(fixed) => order_words(body, fixed.signed()),
        Ty::Fixed(fixed) => {
            let (a, b) = pair(body);
            let signed = fixed == FixedTy::Int64;
            for (first, second) in [(a, b), (b, a)] {
                let mut ins = body.ins();
                ins.local_get(first)
                    .i64_load(mem(4, 0))
                    .local_get(second)
                    .i64_load(mem(4, 0));
                if signed {
                    ins.i64_gt_s();
                } else {
                    ins.i64_gt_u();
                }
            }
            body.ins().i32_sub();
        }
        Ty::Tuple(items) if items.is_empty() => {
            body.ins().drop().drop().i32_const(0);
        }
        resolved @ Ty::Tuple(_) => {
            let helper = module.helper(Helper::TupleCmp(resolved));
            body.ins().call(helper);
        }
        _ => module.trap(body, "internal error: values of this type have no order"),
    }
}

/// The order of two unboxed words: `(a > b) - (b > a)`.
fn order_words(body: &mut Body, signed: bool) {
    let (a, b) = pair(body);
    for (first, second) in [(a, b), (b, a)] {
        let mut ins = body.ins();
        ins.local_get(first).local_get(second);
        if signed {
            ins.i32_gt_s();
        } else {
            ins.i32_gt_u();
        }
    }
    body.ins().i32_sub();
}

/// `(a, b) -> i32`: structural equality of two values of a compound type.
pub(crate) fn eq_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(2);
    let (a, b) = (0, 1);
    // Identical words are equal values at every compound type (no floats inside a word).
    // A NaN inside compares unequal to itself in moc too, so the shortcut is only taken
    // for types without floats.
    if !contains_float(module, ty, 0) {
        body.ins()
            .local_get(a)
            .local_get(b)
            .i32_eq()
            .if_(BlockType::Empty)
            .i32_const(1)
            .return_()
            .end();
    }
    match module.resolve(ty) {
        Ty::Tuple(items) => {
            for (index, item) in items.iter().enumerate() {
                let at = mem(8 + 4 * index as u32, 2);
                body.ins()
                    .local_get(a)
                    .i32_load(at)
                    .local_get(b)
                    .i32_load(at);
                equal(module, &mut body, item);
                body.ins()
                    .i32_eqz()
                    .if_(BlockType::Empty)
                    .i32_const(0)
                    .return_()
                    .end();
            }
            body.ins().i32_const(1);
        }
        Ty::Option(inner) => {
            body.ins()
                .local_get(a)
                .i32_eqz()
                .local_get(b)
                .i32_eqz()
                .i32_or()
                .if_(BlockType::Empty)
                .i32_const(0)
                .return_()
                .end()
                .local_get(a)
                .i32_load(mem(4, 2))
                .local_get(b)
                .i32_load(mem(4, 2));
            equal(module, &mut body, &inner);
        }
        Ty::Array(inner) | Ty::MutArray(inner) => {
            let index = body.local(ValType::I32);
            let len = body.local(ValType::I32);
            body.ins()
                .local_get(a)
                .i32_load(mem(4, 2))
                .local_tee(len)
                .local_get(b)
                .i32_load(mem(4, 2))
                .i32_ne()
                .if_(BlockType::Empty)
                .i32_const(0)
                .return_()
                .end()
                .block(BlockType::Empty)
                .loop_(BlockType::Empty)
                .local_get(index)
                .local_get(len)
                .i32_ge_u()
                .br_if(1)
                .local_get(a)
                .local_get(index)
                .i32_const(2)
                .i32_shl()
                .i32_add()
                .i32_load(mem(8, 2))
                .local_get(b)
                .local_get(index)
                .i32_const(2)
                .i32_shl()
                .i32_add()
                .i32_load(mem(8, 2));
            equal(module, &mut body, &inner);
            body.ins()
                .i32_eqz()
                .if_(BlockType::Empty)
                .i32_const(0)
                .return_()
                .end()
                .local_get(index)
                .i32_const(1)
                .i32_add()
                .local_set(index)
                .br(0)
                .end()
                .end()
                .i32_const(1);
        }
        Ty::Record(fields) => {
            let fields = types::sorted_fields(&fields);
            for field in &fields {
                body.ins().local_get(a);
                field_address(module, &mut body, &fields, &field.name);
                body.ins().i32_load(mem(0, 2)).local_get(b);
                field_address(module, &mut body, &fields, &field.name);
                body.ins().i32_load(mem(0, 2));
                equal(module, &mut body, &field.ty);
                body.ins()
                    .i32_eqz()
                    .if_(BlockType::Empty)
                    .i32_const(0)
                    .return_()
                    .end();
            }
            body.ins().i32_const(1);
        }
        Ty::Variant(tags) => {
            let hash = body.local(ValType::I32);
            body.ins()
                .local_get(a)
                .i32_load(mem(4, 2))
                .local_tee(hash)
                .local_get(b)
                .i32_load(mem(4, 2))
                .i32_ne()
                .if_(BlockType::Empty)
                .i32_const(0)
                .return_()
                .end();
            for tag in &tags {
                body.ins()
                    .local_get(hash)
                    .i32_const(crate::ir::idl_hash(&tag.name) as i32)
                    .i32_eq()
                    .if_(BlockType::Empty)
                    .local_get(a)
                    .i32_load(mem(8, 2))
                    .local_get(b)
                    .i32_load(mem(8, 2));
                equal(module, &mut body, &tag.ty);
                body.ins().return_().end();
            }
            body.ins().i32_const(1);
        }
        _ => {
            module.trap(
                &mut body,
                "internal error: no structural equality for this type",
            );
        }
    }
    body
}

/// Whether a value of the type may hold a float (through which identity is not equality).
fn contains_float(module: &ModuleBuilder, ty: &Ty, depth: usize) -> bool {
    // Named types recurse; a bounded walk over their structure suffices.
    if depth > 32 {
        return true;
    }
    match module.resolve(ty) {
        Ty::Float => true,
        Ty::Tuple(items) => items
            .iter()
            .any(|item| contains_float(module, item, depth + 1)),
        Ty::Option(inner) | Ty::Array(inner) | Ty::MutArray(inner) => {
            contains_float(module, &inner, depth + 1)
        }
        Ty::Record(fields) => fields
            .iter()
            .any(|f| contains_float(module, &f.ty, depth + 1)),
        Ty::Variant(tags) => tags
            .iter()
            .any(|t| contains_float(module, &t.ty, depth + 1)),
        _ => false,
    }
}

/// `(a, b) -> i32`: the order of the first component that differs, else 0.
pub(crate) fn tuple_cmp_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(2);
    let result = body.local(ValType::I32);
    if let Ty::Tuple(items) = module.resolve(ty) {
        for (index, item) in items.iter().enumerate() {
            let at = mem(8 + 4 * index as u32, 2);
            body.ins()
                .local_get(0)
                .i32_load(at)
                .local_get(1)
                .i32_load(at);
            order(module, &mut body, item);
            body.ins()
                .local_tee(result)
                .if_(BlockType::Empty)
                .local_get(result)
                .return_()
                .end();
        }
    }
    body.ins().i32_const(0);
    body
}
