//! Principals in the Internet Computer's textual form, and canister ids made from a counter.
//!
//! The textual form is the CRC-32 (IEEE) of the bytes, big-endian, followed by the bytes,
//! encoded in lowercase base32 without padding and split into groups of five characters by
//! dashes. A canister id is the 64-bit big-endian index followed by the bytes `0x01 0x01`, so the
//! first canister is `rwlgt-iiaaa-aaaaa-aaaaa-cai` as on a local replica. This file does not
//! allocate ids or remember which are taken; the caller (the CLI's state directory) does.

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// The anonymous principal, the caller of messages that name no caller.
pub const ANONYMOUS: &[u8] = &[0x04];

/// The bytes of the canister id with this index.
pub fn canister_id_bytes(index: u64) -> Vec<u8> {
    let mut bytes = index.to_be_bytes().to_vec();
    bytes.extend_from_slice(&[0x01, 0x01]);
    bytes
}

/// The textual canister id with this index: `canister_id_text(0)` is
/// `rwlgt-iiaaa-aaaaa-aaaaa-cai`.
pub fn canister_id_text(index: u64) -> String {
    to_text(&canister_id_bytes(index))
}

/// The textual form of a principal's bytes.
pub fn to_text(bytes: &[u8]) -> String {
    let mut data = crc32(bytes).to_be_bytes().to_vec();
    data.extend_from_slice(bytes);
    let encoded = base32_encode(&data);
    let mut text = String::with_capacity(encoded.len() + encoded.len() / 5);
    for (i, c) in encoded.chars().enumerate() {
        if i > 0 && i % 5 == 0 {
            text.push('-');
        }
        text.push(c);
    }
    text
}

/// The bytes of a principal in textual form, or a message saying what is wrong with the text.
pub fn from_text(text: &str) -> Result<Vec<u8>, String> {
    let compact: String = text.chars().filter(|c| *c != '-').collect();
    let data = base32_decode(&compact.to_ascii_lowercase())
        .ok_or_else(|| format!("`{text}` is not in base32"))?;
    if data.len() < 4 {
        return Err(format!("`{text}` is too short to be a principal"));
    }
    let (checksum, bytes) = data.split_at(4);
    if bytes.len() > 29 {
        return Err(format!("`{text}` is too long to be a principal"));
    }
    if checksum != crc32(bytes).to_be_bytes() {
        return Err(format!("`{text}` has a wrong checksum"));
    }
    // Only the canonical spelling is accepted, so that one principal has one text.
    if to_text(bytes) != text {
        return Err(format!("`{text}` is not in canonical form"));
    }
    Ok(bytes.to_vec())
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn base32_encode(data: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for &byte in data {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = ((buffer << 5) | value) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_canister_ids_match_a_local_replica() {
        assert_eq!(canister_id_text(0), "rwlgt-iiaaa-aaaaa-aaaaa-cai");
        assert_eq!(canister_id_text(1), "rrkah-fqaaa-aaaaa-aaaaq-cai");
    }

    #[test]
    fn anonymous_principal_text() {
        assert_eq!(to_text(ANONYMOUS), "2vxsx-fae");
    }

    #[test]
    fn text_round_trips() {
        for index in [0, 1, 7, 1 << 40] {
            let text = canister_id_text(index);
            assert_eq!(from_text(&text), Ok(canister_id_bytes(index)));
        }
    }

    #[test]
    fn wrong_checksum_is_rejected() {
        assert!(from_text("rwlgt-iiaaa-aaaaa-aaaab-cai").is_err());
        assert!(from_text("not a principal!").is_err());
    }
}
