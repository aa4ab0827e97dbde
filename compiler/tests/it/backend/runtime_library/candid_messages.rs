//! Runtime library tests of Candid message headers, record accessors and skipping values,
//! on messages made by the `candid` crate and on hand-made malformed ones. Typed decoding is
//! the generated code's job and is tested with the code generator.

use candid::{CandidType, Encode};
use num_bigint::BigInt;

use super::Rt;

/// Loads a message and runs `candid_begin` on it.
fn begin(rt: &mut Rt, message: &[u8]) -> Result<i32, String> {
    rt.read_from(message);
    rt.try_i32("candid_begin", &[])
}

#[derive(CandidType)]
struct Point {
    x: candid::Int,
    label: String,
    tags: Vec<u8>,
    next: Option<Box<Point>>,
}

#[derive(CandidType)]
enum Shape {
    Circle(u32),
    Named { name: String },
    Empty,
}

#[test]
fn candid_begin_reads_primitive_arguments() {
    let mut rt = Rt::new();
    let message = Encode!(&candid::Nat::from(5u8), &"hi".to_string()).expect("encodes");
    assert_eq!(begin(&mut rt, &message), Ok(2));
    assert_eq!(rt.i32("candid_arg_type", &[0]), -3);
    assert_eq!(rt.i32("candid_arg_type", &[1]), -15);
    assert_eq!(
        rt.try_i32("candid_arg_type", &[2]),
        Err("Candid decoding error: argument index out of range".to_string())
    );
    let n = rt.i32("read_nat", &[]);
    assert_eq!(rt.int_out(n), BigInt::from(5));
    let text = rt.i32("read_text", &[]);
    assert_eq!(rt.text_out(text), "hi");
    assert_eq!(rt.i32("reader_remaining", &[]), 0);
}

#[test]
fn candid_record_accessors_list_fields_in_id_order() {
    let mut rt = Rt::new();
    let point = Point {
        x: candid::Int::from(-3),
        label: "p".into(),
        tags: vec![1, 2],
        next: None,
    };
    let message = Encode!(&point).expect("encodes");
    assert_eq!(begin(&mut rt, &message), Ok(1));
    let t = rt.i32("candid_arg_type", &[0]);
    assert_eq!(rt.i32("candid_type_opcode", &[t]), -20);
    assert_eq!(rt.i32("candid_record_len", &[t]), 4);
    let mut names = [("x", -4), ("label", -15), ("tags", 0), ("next", 0)]
        .map(|(name, ty)| (candid::idl_hash(name), name, ty));
    names.sort();
    for (i, (hash, name, ty)) in names.iter().enumerate() {
        assert_eq!(
            rt.i32("candid_record_field_id", &[t, i as i32]) as u32,
            *hash,
            "{name}"
        );
        let field_type = rt.i32("candid_record_field_type", &[t, i as i32]);
        if *ty < 0 {
            assert_eq!(field_type, *ty, "{name}");
        } else {
            let opcode = rt.i32("candid_type_opcode", &[field_type]);
            assert_eq!(opcode, if *name == "tags" { -19 } else { -18 }, "{name}");
            assert_eq!(rt.i32("candid_record_len", &[field_type]), 1);
        }
    }
    assert_eq!(
        rt.try_i32("candid_record_field_id", &[t, 4]),
        Err("Candid decoding error: field index out of range".to_string())
    );
}

#[test]
fn candid_skip_passes_over_every_kind_of_value() {
    let mut rt = Rt::new();
    let point = Point {
        x: candid::Int::from(BigInt::from(-1) << 100),
        label: "outer".into(),
        tags: vec![9; 300],
        next: Some(Box::new(Point {
            x: candid::Int::from(1),
            label: "inner".into(),
            tags: vec![],
            next: None,
        })),
    };
    let shapes = vec![
        Shape::Circle(3),
        Shape::Named { name: "sq".into() },
        Shape::Empty,
    ];
    let tuple = (
        1u8,
        -2i16,
        3u32,
        -4i64,
        1.5f32,
        2.5f64,
        true,
        (),
        "t".to_string(),
    );
    let principal = candid::Principal::from_text("aaaaa-aa").expect("a principal");
    let opts: Vec<Option<Vec<Option<i8>>>> = vec![None, Some(vec![Some(1), None])];
    let message = Encode!(
        &point,
        &shapes,
        &tuple,
        &principal,
        &opts,
        &candid::Nat::from(42u8)
    )
    .expect("encodes");
    assert_eq!(begin(&mut rt, &message), Ok(6));
    for i in 0..5 {
        let t = rt.i32("candid_arg_type", &[i]);
        rt.unit("candid_skip", &[t]);
    }
    let n = rt.i32("read_nat", &[]);
    assert_eq!(rt.int_out(n), BigInt::from(42));
    assert_eq!(rt.i32("reader_remaining", &[]), 0);
}

#[test]
fn candid_skip_passes_over_func_and_service_references() {
    let mut rt = Rt::new();
    // Types: 0 = func () -> () query, 1 = service {}; arguments: one of each, then a nat.
    let mut message = b"DIDL\x02\x6a\x00\x00\x01\x01\x69\x00\x03\x00\x01\x7d".to_vec();
    message.extend([1, 1, 2, 0xab, 0xcd, 3, b'g', b'e', b't']);
    message.extend([1, 1, 0x04]);
    message.extend([9]);
    assert_eq!(begin(&mut rt, &message), Ok(3));
    assert_eq!(rt.i32("candid_type_opcode", &[0]), -22);
    assert_eq!(rt.i32("candid_type_opcode", &[1]), -23);
    rt.unit("candid_skip", &[0]);
    rt.unit("candid_skip", &[1]);
    let n = rt.i32("read_nat", &[]);
    assert_eq!(rt.int_out(n), BigInt::from(9));
}

#[test]
fn candid_begin_rejects_malformed_headers() {
    let mut rt = Rt::new();
    let cases: &[(&[u8], &str)] = &[
        (b"DIDM\x00\x00", "missing DIDL magic"),
        (b"DID", "unexpected end of input"),
        (b"DIDL\x01\x6e\x05\x00", "type index out of range"),
        (b"DIDL\x00\x01\x00", "type index out of range"),
        (b"DIDL\x01\x7c\x00", "invalid type opcode"),
        (b"DIDL\x00\x01\x64", "invalid type opcode"),
        (
            b"DIDL\x01\x6c\x02\x05\x7d\x01\x7d\x00",
            "field ids not in ascending order",
        ),
        (b"DIDL\x01\x6c\x02\x01\x7d", "unexpected end of input"),
        (b"DIDL\x05\x6c", "count exceeds input length"),
    ];
    for (message, problem) in cases {
        assert_eq!(
            begin(&mut rt, message),
            Err(format!("Candid decoding error: {problem}")),
            "{message:?}"
        );
    }
}

#[test]
fn candid_skip_rejects_malformed_values() {
    let mut rt = Rt::new();
    let cases: &[(&[u8], &str)] = &[
        (b"DIDL\x00\x01\x71\x03ab", "unexpected end of input"),
        (b"DIDL\x01\x6e\x7d\x01\x00\x02", "invalid opt tag"),
        (
            b"DIDL\x01\x6b\x01\x00\x7f\x01\x00\x01",
            "variant index out of range",
        ),
        (
            b"DIDL\x01\x6c\x01\x00\x00\x01\x00",
            "type has no finite values",
        ),
        (b"DIDL\x00\x01\x6f", "value of type empty"),
        (b"DIDL\x00\x01\x68\x00", "opaque reference"),
        (b"DIDL\x00\x01\x7e\x02", "invalid bool"),
        (
            b"DIDL\x01\x6d\x7b\x01\x00\x05\x01\x02",
            "unexpected end of input",
        ),
    ];
    for (message, problem) in cases {
        begin(&mut rt, message).expect("the header is well formed");
        let t = rt.i32("candid_arg_type", &[0]);
        assert_eq!(
            rt.try_unit("candid_skip", &[t]),
            Err(format!("Candid decoding error: {problem}")),
            "{message:?}"
        );
    }
    begin(&mut rt, b"DIDL\x00\x01\x71\x02\xff\xfe").expect("the header is well formed");
    assert_eq!(
        rt.try_unit("candid_skip", &[-15]),
        Err("invalid UTF-8".to_string())
    );
}

#[test]
fn candid_record_accessors_serve_tuples_variants_and_containers() {
    let mut rt = Rt::new();
    let message =
        Encode!(&(7u8, "x".to_string()), &Shape::Circle(1), &vec![true]).expect("encodes");
    assert_eq!(begin(&mut rt, &message), Ok(3));
    let tuple = rt.i32("candid_arg_type", &[0]);
    assert_eq!(rt.i32("candid_record_len", &[tuple]), 2);
    assert_eq!(rt.i32("candid_record_field_id", &[tuple, 0]), 0);
    assert_eq!(rt.i32("candid_record_field_id", &[tuple, 1]), 1);
    assert_eq!(rt.i32("candid_record_field_type", &[tuple, 0]), -5);
    assert_eq!(rt.i32("candid_record_field_type", &[tuple, 1]), -15);
    let variant = rt.i32("candid_arg_type", &[1]);
    assert_eq!(rt.i32("candid_type_opcode", &[variant]), -21);
    assert_eq!(rt.i32("candid_record_len", &[variant]), 3);
    let mut hashes: Vec<u32> = ["Circle", "Named", "Empty"]
        .iter()
        .map(|name| candid::idl_hash(name))
        .collect();
    hashes.sort();
    for (i, hash) in hashes.iter().enumerate() {
        assert_eq!(
            rt.i32("candid_record_field_id", &[variant, i as i32]) as u32,
            *hash
        );
    }
    let vector = rt.i32("candid_arg_type", &[2]);
    assert_eq!(rt.i32("candid_type_opcode", &[vector]), -19);
    assert_eq!(rt.i32("candid_record_field_type", &[vector, 0]), -2);
    assert_eq!(
        rt.try_i32("candid_record_len", &[-3]),
        Err("Candid decoding error: not a record, variant, opt or vec type".to_string())
    );
}
