//! Candid decoding of values: one generated helper per IR type and mode,
//! `(wire_type) -> value`, reading one value of the message's wire type at the runtime's
//! reader and converting it to the IR type.
//!
//! Two modes share the code. `Candid` (method arguments) follows Candid subtyping as far as
//! Motoko's shared types need: `nat` into `Int`, extra record fields skipped, a missing
//! record field of option type (or `null`/`reserved` type) read as `null`, `null` and
//! `reserved` read as `null` at an option type, `T` lifted into `?T`, a variant tag without
//! payload read from `null` (how messages carry it) or `record {}`, unknown variant tags
//! trap. `Stable` (stable variables after an upgrade) allows only Motoko's stable subtyping:
//! `nat` into `Int`, extra record fields skipped, `null` into `?T`, a variant read at a type
//! with more tags; anything else (a missing field, `T` into `?T`, `nat8` into `Nat16`) traps
//! through `trap_in_context`, whose context names the variable. Candid's rule that a failed
//! conversion inside an option becomes `null` is not implemented: it traps. Parts of a
//! recursive type wait on the work stack instead of nesting calls (`candid_work`): objects
//! are allocated first and the pending reads store into them. In `Stable` mode a mutable
//! object (`[var T]`, a record with `var` fields) of format version 2 comes with an identity
//! marker: it is registered as soon as it is allocated, before its contents are read, so a
//! cycle or an alias can refer back to it (rt/43_alias.wat). This file does not read
//! message headers (`lifecycle`, `stable`).

use wasm_encoder::{BlockType, ValType};

use super::candid::{
    self, candid_name, fixed_opcode, mutable_record, WireMode, OP_BOOL, OP_FLOAT64, OP_INT, OP_NAT,
    OP_NAT8, OP_NULL, OP_OPT, OP_PRINCIPAL, OP_RECORD, OP_RESERVED, OP_TEXT, OP_VAR, OP_VARIANT,
    OP_VEC,
};
use super::candid_work::{self, Plan};
use super::module::{mem, Body, Helper, ModuleBuilder};
use super::rt_abi;
use super::types::{self, motoko_name};
use crate::ir::{self, FixedTy, Ty};

const I32: BlockType = BlockType::Result(ValType::I32);

/// Emits a trap with a message in the mode's words; the stack is polymorphic afterwards.
fn fail(module: &mut ModuleBuilder, body: &mut Body, mode: WireMode, message: &str) {
    match mode {
        WireMode::Candid => module.trap(body, &format!("Candid decoding error: {message}")),
        WireMode::Stable => {
            let address = module.statics.bytes(message.as_bytes());
            body.ins()
                .i32_const(address as i32)
                .i32_const(message.len() as i32)
                .call(module.rt("trap_in_context"))
                .unreachable();
        }
    }
}

/// The message for a wire value that does not convert to `ty`.
fn mismatch(module: &ModuleBuilder, mode: WireMode, ty: &Ty) -> String {
    match mode {
        WireMode::Candid => format!(
            "cannot convert the value to type {}",
            candid_name(module.ir_types(), ty)
        ),
        WireMode::Stable => format!(
            "the stored value does not convert to type {}",
            motoko_name(module.ir_types(), ty)
        ),
    }
}

/// Traps unless the opcode of the wire type in local `wire` is `opcode`.
fn expect(
    module: &mut ModuleBuilder,
    body: &mut Body,
    mode: WireMode,
    wire: u32,
    opcode: i32,
    ty: &Ty,
) {
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_type_opcode"))
        .i32_const(opcode)
        .i32_ne()
        .if_(BlockType::Empty);
    let message = mismatch(module, mode, ty);
    fail(module, body, mode, &message);
    body.ins().end();
}

/// Calls the decoder of `ty` on the wire type on the stack.
fn decode_value(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty, mode: WireMode) {
    let decode = module.helper(Helper::Decode(ty.clone(), mode));
    body.ins().call(decode);
}

/// Pushes the reading of `ty` on the work stack (`candid_work`); the stack holds the wire
/// type and the address that receives the value.
fn push_decode(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty, mode: WireMode) {
    let decode = module.helper(Helper::Decode(ty.clone(), mode));
    candid_work::push(module, body, decode);
}

/// With the wire type of a part of type `ty` on the stack: makes its object around a 0 part
/// (`make`, which leaves the object), pushes the reading of the part into the object's word
/// at `offset`, and leaves the object.
fn push_into(
    module: &mut ModuleBuilder,
    body: &mut Body,
    ty: &Ty,
    mode: WireMode,
    offset: i32,
    make: impl FnOnce(&mut ModuleBuilder, &mut Body),
) {
    let part = body.local(ValType::I32);
    let object = body.local(ValType::I32);
    body.ins().local_set(part);
    make(module, body);
    body.ins()
        .local_set(object)
        .local_get(part)
        .local_get(object)
        .i32_const(offset)
        .i32_add();
    push_decode(module, body, ty, mode);
    body.ins().local_get(object);
}

/// With the wire type of an option's content on the stack: `?value`.
fn decode_some(module: &mut ModuleBuilder, body: &mut Body, inner: &Ty, mode: WireMode) {
    let some = module.rt("some");
    if Plan::new().push(module, inner, true) {
        push_into(module, body, inner, mode, 4, |_, body| {
            body.ins().i32_const(rt_abi::NULL).call(some);
        });
    } else {
        decode_value(module, body, inner, mode);
        body.ins().call(some);
    }
}

/// `(wire_type) -> value`: reads one value of the wire type at the reader as `ty`. The helper
/// of a recursive type drives the work stack when it is the outermost one (`candid_work`).
pub(crate) fn decode_helper(module: &mut ModuleBuilder, ty: &Ty, mode: WireMode) -> Body {
    let mut body = Body::new(1);
    if candid_work::is_deep(module.ir_types(), ty) {
        let frame = candid_work::begin(module, &mut body);
        decode_step(module, &mut body, ty, mode);
        candid_work::finish(module, &mut body, frame);
    } else {
        decode_step(module, &mut body, ty, mode);
    }
    body
}

/// Reads the value of wire type local 0 as `ty`, calling or pushing the helpers of its parts;
/// leaves the value (whose pushed parts are still to be read).
fn decode_step(module: &mut ModuleBuilder, body: &mut Body, ty: &Ty, mode: WireMode) {
    let resolved = module.resolve(ty);
    let mutable = mode == WireMode::Stable
        && (matches!(resolved, Ty::MutArray(_)) || mutable_record(&resolved));
    if !mutable {
        decode_contents(module, body, ty, &resolved, mode, false);
        return;
    }
    // A `var` wire type (format version 2) puts an identity marker first: a reference back
    // is the object already read; a first occurrence is read from the wrapped vec or record.
    // Version 1 has no markers: the wire type is the vec or record itself.
    let (tag, table, count) = match &resolved {
        Ty::Record(fields) => {
            let sorted = types::sorted_fields(fields);
            let table = types::record_table(&mut module.statics, &sorted);
            (rt_abi::TAG_OBJECT, table, sorted.len())
        }
        _ => (rt_abi::TAG_ARRAY, 0, 0),
    };
    let wire = 0;
    let marker = body.local(ValType::I32);
    body.ins()
        .block(I32)
        .local_get(wire)
        .call(module.rt("candid_type_opcode"))
        .i32_const(OP_VAR)
        .i32_eq()
        .if_(BlockType::Empty)
        .call(module.rt("read_leb_u32"))
        .local_tee(marker)
        .if_(BlockType::Empty)
        .local_get(marker)
        .i32_const(tag as i32)
        .i32_const(table as i32)
        .i32_const(count as i32)
        .call(module.rt("alias_get"))
        .br(2)
        .end()
        .local_get(wire)
        .i32_const(0)
        .call(module.rt("candid_record_field_type"))
        .local_set(wire)
        .end();
    decode_contents(module, body, ty, &resolved, mode, true);
    body.ins().end();
}

/// Reads the contents of a value of the resolved type `resolved`; `register` when the
/// object must be registered for references back as soon as it is allocated.
fn decode_contents(
    module: &mut ModuleBuilder,
    body: &mut Body,
    ty: &Ty,
    resolved: &Ty,
    mode: WireMode,
    register: bool,
) {
    let wire = 0;
    match resolved {
        Ty::Nat => {
            expect(module, body, mode, wire, OP_NAT, ty);
            body.ins().call(module.rt("read_nat"));
        }
        Ty::Int => {
            // An `int` is read as is; a `nat` is an `int` by subtyping.
            let opcode = body.local(ValType::I32);
            body.ins()
                .local_get(wire)
                .call(module.rt("candid_type_opcode"))
                .local_tee(opcode)
                .i32_const(OP_INT)
                .i32_eq()
                .if_(I32)
                .call(module.rt("read_int"))
                .else_()
                .local_get(opcode)
                .i32_const(OP_NAT)
                .i32_eq()
                .if_(I32)
                .call(module.rt("read_nat"))
                .else_();
            let message = mismatch(module, mode, ty);
            fail(module, body, mode, &message);
            body.ins().end().end();
        }
        Ty::Text => {
            expect(module, body, mode, wire, OP_TEXT, ty);
            body.ins().call(module.rt("read_text"));
        }
        Ty::Bool => {
            expect(module, body, mode, wire, OP_BOOL, ty);
            let byte = body.local(ValType::I32);
            body.ins()
                .call(module.rt("read_byte"))
                .local_tee(byte)
                .i32_const(1)
                .i32_gt_u()
                .if_(BlockType::Empty);
            fail(module, body, mode, "a bool is neither 0 nor 1");
            body.ins().end().local_get(byte);
        }
        Ty::Fixed(fixed) => {
            expect(module, body, mode, wire, fixed_opcode(*fixed), ty);
            read_fixed(module, body, *fixed);
        }
        Ty::Char => {
            expect(module, body, mode, wire, fixed_opcode(FixedTy::Nat32), ty);
            let char = body.local(ValType::I32);
            body.ins()
                .call(module.rt("read_u32_le"))
                .local_tee(char)
                .i32_const(0x10ffff)
                .i32_gt_u()
                .local_get(char)
                .i32_const(0xf800)
                .i32_and()
                .i32_const(0xd800)
                .i32_eq()
                .i32_or()
                .if_(BlockType::Empty);
            fail(module, body, mode, "a Char is not a Unicode scalar value");
            body.ins().end().local_get(char);
        }
        Ty::Float => {
            expect(module, body, mode, wire, OP_FLOAT64, ty);
            body.ins()
                .i32_const(8)
                .call(module.rt("read_bytes"))
                .i64_load(mem(0, 0))
                .call(module.rt("box64"));
        }
        Ty::Null => {
            expect(module, body, mode, wire, OP_NULL, ty);
            body.ins().i32_const(rt_abi::NULL);
        }
        Ty::Any => {
            body.ins()
                .local_get(wire)
                .call(module.rt("candid_skip"))
                .i32_const(0);
        }
        Ty::Principal => {
            expect(module, body, mode, wire, OP_PRINCIPAL, ty);
            body.ins()
                .call(module.rt("read_byte"))
                .i32_const(1)
                .i32_ne()
                .if_(BlockType::Empty);
            fail(module, body, mode, "an opaque principal reference");
            body.ins().end();
            read_byte_object(module, body, rt_abi::TAG_PRINCIPAL);
        }
        Ty::Blob => {
            expect(module, body, mode, wire, OP_VEC, ty);
            body.ins()
                .local_get(wire)
                .i32_const(0)
                .call(module.rt("candid_record_field_type"))
                .i32_const(OP_NAT8)
                .i32_ne()
                .if_(BlockType::Empty);
            let message = mismatch(module, mode, ty);
            fail(module, body, mode, &message);
            body.ins().end();
            read_byte_object(module, body, rt_abi::TAG_BLOB);
        }
        Ty::Option(inner) => decode_option(module, body, mode, wire, ty, inner),
        Ty::Array(inner) | Ty::MutArray(inner)
            if candid_work::is_deep(module.ir_types(), inner) =>
        {
            // Every element is pushed, the last first, so that they are read in order.
            expect(module, body, mode, wire, OP_VEC, ty);
            let elem = body.local(ValType::I32);
            let index = body.local(ValType::I32);
            let array = body.local(ValType::I32);
            body.ins()
                .local_get(wire)
                .i32_const(0)
                .call(module.rt("candid_record_field_type"))
                .local_set(elem)
                .call(module.rt("read_leb_u32"))
                .local_tee(index)
                .call(module.rt("array_alloc"))
                .local_set(array);
            if register {
                body.ins().local_get(array).call(module.rt("alias_add"));
            }
            body.ins()
                .block(BlockType::Empty)
                .loop_(BlockType::Empty)
                .local_get(index)
                .i32_eqz()
                .br_if(1)
                .local_get(elem)
                .local_get(index)
                .i32_const(1)
                .i32_sub()
                .local_tee(index)
                .i32_const(2)
                .i32_shl()
                .local_get(array)
                .i32_add()
                .i32_const(8)
                .i32_add();
            push_decode(module, body, inner, mode);
            body.ins().br(0).end().end().local_get(array);
        }
        Ty::Array(inner) | Ty::MutArray(inner) => {
            expect(module, body, mode, wire, OP_VEC, ty);
            let elem = body.local(ValType::I32);
            let len = body.local(ValType::I32);
            let array = body.local(ValType::I32);
            let index = body.local(ValType::I32);
            body.ins()
                .local_get(wire)
                .i32_const(0)
                .call(module.rt("candid_record_field_type"))
                .local_set(elem)
                .call(module.rt("read_leb_u32"))
                .local_tee(len)
                .call(module.rt("array_alloc"))
                .local_set(array);
            if register {
                body.ins().local_get(array).call(module.rt("alias_add"));
            }
            body.ins()
                .block(BlockType::Empty)
                .loop_(BlockType::Empty)
                .local_get(index)
                .local_get(len)
                .i32_ge_u()
                .br_if(1)
                .local_get(array)
                .local_get(index)
                .i32_const(2)
                .i32_shl()
                .i32_add()
                .local_get(elem);
            decode_value(module, body, inner, mode);
            body.ins()
                .i32_store(mem(8, 2))
                .local_get(index)
                .i32_const(1)
                .i32_add()
                .local_set(index)
                .br(0)
                .end()
                .end()
                .local_get(array);
        }
        Ty::Tuple(items) => {
            let fields: Vec<Slot> = items
                .iter()
                .enumerate()
                .map(|(index, item)| Slot {
                    hash: index as u32,
                    name: format!("component {index}"),
                    ty: item.clone(),
                })
                .collect();
            let tuple = body.local(ValType::I32);
            if items.is_empty() {
                body.ins().i32_const(0).local_set(tuple);
            } else {
                body.ins()
                    .i32_const(8 + 4 * items.len() as i32)
                    .call(module.rt("alloc"))
                    .local_tee(tuple)
                    .i32_const(rt_abi::TAG_TUPLE as i32)
                    .i32_store(mem(0, 2))
                    .local_get(tuple)
                    .i32_const(items.len() as i32)
                    .i32_store(mem(4, 2));
            }
            decode_fields(module, body, mode, wire, ty, &fields, tuple, 8);
            body.ins().local_get(tuple);
        }
        Ty::Record(fields) => {
            let sorted = types::sorted_fields(fields);
            let slots: Vec<Slot> = sorted
                .iter()
                .map(|field| Slot {
                    hash: ir::idl_hash(&field.name),
                    name: format!("field `{}`", field.name),
                    ty: field.ty.clone(),
                })
                .collect();
            let table = types::record_table(&mut module.statics, &sorted);
            let record = body.local(ValType::I32);
            body.ins()
                .i32_const(sorted.len() as i32)
                .i32_const(table as i32)
                .call(module.rt("object_alloc"))
                .local_set(record);
            if register {
                body.ins().local_get(record).call(module.rt("alias_add"));
            }
            decode_fields(module, body, mode, wire, ty, &slots, record, 12);
            body.ins().local_get(record);
        }
        Ty::Variant(tags) => {
            expect(module, body, mode, wire, OP_VARIANT, ty);
            let index = body.local(ValType::I32);
            let id = body.local(ValType::I32);
            let payload = body.local(ValType::I32);
            body.ins()
                .call(module.rt("read_leb_u32"))
                .local_tee(index)
                .local_get(wire)
                .call(module.rt("candid_record_len"))
                .i32_ge_u()
                .if_(BlockType::Empty);
            fail(module, body, mode, "variant index out of range");
            body.ins()
                .end()
                .local_get(wire)
                .local_get(index)
                .call(module.rt("candid_record_field_id"))
                .local_set(id)
                .local_get(wire)
                .local_get(index)
                .call(module.rt("candid_record_field_type"))
                .local_set(payload)
                .block(I32);
            let make = module.rt("variant");
            for tag in types::sorted_tags(tags) {
                let hash = ir::idl_hash(&tag.name) as i32;
                body.ins()
                    .local_get(id)
                    .i32_const(hash)
                    .i32_eq()
                    .if_(BlockType::Empty);
                if candid::is_unit(&tag.ty) {
                    // A tag without payload: `null` (or `reserved`) on the wire, as the
                    // service declares it, or the `record {}` that stable memory holds.
                    let null = body.local(ValType::I32);
                    body.ins()
                        .local_get(payload)
                        .call(module.rt("candid_type_opcode"))
                        .local_tee(null)
                        .i32_const(OP_NULL)
                        .i32_eq()
                        .local_get(null)
                        .i32_const(OP_RESERVED)
                        .i32_eq()
                        .i32_or()
                        .if_(I32)
                        .i32_const(hash)
                        .i32_const(0)
                        .call(make)
                        .else_()
                        .i32_const(hash)
                        .local_get(payload);
                    decode_value(module, body, &tag.ty, mode);
                    body.ins().call(make).end();
                } else if Plan::new().push(module, &tag.ty, true) {
                    body.ins().local_get(payload);
                    push_into(module, body, &tag.ty, mode, 8, |_, body| {
                        body.ins().i32_const(hash).i32_const(0).call(make);
                    });
                } else {
                    body.ins().i32_const(hash).local_get(payload);
                    decode_value(module, body, &tag.ty, mode);
                    body.ins().call(make);
                }
                body.ins().br(1).end();
            }
            let message = match mode {
                WireMode::Candid => "a variant tag that the expected type lacks".to_string(),
                WireMode::Stable => format!(
                    "the stored variant has a tag that type {} lacks",
                    motoko_name(module.ir_types(), ty)
                ),
            };
            fail(module, body, mode, &message);
            body.ins().end();
        }
        Ty::Named(_) => {
            fail(module, body, mode, "a named type without structure");
        }
        // The front end never asks for these (they are neither shared nor stable); trapping
        // keeps a broken producer from reading garbage.
        Ty::Func | Ty::Param | Ty::Ref(_) => {
            fail(module, body, mode, "a type that Candid cannot carry");
        }
    }
}

/// Reads a fixed-width value (the opcode already checked) into its representation.
fn read_fixed(module: &ModuleBuilder, body: &mut Body, fixed: FixedTy) {
    let mut ins = body.ins();
    match fixed {
        FixedTy::Nat8 => {
            ins.call(module.rt("read_byte"));
        }
        FixedTy::Int8 => {
            ins.call(module.rt("read_byte")).i32_extend8_s();
        }
        FixedTy::Nat16 => {
            ins.i32_const(2)
                .call(module.rt("read_bytes"))
                .i32_load16_u(mem(0, 0));
        }
        FixedTy::Int16 => {
            ins.i32_const(2)
                .call(module.rt("read_bytes"))
                .i32_load16_s(mem(0, 0));
        }
        FixedTy::Nat32 | FixedTy::Int32 => {
            ins.call(module.rt("read_u32_le"));
        }
        FixedTy::Nat64 | FixedTy::Int64 => {
            ins.i32_const(8)
                .call(module.rt("read_bytes"))
                .i64_load(mem(0, 0))
                .call(module.rt("box64"));
        }
    }
}

/// LEB128 length and bytes at the reader, copied into a new `[tag][len][bytes]` object.
fn read_byte_object(module: &ModuleBuilder, body: &mut Body, tag: u32) {
    let len = body.local(ValType::I32);
    body.ins()
        .i32_const(tag as i32)
        .call(module.rt("read_leb_u32"))
        .local_tee(len)
        .call(module.rt("read_bytes"))
        .local_get(len)
        .call(module.rt("bytes_new"));
}

fn decode_option(
    module: &mut ModuleBuilder,
    body: &mut Body,
    mode: WireMode,
    wire: u32,
    ty: &Ty,
    inner: &Ty,
) {
    let opcode = body.local(ValType::I32);
    let tag = body.local(ValType::I32);
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_type_opcode"))
        .local_tee(opcode)
        .i32_const(OP_NULL)
        .i32_eq()
        .if_(I32)
        .i32_const(rt_abi::NULL)
        .else_()
        .local_get(opcode)
        .i32_const(OP_OPT)
        .i32_eq()
        .if_(I32)
        .call(module.rt("read_byte"))
        .local_tee(tag)
        .i32_eqz()
        .if_(I32)
        .i32_const(rt_abi::NULL)
        .else_()
        .local_get(tag)
        .i32_const(1)
        .i32_ne()
        .if_(BlockType::Empty);
    fail(module, body, mode, "invalid opt tag");
    body.ins()
        .end()
        .local_get(wire)
        .i32_const(0)
        .call(module.rt("candid_record_field_type"));
    decode_some(module, body, inner, mode);
    body.ins().end().else_();
    let liftable = !matches!(module.resolve(inner), Ty::Option(_) | Ty::Null | Ty::Any);
    match mode {
        WireMode::Candid => {
            // `reserved` reads as null; any other value is lifted into the option.
            body.ins()
                .local_get(opcode)
                .i32_const(OP_RESERVED)
                .i32_eq()
                .if_(I32)
                .i32_const(rt_abi::NULL)
                .else_();
            if liftable {
                body.ins().local_get(wire);
                decode_some(module, body, inner, mode);
            } else {
                let message = mismatch(module, mode, ty);
                fail(module, body, mode, &message);
            }
            body.ins().end();
        }
        WireMode::Stable => {
            let message = format!(
                "the stored value does not convert to type {} (a value is never lifted into an option)",
                motoko_name(module.ir_types(), ty)
            );
            fail(module, body, mode, &message);
        }
    }
    body.ins().end().end();
}

/// One expected field of a record or tuple.
struct Slot {
    hash: u32,
    name: String,
    ty: Ty,
}

/// Reads a wire record into the object in local `target`, whose slot i is at
/// `base + 4 * i`: the wire fields come sorted by id, so one pass matches them against the
/// expected ones (also sorted), skipping those not expected. The pass walks the unpacked
/// table entry (`candid_fields`) with a pointer, as this runs once per element of a list.
/// From the first field of a recursive type on, reads and skips are pushed in order and then
/// reversed; which fields match depends only on the type table, so a missing field still
/// traps before any of them.
#[allow(clippy::too_many_arguments)]
fn decode_fields(
    module: &mut ModuleBuilder,
    body: &mut Body,
    mode: WireMode,
    wire: u32,
    ty: &Ty,
    slots: &[Slot],
    target: u32,
    base: u32,
) {
    expect(module, body, mode, wire, OP_RECORD, ty);
    // The (id, type) pair of the next wire field, and the end of the pairs.
    let field = body.local(ValType::I32);
    let end = body.local(ValType::I32);
    let segment = body.local(ValType::I32);
    let mut plan = Plan::new();
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_fields"))
        .local_tee(field)
        .local_get(field)
        .i32_load(mem(4, 2))
        .i32_const(3)
        .i32_shl()
        .i32_add()
        .i32_const(8)
        .i32_add()
        .local_set(end)
        .local_get(field)
        .i32_const(8)
        .i32_add()
        .local_set(field);
    for (index, slot) in slots.iter().enumerate() {
        let deferring = plan.deferring();
        // Skip the wire fields whose ids come before this one.
        body.ins()
            .block(BlockType::Empty)
            .loop_(BlockType::Empty)
            .local_get(field)
            .local_get(end)
            .i32_ge_u()
            .br_if(1)
            .local_get(field)
            .i32_load(mem(0, 2))
            .i32_const(slot.hash as i32)
            .i32_ge_u()
            .br_if(1)
            .local_get(field)
            .i32_load(mem(4, 2));
        skip_field(module, body, deferring);
        body.ins()
            .local_get(field)
            .i32_const(8)
            .i32_add()
            .local_set(field)
            .br(0)
            .end()
            .end();
        let pushed = plan.push(module, &slot.ty, false);
        if pushed && !deferring {
            // What is pushed from here on runs in order once reversed.
            body.ins().call(module.rt("work_mark")).local_set(segment);
        }
        body.ins()
            .local_get(field)
            .local_get(end)
            .i32_lt_u()
            .if_(I32)
            .local_get(field)
            .i32_load(mem(0, 2))
            .i32_const(slot.hash as i32)
            .i32_eq()
            .else_()
            .i32_const(0)
            .end()
            .if_(BlockType::Empty);
        let offset = base + 4 * index as u32;
        if pushed {
            body.ins()
                .local_get(field)
                .i32_load(mem(4, 2))
                .local_get(target)
                .i32_const(offset as i32)
                .i32_add();
            push_decode(module, body, &slot.ty, mode);
        } else {
            body.ins()
                .local_get(target)
                .local_get(field)
                .i32_load(mem(4, 2));
            decode_value(module, body, &slot.ty, mode);
            body.ins().i32_store(mem(offset, 2));
        }
        body.ins()
            .local_get(field)
            .i32_const(8)
            .i32_add()
            .local_set(field)
            .else_();
        let optional = matches!(module.resolve(&slot.ty), Ty::Option(_) | Ty::Null | Ty::Any);
        if !(mode == WireMode::Candid && optional) {
            // The slot stays 0, which is `null` for the optional case.
            let message = match mode {
                WireMode::Candid => format!("a record lacks the {}", slot.name),
                WireMode::Stable => format!("the stored record lacks the {}", slot.name),
            };
            fail(module, body, mode, &message);
        }
        body.ins().end();
    }
    // Skip the wire fields after the last expected one.
    body.ins()
        .block(BlockType::Empty)
        .loop_(BlockType::Empty)
        .local_get(field)
        .local_get(end)
        .i32_ge_u()
        .br_if(1)
        .local_get(field)
        .i32_load(mem(4, 2));
    skip_field(module, body, plan.deferring());
    body.ins()
        .local_get(field)
        .i32_const(8)
        .i32_add()
        .local_set(field)
        .br(0)
        .end()
        .end();
    if plan.deferring() {
        body.ins()
            .local_get(segment)
            .call(module.rt("work_reverse"));
    }
}

/// Skips the wire field whose type is on the stack, or pushes that skip after the pushed
/// fields before it.
fn skip_field(module: &mut ModuleBuilder, body: &mut Body, pushed: bool) {
    let skip = module.rt("candid_skip");
    if pushed {
        body.ins().i32_const(0);
        candid_work::push(module, body, skip);
    } else {
        body.ins().call(skip);
    }
}
