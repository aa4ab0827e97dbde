//! Static data: the bytes the code generator places in linear memory at compile time.
//!
//! Literals that do not fit a small integer become bignum objects, text literals become text
//! objects, and fixed byte strings (trap messages, Candid type-table prefixes) are stored raw.
//! Everything is laid out from `base` (just above the runtime library's own data) and becomes
//! one active data segment; `link` starts the allocator above its end. Identical contents
//! share one address: statics are never mutated. This file does not decide where the heap
//! starts nor how the segment is encoded.

use std::collections::HashMap;

use num_bigint::{BigInt, Sign};

use super::rt_abi;

pub(crate) struct Statics {
    base: u32,
    data: Vec<u8>,
    interned: HashMap<Vec<u8>, u32>,
}

impl Statics {
    pub fn new(base: u32) -> Self {
        Statics {
            base,
            data: Vec::new(),
            interned: HashMap::new(),
        }
    }

    pub fn base(&self) -> u32 {
        self.base
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The first address after the statics.
    pub fn end(&self) -> u32 {
        self.base + self.data.len() as u32
    }

    /// Places raw bytes at a 4-aligned address and returns it.
    pub fn bytes(&mut self, bytes: &[u8]) -> u32 {
        if let Some(address) = self.interned.get(bytes) {
            return *address;
        }
        while !self.data.len().is_multiple_of(4) {
            self.data.push(0);
        }
        let address = self.end();
        self.data.extend_from_slice(bytes);
        self.interned.insert(bytes.to_vec(), address);
        address
    }

    /// A text object `[TAG_TEXT][byte_len][bytes]`.
    pub fn text(&mut self, text: &str) -> u32 {
        let mut object = Vec::with_capacity(8 + text.len());
        object.extend_from_slice(&rt_abi::TAG_TEXT.to_le_bytes());
        object.extend_from_slice(&(text.len() as u32).to_le_bytes());
        object.extend_from_slice(text.as_bytes());
        self.bytes(&object)
    }

    /// A normalised bignum object `[TAG_BIGNUM][sign_and_len][limbs]`; the caller makes sure
    /// the value does not fit a small integer.
    pub fn bignum(&mut self, value: &BigInt) -> u32 {
        let (sign, limbs) = value.to_u32_digits();
        let sign_bit = if sign == Sign::Minus { 1u32 << 31 } else { 0 };
        let mut object = Vec::with_capacity(8 + 4 * limbs.len());
        object.extend_from_slice(&rt_abi::TAG_BIGNUM.to_le_bytes());
        object.extend_from_slice(&(sign_bit | limbs.len() as u32).to_le_bytes());
        for limb in limbs {
            object.extend_from_slice(&limb.to_le_bytes());
        }
        self.bytes(&object)
    }
}

/// The tagged small-integer form of `value`, when it fits `[-2^30, 2^30)`.
pub(crate) fn small_int(value: &BigInt) -> Option<i32> {
    let value = i64::try_from(value).ok()?;
    if (-(1 << 30)..(1 << 30)).contains(&value) {
        Some(((value << 1) | 1) as i32)
    } else {
        None
    }
}
