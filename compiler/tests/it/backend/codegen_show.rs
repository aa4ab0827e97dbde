//! `debug_show` of every kind of value, byte for byte as moc prints it (the lines of the
//! conformance case `run/debug_show_values`), from IR built by hand and run in the VM.

use minimo_compiler::ir::{ExprKind, FixedTy, Ty};

use super::codegen_lang::shown;
use super::codegen_support::*;

fn fx(ty: FixedTy, value: i64) -> minimo_compiler::ir::Expr {
    fixed(ty, value as u64)
}

fn float(value: f64) -> minimo_compiler::ir::Expr {
    expr(ExprKind::Float(value), Ty::Float)
}

fn chr(c: char) -> minimo_compiler::ir::Expr {
    expr(ExprKind::Char(c), Ty::Char)
}

#[test]
fn show_nats_with_digit_groups() {
    assert_eq!(
        shown(tuple(vec![nat(0), nat(42), nat(1_000_000)])),
        "(0, 42, 1_000_000)"
    );
}

#[test]
fn show_ints_with_signs() {
    assert_eq!(shown(tuple(vec![int(-5), int(5), int(0)])), "(-5, +5, 0)");
}

#[test]
fn show_big_numbers() {
    let big = big_nat(num_bigint::BigUint::from(10u32).pow(30));
    assert_eq!(shown(big), "1_000_000_000_000_000_000_000_000_000_000");
}

#[test]
fn show_fixed_width_numbers() {
    let nats = tuple(vec![
        fx(FixedTy::Nat8, 255),
        fx(FixedTy::Nat16, 65535),
        fx(FixedTy::Nat32, 7),
        fx(FixedTy::Nat64, 7),
    ]);
    assert_eq!(shown(nats), "(255, 65_535, 7, 7)");
    let ints = tuple(vec![
        fx(FixedTy::Int8, -128),
        fx(FixedTy::Int16, -1),
        fx(FixedTy::Int32, 7),
        fx(FixedTy::Int64, -7),
    ]);
    assert_eq!(shown(ints), "(-128, -1, +7, -7)");
}

#[test]
fn show_floats_as_moc() {
    let floats = tuple(vec![
        float(1.5),
        float(-0.25),
        float(3.0),
        float(1e10),
        float(0.1),
    ]);
    assert_eq!(
        shown(floats),
        "(1.5, -0.25, 3, 10_000_000_000, 0.100_000_000_000_000_01)"
    );
    let more = tuple(vec![
        float(100.0),
        float(1.0e-5),
        float(123456789.125),
        float(1024.0),
    ]);
    assert_eq!(
        shown(more),
        "(100, 1.000_000_000_000_000_1e-05, 123_456_789.125, 1_024)"
    );
    let edges = tuple(vec![
        float(0.0),
        float(f64::INFINITY),
        float(f64::NEG_INFINITY),
        float(1e300),
    ]);
    assert_eq!(shown(edges), "(0, inf, -inf, 1.000_000_000_000_000_1e+300)");
}

#[test]
fn show_bools_chars_and_text() {
    assert_eq!(
        shown(tuple(vec![boolean(true), boolean(false)])),
        "(true, false)"
    );
    assert_eq!(
        shown(tuple(vec![chr('a'), chr('\n'), chr('Z')])),
        "('a', '\n', 'Z')"
    );
    assert_eq!(shown(text("text")), "\"text\"");
}

#[test]
fn show_blob_as_hex_escapes() {
    let blob = expr(ExprKind::Blob(vec![0, 0xff, 0x41]), Ty::Blob);
    assert_eq!(shown(blob), "\"\\00\\FF\\41\"");
}

#[test]
fn show_principal_in_textual_form() {
    let principal = |bytes: Vec<u8>| {
        let blob = expr(ExprKind::Blob(bytes), Ty::Blob);
        expr(
            ExprKind::Prim("principalOfBlob".into(), vec![blob]),
            Ty::Principal,
        )
    };
    assert_eq!(shown(principal(Vec::new())), "aaaaa-aa");
    assert_eq!(
        shown(principal(vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 1])),
        "rrkah-fqaaa-aaaaa-aaaaq-cai"
    );
}

#[test]
fn show_options() {
    let opts = tuple(vec![
        null_of(Ty::Nat),
        some(nat(1)),
        some(some(nat(2))),
        some(expr(ExprKind::Null, Ty::Null)),
    ]);
    assert_eq!(shown(opts), "(null, ?1, ?(?2), ?null)");
}

#[test]
fn show_unit_arrays_and_nested_tuples() {
    assert_eq!(shown(unit()), "()");
    let arrays = tuple(vec![
        array(Ty::Nat, false, vec![nat(1), nat(2), nat(3)]),
        array(Ty::Nat, true, vec![nat(4), nat(5)]),
        array(Ty::Nat, false, vec![]),
    ]);
    assert_eq!(shown(arrays), "([1, 2, 3], [var 4, 5], [])");
    let nested = tuple(vec![
        tuple(vec![nat(1), nat(2)]),
        tuple(vec![nat(3), tuple(vec![nat(4), nat(5)])]),
    ]);
    assert_eq!(shown(nested), "((1, 2), (3, (4, 5)))");
}

#[test]
fn show_records_in_field_name_order() {
    let value = record(vec![
        ("c", array(Ty::Bool, false, vec![boolean(true)])),
        ("a", nat(1)),
        ("b", text("two")),
    ]);
    assert_eq!(shown(value), "{a = 1; b = \"two\"; c = [true]}");
    let ty = record_ty(&[("count", Ty::Nat, true), ("name", Ty::Text, false)]);
    let value = record_at(ty, vec![("count", nat(3)), ("name", text("m"))]);
    assert_eq!(shown(value), "{count = 3; name = \"m\"}");
}

#[test]
fn show_variants() {
    let name = record_ty(&[("name", Ty::Text, false)]);
    let rgb = Ty::Tuple(vec![Ty::Fixed(FixedTy::Nat8); 3]);
    let color = variant_ty(&[("red", Ty::unit()), ("rgb", rgb), ("named", name.clone())]);
    assert_eq!(shown(variant(color.clone(), "red", unit())), "#red");
    let triple = tuple(vec![
        fx(FixedTy::Nat8, 1),
        fx(FixedTy::Nat8, 2),
        fx(FixedTy::Nat8, 3),
    ]);
    assert_eq!(
        shown(variant(color.clone(), "rgb", triple)),
        "#rgb(1, 2, 3)"
    );
    let teal = record_at(name, vec![("name", text("teal"))]);
    assert_eq!(
        shown(variant(color, "named", teal)),
        "#named({name = \"teal\"})"
    );
    let tag = variant_ty(&[("tag", Ty::Nat)]);
    assert_eq!(shown(variant(tag, "tag", nat(5))), "#tag(5)");
}

#[test]
fn show_the_final_value_of_the_corpus_case() {
    let point = record(vec![("x", nat(1)), ("y", int(-2))]);
    let tag = variant(variant_ty(&[("tag", Ty::Nat)]), "tag", nat(5));
    let opts = array(
        Ty::Option(Box::new(Ty::Text)),
        false,
        vec![some(text("a")), null_of(Ty::Text)],
    );
    assert_eq!(
        shown(tuple(vec![point, tag, opts])),
        "({x = 1; y = -2}, #tag(5), [?\"a\", null])"
    );
}
