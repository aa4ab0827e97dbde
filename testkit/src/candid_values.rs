//! Well-formed Candid values of a given type, drawn from fuzz bytes.
//!
//! The generator follows the type: every value it returns encodes at that type, so a canister
//! that declares the type must accept it. Sizes are bounded (short texts and vectors, a depth
//! past which options are `null` and vectors empty), which also ends recursive types. A type
//! with no finite value (`empty`, or a variant whose every case recurses past the depth) makes
//! the generator give up with an error, and the caller skips the input. This file does not
//! send anything; `canister.rs` does.

use arbitrary::{Error, Result, Unstructured};
use candid::types::value::{IDLField, IDLValue, VariantValue};
use candid::types::{Type, TypeEnv, TypeInner};
use candid::{Int, Nat, Principal};

/// Past this depth, options are `null`, vectors empty and variants take their first case.
const MAX_DEPTH: usize = 6;
/// The longest vector, text or blob generated.
const MAX_LENGTH: usize = 8;
/// A hard stop for variants and records that recurse without an option or a vector.
const GIVE_UP_DEPTH: usize = 32;

/// A value of type `ty` (whose names `env` defines), drawn from `u`.
pub fn value(u: &mut Unstructured, env: &TypeEnv, ty: &Type) -> Result<IDLValue> {
    value_at(u, env, ty, 0)
}

/// One value per type in `types`: the arguments of a method.
pub fn arguments(u: &mut Unstructured, env: &TypeEnv, types: &[Type]) -> Result<Vec<IDLValue>> {
    types.iter().map(|ty| value(u, env, ty)).collect()
}

fn value_at(u: &mut Unstructured, env: &TypeEnv, ty: &Type, depth: usize) -> Result<IDLValue> {
    if depth > GIVE_UP_DEPTH {
        return Err(Error::IncorrectFormat);
    }
    let shallow = depth >= MAX_DEPTH;
    Ok(match ty.as_ref() {
        TypeInner::Null => IDLValue::Null,
        TypeInner::Bool => IDLValue::Bool(u.arbitrary()?),
        TypeInner::Nat => IDLValue::Nat(Nat::from(natural(u)?)),
        TypeInner::Int => {
            let magnitude = Int::from(natural(u)?);
            IDLValue::Int(if u.arbitrary()? {
                Int(-magnitude.0)
            } else {
                magnitude
            })
        }
        TypeInner::Nat8 => IDLValue::Nat8(u.arbitrary()?),
        TypeInner::Nat16 => IDLValue::Nat16(u.arbitrary()?),
        TypeInner::Nat32 => IDLValue::Nat32(u.arbitrary()?),
        TypeInner::Nat64 => IDLValue::Nat64(u.arbitrary()?),
        TypeInner::Int8 => IDLValue::Int8(u.arbitrary()?),
        TypeInner::Int16 => IDLValue::Int16(u.arbitrary()?),
        TypeInner::Int32 => IDLValue::Int32(u.arbitrary()?),
        TypeInner::Int64 => IDLValue::Int64(u.arbitrary()?),
        TypeInner::Float32 => IDLValue::Float32(u.arbitrary()?),
        TypeInner::Float64 => IDLValue::Float64(u.arbitrary()?),
        TypeInner::Text => IDLValue::Text(text(u)?),
        TypeInner::Reserved => IDLValue::Reserved,
        TypeInner::Principal => IDLValue::Principal(principal(u)?),
        TypeInner::Var(name) => {
            let named = env
                .rec_find_type(name)
                .map_err(|_| Error::IncorrectFormat)?;
            return value_at(u, env, named, depth + 1);
        }
        TypeInner::Opt(inner) => {
            if shallow || !u.arbitrary::<bool>()? {
                IDLValue::None
            } else {
                IDLValue::Opt(Box::new(value_at(u, env, inner, depth + 1)?))
            }
        }
        TypeInner::Vec(inner) => {
            let length = if shallow {
                0
            } else {
                u.int_in_range(0..=MAX_LENGTH)?
            };
            if matches!(inner.as_ref(), TypeInner::Nat8) {
                IDLValue::Blob(u.bytes(length)?.to_vec())
            } else {
                let items = (0..length)
                    .map(|_| value_at(u, env, inner, depth + 1))
                    .collect::<Result<_>>()?;
                IDLValue::Vec(items)
            }
        }
        TypeInner::Record(fields) => IDLValue::Record(
            fields
                .iter()
                .map(|field| {
                    Ok(IDLField {
                        id: (*field.id).clone(),
                        val: value_at(u, env, &field.ty, depth + 1)?,
                    })
                })
                .collect::<Result<_>>()?,
        ),
        TypeInner::Variant(fields) => {
            if fields.is_empty() {
                return Err(Error::IncorrectFormat);
            }
            let index = if shallow {
                0
            } else {
                u.choose_index(fields.len())?
            };
            let field = &fields[index];
            let val = value_at(u, env, &field.ty, depth + 1)?;
            IDLValue::Variant(VariantValue(
                Box::new(IDLField {
                    id: (*field.id).clone(),
                    val,
                }),
                index as u64,
            ))
        }
        TypeInner::Func(_) => IDLValue::Func(principal(u)?, text(u)?),
        TypeInner::Service(_) => IDLValue::Service(principal(u)?),
        // `empty` has no value; the rest do not occur in a service's argument types.
        _ => return Err(Error::IncorrectFormat),
    })
}

/// A natural number: usually small, sometimes past 64 bits (the bignum paths).
fn natural(u: &mut Unstructured) -> Result<u128> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 => u128::from(u.int_in_range(0..=10u8)?),
        1 => u128::from(u.arbitrary::<u32>()?),
        2 => u128::from(u.arbitrary::<u64>()?),
        _ => u.arbitrary::<u128>()?,
    })
}

/// A short text of any Unicode scalar values.
fn text(u: &mut Unstructured) -> Result<String> {
    let length = u.int_in_range(0..=MAX_LENGTH)?;
    (0..length).map(|_| u.arbitrary::<char>()).collect()
}

/// A principal of 0 to 29 bytes, as the Internet Computer allows.
fn principal(u: &mut Unstructured) -> Result<Principal> {
    let length = u.int_in_range(0..=29)?;
    Ok(Principal::from_slice(u.bytes(length)?))
}
