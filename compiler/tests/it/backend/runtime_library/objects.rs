//! Runtime library tests of compound values (`50_objects.wat`): array bounds, record field
//! lookup by hash, and the trap context that names a stable variable.

use super::Rt;

#[test]
fn array_slot_checks_bounds_and_rejects_bignum_indices() {
    let mut rt = Rt::new();
    let array = rt.i32("array_alloc", &[3]);
    assert_eq!(rt.load_u32(array), 5);
    assert_eq!(rt.load_u32(array + 4), 3);
    // Small integers are tagged: index i is the word 2i+1.
    assert_eq!(rt.i32("array_slot", &[array, 2 * 2 + 1]), array + 8 + 4 * 2);
    let past = rt.try_i32("array_slot", &[array, 2 * 3 + 1]);
    assert!(past.is_err_and(|message| message.contains("index out of bounds")));
}

#[test]
fn object_field_finds_every_hash_by_binary_search() {
    let mut rt = Rt::new();
    let hashes: [u32; 5] = [3, 17, 400, 70_000, 4_000_000_000];
    let table_bytes: Vec<u8> = hashes.iter().flat_map(|hash| hash.to_le_bytes()).collect();
    let table = rt.bytes_in(&table_bytes);
    let record = rt.i32("object_alloc", &[hashes.len() as i32, table]);
    for (index, hash) in hashes.iter().enumerate() {
        assert_eq!(
            rt.i32("object_field", &[record, *hash as i32]),
            record + 12 + 4 * index as i32
        );
    }
    assert!(rt.try_i32("object_field", &[record, 18]).is_err());
}

#[test]
fn trap_in_context_prefixes_the_context_text() {
    let mut rt = Rt::new();
    let context = rt.text("cannot convert stored variable `x`: ");
    let message = rt.bytes_in(b"boom");
    rt.unit("set_trap_context", &[context]);
    let error = rt.try_unit("trap_in_context", &[message, 4]);
    assert!(error.is_err_and(|text| text.contains("cannot convert stored variable `x`: boom")));
}
