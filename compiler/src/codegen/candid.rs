//! Candid: static type tables computed at compile time, and per-type decoding and encoding
//! helpers in the generated code.
//!
//! A reply's header (`DIDL`, the type table and the result types) is fixed by the method's
//! signature, so it is computed here in Rust and written with one `write_bytes`. Decoding
//! reads the message's own type table (through the runtime library) and converts by Candid
//! subtyping: `nat` is accepted where `int` is expected, a record may carry extra fields
//! (skipped) but never lack an expected one. A tuple is the record with fields `0..n`.
//! This file does not read the message header or call functions: `lifecycle` does.

use std::collections::HashMap;

use wasm_encoder::{BlockType, ValType};

use super::module::{mem, Body, Helper, ModuleBuilder};
use super::rt_abi;
use crate::ir::Ty;

pub(crate) const OP_BOOL: i32 = -2;
pub(crate) const OP_NAT: i32 = -3;
pub(crate) const OP_INT: i32 = -4;
pub(crate) const OP_TEXT: i32 = -15;
pub(crate) const OP_RECORD: i32 = -20;
pub(crate) const OP_RESERVED: i32 = -16;

/// Candid's field-name hash: `h = h * 223 + byte` over the UTF-8 bytes, modulo 2^32.
pub fn idl_hash(name: &str) -> u32 {
    name.bytes().fold(0u32, |hash, byte| {
        hash.wrapping_mul(223).wrapping_add(u32::from(byte))
    })
}

/// The type table of a message being built at compile time.
#[derive(Default)]
pub(crate) struct TypeTable {
    entries: Vec<Vec<u8>>,
    interned: HashMap<Vec<u8>, i32>,
}

impl TypeTable {
    /// The wire type of an IR type: a negative opcode, or an index into the table.
    pub fn reference(&mut self, ty: &Ty) -> i32 {
        match ty {
            Ty::Nat => OP_NAT,
            Ty::Int => OP_INT,
            Ty::Bool => OP_BOOL,
            Ty::Text => OP_TEXT,
            Ty::Tuple(items) => {
                let fields: Vec<(u32, i32)> = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| (index as u32, self.reference(item)))
                    .collect();
                self.record(&fields)
            }
            _ => OP_RESERVED,
        }
    }

    /// A record entry; `fields` must be sorted by id.
    pub fn record(&mut self, fields: &[(u32, i32)]) -> i32 {
        let mut entry = Vec::new();
        write_sleb(&mut entry, i64::from(OP_RECORD));
        write_leb(&mut entry, fields.len() as u64);
        for (id, ty) in fields {
            write_leb(&mut entry, u64::from(*id));
            write_sleb(&mut entry, i64::from(*ty));
        }
        if let Some(index) = self.interned.get(&entry) {
            return *index;
        }
        let index = self.entries.len() as i32;
        self.entries.push(entry.clone());
        self.interned.insert(entry, index);
        index
    }

    /// `DIDL`, the table, then the argument count and types: everything before the values.
    pub fn message_prefix(&self, args: &[i32]) -> Vec<u8> {
        let mut bytes = b"DIDL".to_vec();
        write_leb(&mut bytes, self.entries.len() as u64);
        for entry in &self.entries {
            bytes.extend_from_slice(entry);
        }
        write_leb(&mut bytes, args.len() as u64);
        for arg in args {
            write_sleb(&mut bytes, i64::from(*arg));
        }
        bytes
    }
}

/// The fixed start of a reply carrying values of the given types.
pub(crate) fn reply_prefix(results: &[Ty]) -> Vec<u8> {
    let mut table = TypeTable::default();
    let args: Vec<i32> = results.iter().map(|ty| table.reference(ty)).collect();
    table.message_prefix(&args)
}

pub(crate) fn write_leb(bytes: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            return;
        }
        bytes.push(byte | 0x80);
    }
}

pub(crate) fn write_sleb(bytes: &mut Vec<u8>, mut value: i64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
        if done {
            bytes.push(byte);
            return;
        }
        bytes.push(byte | 0x80);
    }
}

fn candid_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Nat => "nat",
        Ty::Int => "int",
        Ty::Bool => "bool",
        Ty::Text => "text",
        Ty::Tuple(_) => "record",
        _ => "unsupported",
    }
}

/// Emits a trap unless the opcode of the wire type in local `wire` is `opcode`.
fn expect_opcode(module: &mut ModuleBuilder, body: &mut Body, wire: u32, opcode: i32, ty: &Ty) {
    let type_opcode = module.rt("candid_type_opcode");
    body.ins()
        .local_get(wire)
        .call(type_opcode)
        .i32_const(opcode)
        .i32_ne()
        .if_(BlockType::Empty);
    let message = format!(
        "Candid decoding error: cannot convert the value to type {}",
        candid_name(ty)
    );
    module.trap(body, &message);
    body.ins().end();
}

/// `(wire_type) -> value`: reads one value of the wire type at the reader as `ty`.
pub(crate) fn decode_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(1);
    let wire = 0;
    match ty {
        Ty::Nat => {
            expect_opcode(module, &mut body, wire, OP_NAT, ty);
            body.ins().call(module.rt("read_nat"));
        }
        Ty::Text => {
            expect_opcode(module, &mut body, wire, OP_TEXT, ty);
            body.ins().call(module.rt("read_text"));
        }
        Ty::Bool => {
            expect_opcode(module, &mut body, wire, OP_BOOL, ty);
            let byte = body.local(ValType::I32);
            body.ins()
                .call(module.rt("read_byte"))
                .local_tee(byte)
                .i32_const(1)
                .i32_gt_u()
                .if_(BlockType::Empty);
            module.trap(
                &mut body,
                "Candid decoding error: a bool is neither 0 nor 1",
            );
            body.ins().end().local_get(byte);
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
                .if_(BlockType::Result(ValType::I32))
                .call(module.rt("read_int"))
                .else_()
                .local_get(opcode)
                .i32_const(OP_NAT)
                .i32_eq()
                .if_(BlockType::Result(ValType::I32))
                .call(module.rt("read_nat"))
                .else_();
            module.trap(
                &mut body,
                "Candid decoding error: cannot convert the value to type int",
            );
            body.ins().end().end();
        }
        Ty::Tuple(items) => decode_record(module, &mut body, wire, items),
        _ => module.trap(&mut body, "not supported yet: decoding this type"),
    }
    body
}

/// Reads a record at the wire type in local `wire` as the tuple `items`: fields `0..n` are
/// decoded in order, every other field is skipped, a missing one traps.
fn decode_record(module: &mut ModuleBuilder, body: &mut Body, wire: u32, items: &[Ty]) {
    expect_opcode(module, body, wire, OP_RECORD, &Ty::Tuple(Vec::new()));
    let count = body.local(ValType::I32);
    let field = body.local(ValType::I32);
    let expected = body.local(ValType::I32);
    let id = body.local(ValType::I32);
    let field_type = body.local(ValType::I32);
    let tuple = body.local(ValType::I32);
    let n = items.len() as i32;
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_record_len"))
        .local_set(count);
    if !items.is_empty() {
        body.ins()
            .i32_const(8 + 4 * n)
            .call(module.rt("alloc"))
            .local_tee(tuple)
            .i32_const(rt_abi::TAG_TUPLE as i32)
            .i32_store(mem(0, 2))
            .local_get(tuple)
            .i32_const(n)
            .i32_store(mem(4, 2));
    }
    let missing = "Candid decoding error: a record lacks an expected field";
    body.ins()
        .block(BlockType::Empty)
        .loop_(BlockType::Empty)
        .local_get(field)
        .local_get(count)
        .i32_ge_u()
        .br_if(1)
        .local_get(wire)
        .local_get(field)
        .call(module.rt("candid_record_field_id"))
        .local_set(id)
        .local_get(wire)
        .local_get(field)
        .call(module.rt("candid_record_field_type"))
        .local_set(field_type)
        .local_get(id)
        .local_get(expected)
        .i32_eq()
        .local_get(expected)
        .i32_const(n)
        .i32_lt_u()
        .i32_and()
        .if_(BlockType::Empty);
    // The field is the next expected one: decode it into its slot.
    for (index, item) in items.iter().enumerate() {
        let decode = module.helper(Helper::Decode(item.clone()));
        body.ins()
            .local_get(expected)
            .i32_const(index as i32)
            .i32_eq()
            .if_(BlockType::Empty)
            .local_get(tuple)
            .local_get(field_type)
            .call(decode)
            .i32_store(mem(8 + 4 * index as u32, 2))
            .end();
    }
    body.ins()
        .local_get(expected)
        .i32_const(1)
        .i32_add()
        .local_set(expected)
        .else_()
        // Fields come sorted by id: one beyond the expected id means the expected one is
        // missing.
        .local_get(id)
        .local_get(expected)
        .i32_gt_u()
        .local_get(expected)
        .i32_const(n)
        .i32_lt_u()
        .i32_and()
        .if_(BlockType::Empty);
    module.trap(body, missing);
    body.ins()
        .end()
        .local_get(field_type)
        .call(module.rt("candid_skip"))
        .end()
        .local_get(field)
        .i32_const(1)
        .i32_add()
        .local_set(field)
        .br(0)
        .end()
        .end()
        .local_get(expected)
        .i32_const(n)
        .i32_lt_u()
        .if_(BlockType::Empty);
    module.trap(body, missing);
    body.ins().end().local_get(tuple);
}

/// `(value) -> ()`: writes one value of `ty` (without type information).
pub(crate) fn encode_helper(module: &mut ModuleBuilder, ty: &Ty) -> Body {
    let mut body = Body::new(1);
    match ty {
        Ty::Nat => {
            body.ins().local_get(0).call(module.rt("write_nat"));
        }
        Ty::Int => {
            body.ins().local_get(0).call(module.rt("write_int"));
        }
        Ty::Bool => {
            body.ins().local_get(0).call(module.rt("write_byte"));
        }
        Ty::Text => {
            body.ins().local_get(0).call(module.rt("write_text"));
        }
        Ty::Tuple(items) => {
            for (index, item) in items.iter().enumerate() {
                let encode = module.helper(Helper::Encode(item.clone()));
                body.ins()
                    .local_get(0)
                    .i32_load(mem(8 + 4 * index as u32, 2))
                    .call(encode);
            }
        }
        _ => module.trap(&mut body, "not supported yet: encoding this type"),
    }
    body
}
