//! Facts about IR types that several parts of the code generator need: resolving named
//! types, the static hash tables of records, the word of a fixed-width literal, and the
//! Motoko spelling of a type for trap messages. It emits no code.

use super::layout::Statics;
use crate::ir::{self, FixedTy, Ty};

/// Follows `Ty::Named` references in `types` until a structural type.
pub(crate) fn resolve<'a>(types: &'a [ir::TypeDef], mut ty: &'a Ty) -> &'a Ty {
    // A named type that only names itself has no structure; the bound keeps a malformed
    // program from looping forever.
    for _ in 0..=types.len() {
        match ty {
            Ty::Named(id) => match types.get(id.0 as usize) {
                Some(def) => ty = &def.ty,
                None => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// The static, interned table of a record type's field hashes, in ascending order.
pub(crate) fn record_table(statics: &mut Statics, fields: &[ir::Field]) -> u32 {
    let mut hashes: Vec<u32> = fields
        .iter()
        .map(|field| ir::idl_hash(&field.name))
        .collect();
    hashes.sort_unstable();
    let bytes: Vec<u8> = hashes.iter().flat_map(|hash| hash.to_le_bytes()).collect();
    // An empty table still needs an address of its own kind; a zero word never collides
    // with a meaningful table because tables are only compared, never read past `n`.
    if bytes.is_empty() {
        return statics.bytes(&[0, 0, 0, 0]);
    }
    statics.bytes(&bytes)
}

/// The position of the field `name` in a record type's sorted fields.
pub(crate) fn field_index(fields: &[ir::Field], name: &str) -> Option<usize> {
    fields.iter().position(|field| field.name == name)
}

/// The fields of a record type sorted by hash (the IR promises it; sorting again is cheap
/// and keeps the layout right even for a sloppy producer).
pub(crate) fn sorted_fields(fields: &[ir::Field]) -> Vec<ir::Field> {
    let mut fields = fields.to_vec();
    fields.sort_by_key(|field| ir::idl_hash(&field.name));
    fields
}

/// The sorted tags of a variant type.
pub(crate) fn sorted_tags(tags: &[ir::Tag]) -> Vec<ir::Tag> {
    let mut tags = tags.to_vec();
    tags.sort_by_key(|tag| ir::idl_hash(&tag.name));
    tags
}

/// The unboxed word of a fixed-width value of at most 32 bits, from its two's-complement
/// bits: zero-extended when unsigned, sign-extended when signed.
pub(crate) fn fixed_word(ty: FixedTy, bits: u64) -> i32 {
    let width = ty.bits();
    let mask = if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    };
    let bits = bits & mask;
    if ty.signed() && width < 64 && bits & (1u64 << (width - 1)) != 0 {
        (bits | !mask) as i64 as i32
    } else {
        bits as u32 as i32
    }
}

/// Whether values of the fixed-width type are boxed (64 bits).
pub(crate) fn is_boxed(ty: FixedTy) -> bool {
    ty.bits() == 64
}

/// The Motoko spelling of a type, for messages.
pub(crate) fn motoko_name(types: &[ir::TypeDef], ty: &Ty) -> String {
    match ty {
        Ty::Nat => "Nat".into(),
        Ty::Int => "Int".into(),
        Ty::Fixed(fixed) => format!("{fixed:?}"),
        Ty::Float => "Float".into(),
        Ty::Bool => "Bool".into(),
        Ty::Char => "Char".into(),
        Ty::Text => "Text".into(),
        Ty::Blob => "Blob".into(),
        Ty::Principal => "Principal".into(),
        Ty::Null => "Null".into(),
        Ty::Any => "Any".into(),
        Ty::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| motoko_name(types, item)).collect();
            format!("({})", items.join(", "))
        }
        Ty::Option(inner) => format!("?{}", motoko_name(types, inner)),
        Ty::Array(inner) => format!("[{}]", motoko_name(types, inner)),
        Ty::MutArray(inner) => format!("[var {}]", motoko_name(types, inner)),
        Ty::Record(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|field| {
                    let var = if field.mutable { "var " } else { "" };
                    format!("{var}{} : {}", field.name, motoko_name(types, &field.ty))
                })
                .collect();
            format!("{{{}}}", fields.join("; "))
        }
        Ty::Variant(tags) => {
            let tags: Vec<String> = tags
                .iter()
                .map(|tag| format!("#{} : {}", tag.name, motoko_name(types, &tag.ty)))
                .collect();
            format!("{{{}}}", tags.join("; "))
        }
        Ty::Named(id) => match types.get(id.0 as usize) {
            Some(def) => def.name.clone(),
            None => format!("type {}", id.0),
        },
        Ty::Func => "function".into(),
        Ty::Param => "type parameter".into(),
        Ty::Ref(inner) => format!("var {}", motoko_name(types, inner)),
    }
}
