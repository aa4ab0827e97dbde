//! Candid type tables, computed at compile time, and LEB128 helpers.
//!
//! A reply's header (`DIDL`, the type table and the result types) is fixed by the method's
//! signature, so it is computed here in Rust and written with one `write_bytes`; the stable
//! format's header likewise. IR types map to Candid as moc maps Motoko types: `Char` is
//! `nat32`, `Blob` is `vec nat8`, `[var T]` is `vec T` in a Candid message and `var (vec T)` in
//! the stable format, where a record with `var` fields is `var (record ..)` (`OP_VAR`), a tuple is the record with fields
//! `0..n`, `Any` is `reserved`, and a named (recursive) type becomes a table entry that may
//! refer to itself. Decoding and encoding values is `candid_decode` and `candid_encode`.

use std::collections::HashMap;

use super::types::resolve;
use crate::ir::{self, FixedTy, Ty};

pub(crate) const OP_NULL: i32 = -1;
pub(crate) const OP_BOOL: i32 = -2;
pub(crate) const OP_NAT: i32 = -3;
pub(crate) const OP_INT: i32 = -4;
pub(crate) const OP_NAT8: i32 = -5;
pub(crate) const OP_FLOAT64: i32 = -14;
pub(crate) const OP_TEXT: i32 = -15;
pub(crate) const OP_RESERVED: i32 = -16;
pub(crate) const OP_OPT: i32 = -18;
pub(crate) const OP_VEC: i32 = -19;
pub(crate) const OP_RECORD: i32 = -20;
pub(crate) const OP_VARIANT: i32 = -21;
pub(crate) const OP_PRINCIPAL: i32 = -24;
/// Outside Candid's range: the stable format's mark of a mutable type (`[var T]`, a record
/// with `var` fields), wrapping the table entry of its vec or record. Only mutable types
/// produce it, and they only occur in stable variables.
pub(crate) const OP_VAR: i32 = -64;

/// Which wire format a value is written or read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum WireMode {
    /// Method arguments and replies: Candid, with Candid's subtyping, no identities.
    Candid,
    /// Stable variables (`stable`): Motoko's stable subtyping, and `var` types whose values
    /// keep their identity.
    Stable,
}

/// Candid's field-name hash: `h = h * 223 + byte` over the UTF-8 bytes, modulo 2^32.
pub fn idl_hash(name: &str) -> u32 {
    name.bytes().fold(0u32, |hash, byte| {
        hash.wrapping_mul(223).wrapping_add(u32::from(byte))
    })
}

/// The opcode of a fixed-width type.
pub(crate) fn fixed_opcode(ty: FixedTy) -> i32 {
    match ty {
        FixedTy::Nat8 => -5,
        FixedTy::Nat16 => -6,
        FixedTy::Nat32 => -7,
        FixedTy::Nat64 => -8,
        FixedTy::Int8 => -9,
        FixedTy::Int16 => -10,
        FixedTy::Int32 => -11,
        FixedTy::Int64 => -12,
    }
}

/// The Candid spelling of a type's constructor, for messages.
pub(crate) fn candid_name(types: &[ir::TypeDef], ty: &Ty) -> &'static str {
    match resolve(types, ty) {
        Ty::Nat => "nat",
        Ty::Int => "int",
        Ty::Bool => "bool",
        Ty::Text => "text",
        Ty::Fixed(FixedTy::Nat8) => "nat8",
        Ty::Fixed(FixedTy::Nat16) => "nat16",
        Ty::Fixed(FixedTy::Nat32) | Ty::Char => "nat32",
        Ty::Fixed(FixedTy::Nat64) => "nat64",
        Ty::Fixed(FixedTy::Int8) => "int8",
        Ty::Fixed(FixedTy::Int16) => "int16",
        Ty::Fixed(FixedTy::Int32) => "int32",
        Ty::Fixed(FixedTy::Int64) => "int64",
        Ty::Float => "float64",
        Ty::Blob => "blob",
        Ty::Principal => "principal",
        Ty::Null => "null",
        Ty::Any => "reserved",
        Ty::Tuple(_) | Ty::Record(_) => "record",
        Ty::Option(_) => "opt",
        Ty::Array(_) | Ty::MutArray(_) => "vec",
        Ty::Variant(_) => "variant",
        Ty::Named(_) => "a type without values",
        Ty::Func | Ty::Param | Ty::Ref(_) => "a type that Candid cannot carry",
    }
}

/// The type table of a message being built at compile time.
pub(crate) struct TypeTable {
    types: Vec<ir::TypeDef>,
    entries: Vec<Vec<u8>>,
    interned: HashMap<Vec<u8>, i32>,
    named: HashMap<ir::TypeId, i32>,
    mode: WireMode,
}

impl TypeTable {
    pub fn new(types: &[ir::TypeDef], mode: WireMode) -> Self {
        TypeTable {
            types: types.to_vec(),
            entries: Vec::new(),
            interned: HashMap::new(),
            named: HashMap::new(),
            mode,
        }
    }

    /// The wire type of an IR type: a negative opcode, or an index into the table.
    pub fn reference(&mut self, ty: &Ty) -> i32 {
        if let Ty::Named(id) = ty {
            if let Some(index) = self.named.get(id) {
                return *index;
            }
            let resolved = resolve(&self.types, ty).clone();
            if let Some(opcode) = primitive(&resolved) {
                return opcode;
            }
            // Reserve the slot first, so that the entry can refer to itself.
            let index = self.entries.len() as i32;
            self.entries.push(Vec::new());
            self.named.insert(*id, index);
            let entry = self.entry(&resolved);
            self.entries[index as usize] = entry;
            return index;
        }
        if let Some(opcode) = primitive(ty) {
            return opcode;
        }
        let entry = self.entry(ty);
        self.intern(entry)
    }

    fn intern(&mut self, entry: Vec<u8>) -> i32 {
        if let Some(index) = self.interned.get(&entry) {
            return *index;
        }
        let index = self.entries.len() as i32;
        self.entries.push(entry.clone());
        self.interned.insert(entry, index);
        index
    }

    /// The table entry of a constructed type.
    fn entry(&mut self, ty: &Ty) -> Vec<u8> {
        let mut entry = Vec::new();
        match ty {
            Ty::Blob => {
                write_sleb(&mut entry, i64::from(OP_VEC));
                write_sleb(&mut entry, i64::from(OP_NAT8));
            }
            Ty::Option(inner) => {
                let inner = self.reference(inner);
                write_sleb(&mut entry, i64::from(OP_OPT));
                write_sleb(&mut entry, i64::from(inner));
            }
            Ty::MutArray(inner) if self.mode == WireMode::Stable => {
                let inner = self.reference(inner);
                let mut vec = Vec::new();
                write_sleb(&mut vec, i64::from(OP_VEC));
                write_sleb(&mut vec, i64::from(inner));
                let vec = self.intern(vec);
                write_sleb(&mut entry, i64::from(OP_VAR));
                write_sleb(&mut entry, i64::from(vec));
            }
            Ty::Array(inner) | Ty::MutArray(inner) => {
                let inner = self.reference(inner);
                write_sleb(&mut entry, i64::from(OP_VEC));
                write_sleb(&mut entry, i64::from(inner));
            }
            Ty::Tuple(items) => {
                let fields: Vec<(u32, i32)> = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| (index as u32, self.reference(item)))
                    .collect();
                fielded(&mut entry, OP_RECORD, &fields);
            }
            Ty::Record(fields) => {
                let mut fields: Vec<(u32, i32)> = fields
                    .iter()
                    .map(|field| (ir::idl_hash(&field.name), self.reference(&field.ty)))
                    .collect();
                fields.sort_by_key(|field| field.0);
                if self.mode == WireMode::Stable && mutable_record(ty) {
                    let mut record = Vec::new();
                    fielded(&mut record, OP_RECORD, &fields);
                    let record = self.intern(record);
                    write_sleb(&mut entry, i64::from(OP_VAR));
                    write_sleb(&mut entry, i64::from(record));
                } else {
                    fielded(&mut entry, OP_RECORD, &fields);
                }
            }
            Ty::Variant(tags) => {
                let mut tags: Vec<(u32, i32)> = tags
                    .iter()
                    .map(|tag| {
                        // In messages a tag without payload (`#dot`) carries `null`, as the
                        // service (`dot;`) and moc say; stable memory keeps its `record {}`.
                        let payload = if self.mode == WireMode::Candid && is_unit(&tag.ty) {
                            OP_NULL
                        } else {
                            self.reference(&tag.ty)
                        };
                        (ir::idl_hash(&tag.name), payload)
                    })
                    .collect();
                tags.sort_by_key(|tag| tag.0);
                fielded(&mut entry, OP_VARIANT, &tags);
            }
            // Primitives never reach here; an unresolvable name is the empty record.
            _ => fielded(&mut entry, OP_RECORD, &[]),
        }
        entry
    }

    /// A record entry; `fields` must be sorted by id.
    pub fn record(&mut self, fields: &[(u32, i32)]) -> i32 {
        let mut entry = Vec::new();
        fielded(&mut entry, OP_RECORD, fields);
        self.intern(entry)
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

/// Whether `ty` is unit `()`, the payload of a variant tag written without one.
pub(crate) fn is_unit(ty: &Ty) -> bool {
    matches!(ty, Ty::Tuple(items) if items.is_empty())
}

/// Whether values of this (resolved) type are mutable objects with identity: a record with
/// a `var` field. (`[var T]` is matched where it is handled.)
pub(crate) fn mutable_record(ty: &Ty) -> bool {
    matches!(ty, Ty::Record(fields) if fields.iter().any(|field| field.mutable))
}

fn fielded(entry: &mut Vec<u8>, opcode: i32, fields: &[(u32, i32)]) {
    write_sleb(entry, i64::from(opcode));
    write_leb(entry, fields.len() as u64);
    for (id, ty) in fields {
        write_leb(entry, u64::from(*id));
        write_sleb(entry, i64::from(*ty));
    }
}

/// The opcode of a type that needs no table entry.
fn primitive(ty: &Ty) -> Option<i32> {
    Some(match ty {
        Ty::Nat => OP_NAT,
        Ty::Int => OP_INT,
        Ty::Bool => OP_BOOL,
        Ty::Text => OP_TEXT,
        Ty::Fixed(fixed) => fixed_opcode(*fixed),
        Ty::Char => fixed_opcode(FixedTy::Nat32),
        Ty::Float => OP_FLOAT64,
        Ty::Principal => OP_PRINCIPAL,
        Ty::Null => OP_NULL,
        Ty::Any => OP_RESERVED,
        _ => return None,
    })
}

/// The fixed start of a reply carrying values of the given types.
pub(crate) fn reply_prefix(types: &[ir::TypeDef], results: &[Ty]) -> Vec<u8> {
    let mut table = TypeTable::new(types, WireMode::Candid);
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
