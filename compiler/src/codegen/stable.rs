//! Stable variables across upgrades: the stable-memory format, written by
//! `canister_pre_upgrade` and read back by `canister_post_upgrade`.
//!
//! # Format (version 2; version 1 is still read)
//!
//! Stable memory starts with a 16-byte header followed by the payload:
//!
//! | bytes    | content                                                   |
//! |----------|-----------------------------------------------------------|
//! | 0..4     | magic `MNMO` (`4D 4E 4D 4F`)                              |
//! | 4..8     | format version, u32 little-endian: `2`                    |
//! | 8..16    | payload length in bytes, u64 little-endian                |
//! | 16..16+n | payload: one Candid message                               |
//!
//! The payload is a complete Candid message (`DIDL`, type table, argument types, values) with
//! exactly one argument: a record with one field per stable variable, whose field id is
//! Candid's hash of the variable's name (`h = h * 223 + byte`, modulo 2^32, over its UTF-8
//! bytes) and whose type is the variable's type in Candid, mapped as moc maps Motoko types
//! (`candid::TypeTable`): `Nat`/`Int` as `nat`/`int`, fixed-width as `nat8`..`int64`, `Char`
//! as `nat32`, `Float` as `float64`, `Blob` as `vec nat8`, `Principal` as `principal`,
//! `Null` as `null`, `Any` as `reserved`, options as `opt`, tuples as records with fields
//! `0..n`, records and variants by field hash, a recursive type as a table entry that refers
//! to itself.
//!
//! Version 2 keeps the identity of mutable objects. Mutability is marked in the type table
//! by an opcode outside Candid's range, `var` (-64, `candid::OP_VAR`), whose entry wraps the
//! `vec` of a `[var T]` or the `record` of a record with `var` fields (the compatibility
//! check guarantees that old and new programs agree on mutability). A value of a `var` type
//! starts with a LEB128 marker: 0 for the object's first occurrence (its contents follow, and
//! it takes the next index, counting from 0 in the order the markers are written), or
//! 1 + index for the same object as an earlier one. Two variables that alias one array come
//! back aliased, and a cycle (which always passes through a mutable object) is written
//! finitely. Immutable values are still written as trees (copying them is unobservable).
//! The writer numbers an object by overwriting its tag word with `0x80000000 | index` (the
//! heap is discarded after `canister_pre_upgrade`, or rolled back if it traps); the reader
//! registers each object as soon as it is allocated, before its contents (rt/43_alias.wat).
//! Version 1 is version 2 without `var` entries and markers: every value a tree.
//!
//! Decoding follows Motoko's stable subtyping, not Candid's (`candid_decode::WireMode`):
//! `nat` into `Int` at any depth, extra stored record fields skipped, `null` into `?T`, a
//! variant read at a type with more tags. A value is never lifted into an option, a missing
//! record field is never defaulted, and fixed-width types convert to nothing else. Every
//! failure traps with `cannot convert stored variable `x`: ...` (the variable's name is the
//! runtime library's trap context while it is decoded). Being more permissive than moc in one
//! place, the decoder also reads a stored `[var Nat]` as `[var Int]`, which moc's
//! compatibility check refuses (invariance of `var`); the CLI refuses such an upgrade before
//! the canister runs, and the conversion itself copies, so nothing is lost.
//!
//! Depth is not limited by the Wasm stack: the parts of a value of a recursive type (the rest
//! of a list, the subtrees of a tree) wait on a work stack in the heap while they are written,
//! read or skipped (`candid_work`), so a list of 100,000 elements upgrades like an array of
//! 100,000 elements; only the heap bounds it, and running out of heap traps cleanly.
//!
//! Limits of sharing: a skipped value (a variable the new program no longer declares, an
//! extra record field) numbers the mutable objects in it, and a later reference to one of
//! them traps, since its contents were not read (an alias between a removed and a kept
//! variable therefore rolls the upgrade back). A shared record referred to at a record type
//! with fields the object read at its first occurrence lacks traps rather than reading
//! missing fields.
//!
//! `canister_post_upgrade` treats stable memory that is empty or whose first four bytes are
//! zero as "nothing stored"; it traps on any other magic and on a version it does not know.
//! After reading the payload it overwrites header and payload with zeroes, then decodes:
//! a stored variable the program no longer declares is skipped, a declared one missing from
//! the record keeps its declaration's initialiser, a stored `nat` is read into an `Int`
//! variable, and every conversion Candid subtyping does not allow (an `int` into a `Nat`, a
//! tuple lacking a component) traps, which rolls the whole upgrade back.
//!
//! Two stable variables whose names hash alike cannot both be stored: such a program traps in
//! both upgrade hooks with a message naming them. This file does not run the actor body's
//! initialisers itself; `func::compile_actor_body` skips the restored ones.

use wasm_encoder::{BlockType, ValType};

use super::candid::WireMode;
use super::candid::{idl_hash, TypeTable};
use super::lifecycle::expect_record;
use super::module::{mem, Body, Helper, ModuleBuilder};
use crate::ir::{self, Stability};

/// The first four bytes of stable memory that holds stable variables.
pub const STABLE_MAGIC: [u8; 4] = *b"MNMO";
/// The version this code generator writes; it also reads version 1.
pub const STABLE_FORMAT_VERSION: u32 = 2;
/// The oldest version this code generator reads.
pub const STABLE_FORMAT_OLDEST: u32 = 1;
/// Magic, version and payload length.
pub const STABLE_HEADER_LEN: u64 = 16;

/// A payload larger than this cannot be copied into a 32-bit heap next to its zeroes.
const MAX_PAYLOAD: i64 = 0x6000_0000;

struct StableField {
    name: String,
    hash: u32,
    id: ir::GlobalId,
    ty: ir::Ty,
}

/// The stable fields sorted by hash (Candid's record order), and a collision message if two
/// names hash alike.
fn stable_fields(program: &ir::Program) -> (Vec<StableField>, Option<String>) {
    let mut fields: Vec<StableField> = program
        .globals
        .iter()
        .enumerate()
        .filter(|(_, global)| global.stability == Stability::Stable)
        .map(|(index, global)| StableField {
            name: global.name.clone(),
            hash: idl_hash(&global.name),
            id: ir::GlobalId(index as u32),
            ty: global.ty.clone(),
        })
        .collect();
    fields.sort_by_key(|field| field.hash);
    let collision = fields
        .windows(2)
        .find(|pair| pair[0].hash == pair[1].hash)
        .map(|pair| {
            format!(
                "cannot store stable variables: the names `{}` and `{}` have the same Candid hash",
                program.globals[pair[0].id.0 as usize].name,
                program.globals[pair[1].id.0 as usize].name
            )
        });
    (fields, collision)
}

/// `canister_pre_upgrade`: runs `preupgrade`, then writes header and payload.
pub(crate) fn pre_upgrade(module: &mut ModuleBuilder, program: &ir::Program) -> Body {
    let (fields, collision) = stable_fields(program);
    let mut body = Body::new(0);
    if let Some(message) = &collision {
        module.trap(&mut body, message);
        return body;
    }
    if let Some(preupgrade) = program.preupgrade {
        body.ins().call(module.func(preupgrade)).drop();
    }

    let mut table = TypeTable::new(module.ir_types(), WireMode::Stable);
    let record: Vec<(u32, i32)> = fields
        .iter()
        .map(|field| (field.hash, table.reference(&field.ty)))
        .collect();
    let record = table.record(&record);
    let prefix = table.message_prefix(&[record]);
    let address = module.statics.bytes(&prefix);
    body.ins()
        .call(module.rt("writer_reset"))
        .call(module.rt("alias_reset"))
        .i32_const(address as i32)
        .i32_const(prefix.len() as i32)
        .call(module.rt("write_bytes"));
    for field in &fields {
        let encode = module.helper(Helper::Encode(field.ty.clone(), WireMode::Stable));
        body.ins().global_get(module.field(field.id)).call(encode);
    }

    let len = body.local(ValType::I32);
    let pages = body.local(ValType::I64);
    let have = body.local(ValType::I64);
    let header = body.local(ValType::I32);
    body.ins()
        .call(module.rt("writer_len"))
        .local_tee(len)
        .i64_extend_i32_u()
        .i64_const(STABLE_HEADER_LEN as i64 + 0xffff)
        .i64_add()
        .i64_const(16)
        .i64_shr_u()
        .local_set(pages)
        .call(module.ic0("stable64_size"))
        .local_tee(have)
        .local_get(pages)
        .i64_lt_u()
        .if_(BlockType::Empty)
        .local_get(pages)
        .local_get(have)
        .i64_sub()
        .call(module.ic0("stable64_grow"))
        .i64_const(-1)
        .i64_eq()
        .if_(BlockType::Empty);
    module.trap(
        &mut body,
        "pre_upgrade: stable memory cannot grow to hold the stable variables",
    );
    body.ins()
        .end()
        .end()
        .i32_const(STABLE_HEADER_LEN as i32)
        .call(module.rt("alloc"))
        .local_tee(header)
        .i32_const(u32::from_le_bytes(STABLE_MAGIC) as i32)
        .i32_store(mem(0, 2))
        .local_get(header)
        .i32_const(STABLE_FORMAT_VERSION as i32)
        .i32_store(mem(4, 2))
        .local_get(header)
        .local_get(len)
        .i64_extend_i32_u()
        .i64_store(mem(8, 3))
        .i64_const(0)
        .local_get(header)
        .i64_extend_i32_u()
        .i64_const(STABLE_HEADER_LEN as i64)
        .call(module.ic0("stable64_write"))
        .i64_const(STABLE_HEADER_LEN as i64)
        .call(module.rt("writer_ptr"))
        .i64_extend_i32_u()
        .local_get(len)
        .i64_extend_i32_u()
        .call(module.ic0("stable64_write"));
    body
}

/// `canister_post_upgrade`: restores what the header announces, runs the actor body (which
/// skips restored fields), then `postupgrade`.
pub(crate) fn post_upgrade(
    module: &mut ModuleBuilder,
    program: &ir::Program,
    actor_body: u32,
) -> Body {
    let (fields, collision) = stable_fields(program);
    let mut body = Body::new(0);
    let size = body.local(ValType::I64);
    let header = body.local(ValType::I32);
    let magic = body.local(ValType::I32);
    let len = body.local(ValType::I64);
    let payload = body.local(ValType::I32);
    let zeroes = body.local(ValType::I32);

    body.ins()
        .block(BlockType::Empty)
        .call(module.ic0("stable64_size"))
        .local_tee(size)
        .i64_eqz()
        .br_if(0)
        .i32_const(STABLE_HEADER_LEN as i32)
        .call(module.rt("alloc"))
        .local_tee(header)
        .i64_extend_i32_u()
        .i64_const(0)
        .i64_const(STABLE_HEADER_LEN as i64)
        .call(module.ic0("stable64_read"))
        .local_get(header)
        .i32_load(mem(0, 2))
        .local_tee(magic)
        .i32_eqz()
        .br_if(0)
        .local_get(magic)
        .i32_const(u32::from_le_bytes(STABLE_MAGIC) as i32)
        .i32_ne()
        .if_(BlockType::Empty);
    module.trap(
        &mut body,
        "post_upgrade: stable memory holds data in an unknown format (no MNMO header)",
    );
    body.ins()
        .end()
        .local_get(header)
        .i32_load(mem(4, 2))
        .i32_const(STABLE_FORMAT_OLDEST as i32)
        .i32_sub()
        .i32_const((STABLE_FORMAT_VERSION - STABLE_FORMAT_OLDEST) as i32)
        .i32_gt_u()
        .if_(BlockType::Empty);
    module.trap(
        &mut body,
        "post_upgrade: stable memory was written in an unsupported format version (this program reads versions 1 and 2)",
    );
    body.ins()
        .end()
        .local_get(header)
        .i64_load(mem(8, 3))
        .local_tee(len)
        .local_get(size)
        .i64_const(16)
        .i64_shl()
        .i64_const(STABLE_HEADER_LEN as i64)
        .i64_sub()
        .i64_gt_u()
        .local_get(len)
        .i64_const(MAX_PAYLOAD)
        .i64_gt_u()
        .i32_or()
        .if_(BlockType::Empty);
    module.trap(
        &mut body,
        "post_upgrade: the stable memory header announces more bytes than can be read",
    );
    // Read the payload, then overwrite header and payload with zeroes (fresh allocations are
    // zeroed).
    body.ins()
        .end()
        .local_get(len)
        .i32_wrap_i64()
        .call(module.rt("alloc"))
        .local_tee(payload)
        .i64_extend_i32_u()
        .i64_const(STABLE_HEADER_LEN as i64)
        .local_get(len)
        .call(module.ic0("stable64_read"))
        .local_get(len)
        .i32_wrap_i64()
        .i32_const(STABLE_HEADER_LEN as i32)
        .i32_add()
        .call(module.rt("alloc"))
        .local_set(zeroes)
        .i64_const(0)
        .local_get(zeroes)
        .i64_extend_i32_u()
        .local_get(len)
        .i64_const(STABLE_HEADER_LEN as i64)
        .i64_add()
        .call(module.ic0("stable64_write"));
    if let Some(message) = &collision {
        module.trap(&mut body, message);
    }
    restore_fields(module, &mut body, &fields, payload, len);
    body.ins().end().call(actor_body);
    if let Some(postupgrade) = program.postupgrade {
        body.ins().call(module.func(postupgrade)).drop();
    }
    body
}

/// Decodes the stored record at the reader into the stable fields, setting their flags.
fn restore_fields(
    module: &mut ModuleBuilder,
    body: &mut Body,
    fields: &[StableField],
    payload: u32,
    len: u32,
) {
    let wire = body.local(ValType::I32);
    let count = body.local(ValType::I32);
    let index = body.local(ValType::I32);
    let id = body.local(ValType::I32);
    let field_type = body.local(ValType::I32);
    body.ins()
        .local_get(payload)
        .local_get(len)
        .i32_wrap_i64()
        .call(module.rt("reader_init"))
        .call(module.rt("alias_reset"))
        .i32_const(1)
        .call(module.rt("candid_allow_var"))
        .call(module.rt("candid_begin"))
        .i32_eqz()
        .if_(BlockType::Empty);
    module.trap(
        body,
        "post_upgrade: the stored stable variables hold no value",
    );
    body.ins()
        .end()
        .i32_const(0)
        .call(module.rt("candid_arg_type"))
        .local_set(wire);
    expect_record(
        module,
        body,
        wire,
        "post_upgrade: the stored stable variables are not a record",
    );
    body.ins()
        .local_get(wire)
        .call(module.rt("candid_record_len"))
        .local_set(count)
        .block(BlockType::Empty)
        .loop_(BlockType::Empty)
        .local_get(index)
        .local_get(count)
        .i32_ge_u()
        .br_if(1)
        .local_get(wire)
        .local_get(index)
        .call(module.rt("candid_record_field_id"))
        .local_set(id)
        .local_get(wire)
        .local_get(index)
        .call(module.rt("candid_record_field_type"))
        .local_set(field_type);
    // One arm per stable field of the new program; a stored field it lacks is skipped.
    for field in fields {
        let decode = module.helper(Helper::Decode(field.ty.clone(), WireMode::Stable));
        let global = module.field(field.id);
        // Every conversion failure inside names the variable.
        let context = module.statics.text(&format!(
            "cannot convert stored variable `{}`: ",
            field.name
        ));
        let set_context = module.rt("set_trap_context");
        body.ins()
            .local_get(id)
            .i32_const(field.hash as i32)
            .i32_eq()
            .if_(BlockType::Empty)
            .i32_const(context as i32)
            .call(set_context)
            .local_get(field_type)
            .call(decode)
            .global_set(global)
            .i32_const(0)
            .call(set_context);
        if let Some(flag) = module.restored_flag(field.id) {
            body.ins().i32_const(1).global_set(flag);
        }
        body.ins().else_();
    }
    body.ins()
        .local_get(field_type)
        .call(module.rt("candid_skip"));
    for _ in fields {
        body.ins().end();
    }
    body.ins()
        .local_get(index)
        .i32_const(1)
        .i32_add()
        .local_set(index)
        .br(0)
        .end()
        .end()
        .i32_const(0)
        .call(module.rt("candid_allow_var"));
}
