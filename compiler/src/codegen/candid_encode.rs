//! Candid encoding of values: one generated helper per IR type, `(value) -> ()`, appending
//! the value's Candid bytes (without type information) to the runtime's writer. The type
//! table that describes them comes from `candid::TypeTable`, which must agree: records are
//! written in hash order, variants as the index of their tag in hash order. Records are read
//! by field hash, so a value of a subtype (more fields) encodes at the static type. Parts of
//! a recursive type wait on the work stack instead of nesting calls (`candid_work`), so a
//! long list does not overflow the Wasm stack. A mutable object is written once and then
//! referred to by index (the stable format's `var` types, `candid::OP_VAR`), so that aliases
//! and cycles survive. This file does not decode.

use wasm_encoder::{BlockType, ValType};

use super::candid::{mutable_record, WireMode};
use super::candid_work::{self, Plan};
use super::module::{mem, Body, Helper, ModuleBuilder};
use super::object::field_address;
use super::types;
use crate::ir::{self, FixedTy, Ty};

/// Writes the value of type `ty` on the stack by calling its helper, or pushes that call on
/// the work stack (`candid_work`).
fn encode_value(
    module: &mut ModuleBuilder,
    body: &mut Body,
    ty: &Ty,
    mode: WireMode,
    pushed: bool,
) {
    let encode = module.helper(Helper::Encode(ty.clone(), mode));
    if pushed {
        body.ins().i32_const(0);
        candid_work::push(module, body, encode);
    } else {
        body.ins().call(encode);
    }
}

/// `(value) -> ()`: writes one value of `ty`. The helper of a recursive type drives the work
/// stack when it is the outermost one (`candid_work`).
pub(crate) fn encode_helper(module: &mut ModuleBuilder, ty: &Ty, mode: WireMode) -> Body {
    let mut body = Body::new(1);
    if candid_work::is_deep(module.ir_types(), ty) {
        let frame = candid_work::begin(module, &mut body);
        encode_step(module, &mut body, ty, mode);
        candid_work::finish(module, &mut body, frame);
    } else {
        encode_step(module, &mut body, ty, mode);
    }
    body
}

/// Writes the value in local 0, calling or pushing the helpers of its parts. In the stable
/// format a mutable object (`[var T]`, a record with `var` fields) is preceded by its
/// identity marker, and its contents are written only at its first occurrence
/// (rt/43_alias.wat); a Candid message has no identities.
fn encode_step(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty, mode: WireMode) {
    let resolved = module.resolve(ty);
    let mutable = mode == WireMode::Stable
        && (matches!(resolved, Ty::MutArray(_)) || mutable_record(&resolved));
    if mutable {
        body.ins()
            .local_get(0)
            .call(module.rt("write_alias"))
            .if_(BlockType::Empty);
    }
    encode_contents(module, body, resolved, mode);
    if mutable {
        body.ins().end();
    }
}

/// Writes the contents of the value in local 0, of the resolved type `ty`.
fn encode_contents(module: &mut ModuleBuilder, body: &mut Body, ty: Ty, mode: WireMode) {
    let value = 0;
    match ty {
        Ty::Nat => {
            body.ins().local_get(value).call(module.rt("write_nat"));
        }
        Ty::Int => {
            body.ins().local_get(value).call(module.rt("write_int"));
        }
        Ty::Bool => {
            body.ins().local_get(value).call(module.rt("write_byte"));
        }
        Ty::Text => {
            body.ins().local_get(value).call(module.rt("write_text"));
        }
        Ty::Fixed(FixedTy::Nat8 | FixedTy::Int8) => {
            body.ins().local_get(value).call(module.rt("write_byte"));
        }
        Ty::Fixed(FixedTy::Nat16 | FixedTy::Int16) => {
            let write = module.rt("write_byte");
            body.ins()
                .local_get(value)
                .call(write)
                .local_get(value)
                .i32_const(8)
                .i32_shr_u()
                .call(write);
        }
        Ty::Fixed(FixedTy::Nat32 | FixedTy::Int32) | Ty::Char => {
            body.ins().local_get(value).call(module.rt("write_u32_le"));
        }
        // The 64 bits of a box, little-endian as Candid wants them.
        Ty::Fixed(_) | Ty::Float => {
            body.ins()
                .local_get(value)
                .i32_const(4)
                .i32_add()
                .i32_const(8)
                .call(module.rt("write_bytes"));
        }
        Ty::Null | Ty::Any => {}
        Ty::Principal => {
            body.ins().i32_const(1).call(module.rt("write_byte"));
            write_byte_object(module, body, value);
        }
        Ty::Blob => write_byte_object(module, body, value),
        Ty::Tuple(items) => {
            let parts: Vec<(u32, Ty)> = items
                .iter()
                .enumerate()
                .map(|(index, item)| (8 + 4 * index as u32, item.clone()))
                .collect();
            encode_parts(module, body, &parts, mode, |_, body, offset| {
                body.ins().local_get(value).i32_load(mem(offset, 2));
            });
        }
        Ty::Option(inner) => {
            let write = module.rt("write_byte");
            body.ins()
                .local_get(value)
                .i32_eqz()
                .if_(BlockType::Empty)
                .i32_const(0)
                .call(write)
                .else_()
                .i32_const(1)
                .call(write)
                .local_get(value)
                .i32_load(mem(4, 2));
            let pushed = Plan::new().push(module, &inner, true);
            encode_value(module, body, &inner, mode, pushed);
            body.ins().end();
        }
        Ty::Array(inner) | Ty::MutArray(inner)
            if candid_work::is_deep(module.ir_types(), &inner) =>
        {
            // Every element is pushed, the last first, so that they are written in order.
            let index = body.local(ValType::I32);
            body.ins()
                .local_get(value)
                .i32_load(mem(4, 2))
                .local_tee(index)
                .call(module.rt("write_leb_u32"))
                .block(BlockType::Empty)
                .loop_(BlockType::Empty)
                .local_get(index)
                .i32_eqz()
                .br_if(1)
                .local_get(index)
                .i32_const(1)
                .i32_sub()
                .local_tee(index)
                .i32_const(2)
                .i32_shl()
                .local_get(value)
                .i32_add()
                .i32_load(mem(8, 2));
            encode_value(module, body, &inner, mode, true);
            body.ins().br(0).end().end();
        }
        Ty::Array(inner) | Ty::MutArray(inner) => {
            let index = body.local(ValType::I32);
            let len = body.local(ValType::I32);
            body.ins()
                .local_get(value)
                .i32_load(mem(4, 2))
                .local_tee(len)
                .call(module.rt("write_leb_u32"))
                .block(BlockType::Empty)
                .loop_(BlockType::Empty)
                .local_get(index)
                .local_get(len)
                .i32_ge_u()
                .br_if(1)
                .local_get(value)
                .local_get(index)
                .i32_const(2)
                .i32_shl()
                .i32_add()
                .i32_load(mem(8, 2));
            encode_value(module, body, &inner, mode, false);
            body.ins()
                .local_get(index)
                .i32_const(1)
                .i32_add()
                .local_set(index)
                .br(0)
                .end()
                .end();
        }
        Ty::Record(fields) => {
            let fields = types::sorted_fields(&fields);
            let parts: Vec<(u32, Ty)> = fields
                .iter()
                .enumerate()
                .map(|(index, field)| (index as u32, field.ty.clone()))
                .collect();
            encode_parts(module, body, &parts, mode, |module, body, index| {
                body.ins().local_get(value);
                field_address(module, body, &fields, &fields[index as usize].name);
                body.ins().i32_load(mem(0, 2));
            });
        }
        Ty::Variant(tags) => {
            let tags = types::sorted_tags(&tags);
            let hash = body.local(ValType::I32);
            body.ins()
                .block(BlockType::Empty)
                .local_get(value)
                .i32_load(mem(4, 2))
                .local_set(hash);
            for (index, tag) in tags.iter().enumerate() {
                body.ins()
                    .local_get(hash)
                    .i32_const(ir::idl_hash(&tag.name) as i32)
                    .i32_eq()
                    .if_(BlockType::Empty)
                    .i32_const(index as i32)
                    .call(module.rt("write_leb_u32"))
                    .local_get(value)
                    .i32_load(mem(8, 2));
                let pushed = Plan::new().push(module, &tag.ty, true);
                encode_value(module, body, &tag.ty, mode, pushed);
                body.ins().br(1).end();
            }
            module.trap(
                body,
                "internal error: a variant value has a tag its type lacks",
            );
            body.ins().end();
        }
        Ty::Named(_) => {
            module.trap(body, "internal error: a named type without structure");
        }
        Ty::Func | Ty::Param | Ty::Ref(_) => {
            module.trap(body, "internal error: a type that Candid cannot carry");
        }
    }
}

/// Writes the parts of a tuple or record in order; `load` puts the part with the given key
/// (offset or index) on the stack. The parts after the first pushed one are pushed too, last
/// first, so that the work stack writes them in order.
fn encode_parts(
    module: &mut ModuleBuilder,
    body: &mut Body,
    parts: &[(u32, Ty)],
    mode: WireMode,
    load: impl Fn(&mut ModuleBuilder, &mut Body, u32),
) {
    let mut plan = Plan::new();
    let pushed: Vec<bool> = parts
        .iter()
        .enumerate()
        .map(|(index, (_, ty))| plan.push(module, ty, index + 1 == parts.len()))
        .collect();
    for ((key, ty), pushed) in parts.iter().zip(&pushed) {
        if !pushed {
            load(module, body, *key);
            encode_value(module, body, ty, mode, false);
        }
    }
    for ((key, ty), pushed) in parts.iter().zip(&pushed).rev() {
        if *pushed {
            load(module, body, *key);
            encode_value(module, body, ty, mode, true);
        }
    }
}

/// LEB128 length, then the bytes of a `[tag][len][bytes]` object in local `value`.
fn write_byte_object(module: &mut ModuleBuilder, body: &mut Body, value: u32) {
    body.ins()
        .local_get(value)
        .i32_load(mem(4, 2))
        .call(module.rt("write_leb_u32"))
        .local_get(value)
        .i32_const(8)
        .i32_add()
        .local_get(value)
        .i32_load(mem(4, 2))
        .call(module.rt("write_bytes"));
}
