//! Candid encoding of values: one generated helper per IR type, `(value) -> ()`, appending
//! the value's Candid bytes (without type information) to the runtime's writer. The type
//! table that describes them comes from `candid::TypeTable`, which must agree: records are
//! written in hash order, variants as the index of their tag in hash order. Records are read
//! by field hash, so a value of a subtype (more fields) encodes at the static type. This file
//! does not decode.

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, Helper, ModuleBuilder};
use super::object::field_address;
use super::types;
use crate::ir::{self, FixedTy, Ty};

/// Writes the value of type `ty` on the stack by calling its helper.
fn encode_value(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty) {
    let encode = module.helper(Helper::Encode(ty.clone()));
    body.ins().call(encode);
}

/// `(value) -> ()`: writes one value of `ty`.
pub(crate) fn encode_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(1);
    let value = 0;
    match module.resolve(ty) {
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
            write_byte_object(module, &mut body, value);
        }
        Ty::Blob => write_byte_object(module, &mut body, value),
        Ty::Tuple(items) => {
            for (index, item) in items.iter().enumerate() {
                body.ins()
                    .local_get(value)
                    .i32_load(mem(8 + 4 * index as u32, 2));
                encode_value(module, &mut body, item);
            }
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
            encode_value(module, &mut body, &inner);
            body.ins().end();
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
            encode_value(module, &mut body, &inner);
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
            for field in &fields {
                body.ins().local_get(value);
                field_address(module, &mut body, &fields, &field.name);
                body.ins().i32_load(mem(0, 2));
                encode_value(module, &mut body, &field.ty);
            }
        }
        Ty::Variant(tags) => {
            let tags = types::sorted_tags(&tags);
            let hash = body.local(ValType::I32);
            body.ins()
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
                encode_value(module, &mut body, &tag.ty);
                body.ins().return_().end();
            }
            module.trap(
                &mut body,
                "internal error: a variant value has a tag its type lacks",
            );
        }
        Ty::Named(_) => {
            module.trap(&mut body, "internal error: a named type without structure");
        }
        Ty::Func | Ty::Param | Ty::Ref(_) => {
            module.trap(&mut body, "internal error: a type that Candid cannot carry");
        }
    }
    body
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
