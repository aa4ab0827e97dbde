//! The primitives of `mo:⛔` (`ExprKind::Prim`), each observed through `debug_show` of its
//! result or the trap it raises, from IR built by hand and run in the VM.

use candid::Decode;
use minimo_compiler::codegen::{primitive_supported, PRIMITIVES};
use minimo_compiler::ir::{BinOp, Expr, ExprKind, FixedTy, FuncId, Ty};

use super::codegen_lang::{shown, trap_of};
use super::codegen_support::*;

fn prim(name: &str, args: Vec<Expr>, ty: Ty) -> Expr {
    expr(ExprKind::Prim(name.to_string(), args), ty)
}

fn float(value: f64) -> Expr {
    expr(ExprKind::Float(value), Ty::Float)
}

fn fx(ty: FixedTy, value: i64) -> Expr {
    fixed(ty, value as u64)
}

fn next_of(iterator: Expr, item: Ty) -> Expr {
    let next = field(iterator, "next", Ty::Func);
    expr(
        ExprKind::CallClosure(Box::new(next), vec![]),
        Ty::Option(Box::new(item)),
    )
}

fn iter_ty() -> Ty {
    record_ty(&[("next", Ty::Func, false)])
}

#[test]
fn every_listed_primitive_is_supported_and_others_are_not() {
    assert!(PRIMITIVES.iter().all(|(name, _)| primitive_supported(name)));
    assert!(!primitive_supported("noSuchPrimitive"));
}

#[test]
fn text_size_counts_characters() {
    assert_eq!(shown(prim("textSize", vec![text("héllo")], Ty::Nat)), "5");
}

#[test]
fn checked_conversions_trap_when_the_value_does_not_fit() {
    assert_eq!(
        shown(prim("natToNat8", vec![nat(255)], Ty::Fixed(FixedTy::Nat8))),
        "255"
    );
    assert!(trap_of(
        &[],
        prim("natToNat8", vec![nat(256)], Ty::Fixed(FixedTy::Nat8))
    )
    .contains("arithmetic overflow"));
    assert_eq!(
        shown(prim("intToInt8", vec![int(-128)], Ty::Fixed(FixedTy::Int8))),
        "-128"
    );
    assert!(trap_of(
        &[],
        prim("intToInt8", vec![int(128)], Ty::Fixed(FixedTy::Int8))
    )
    .contains("arithmetic overflow"));
    let big = big_nat(num_bigint::BigUint::from(u64::MAX));
    assert_eq!(
        shown(prim(
            "natToNat64",
            vec![big.clone()],
            Ty::Fixed(FixedTy::Nat64)
        )),
        "18_446_744_073_709_551_615"
    );
    assert!(trap_of(
        &[],
        prim("natToNat32", vec![big], Ty::Fixed(FixedTy::Nat32))
    )
    .contains("arithmetic overflow"));
}

#[test]
fn wrapping_and_reinterpreting_conversions_keep_the_low_bits() {
    assert_eq!(
        shown(prim(
            "intToNat8Wrap",
            vec![int(-1)],
            Ty::Fixed(FixedTy::Nat8)
        )),
        "255"
    );
    assert_eq!(
        shown(prim(
            "intToInt16Wrap",
            vec![int(40000)],
            Ty::Fixed(FixedTy::Int16)
        )),
        "-25_536"
    );
    assert_eq!(
        shown(prim(
            "nat8ToInt8",
            vec![fx(FixedTy::Nat8, 200)],
            Ty::Fixed(FixedTy::Int8)
        )),
        "-56"
    );
    assert_eq!(
        shown(prim(
            "int64ToNat64",
            vec![fx(FixedTy::Int64, -1)],
            Ty::Fixed(FixedTy::Nat64)
        )),
        "18_446_744_073_709_551_615"
    );
    assert_eq!(
        shown(prim("int32ToInt", vec![fx(FixedTy::Int32, -7)], Ty::Int)),
        "-7"
    );
    assert_eq!(
        shown(prim("nat16ToNat", vec![fx(FixedTy::Nat16, 65535)], Ty::Nat)),
        "65_535"
    );
}

#[test]
fn chars_convert_to_code_points_and_texts() {
    assert_eq!(
        shown(prim(
            "charToText",
            vec![expr(ExprKind::Char('é'), Ty::Char)],
            Ty::Text
        )),
        "\"é\""
    );
    assert_eq!(
        shown(prim(
            "nat32ToChar",
            vec![fx(FixedTy::Nat32, 0x41)],
            Ty::Char
        )),
        "'A'"
    );
    assert!(trap_of(
        &[],
        prim("nat32ToChar", vec![fx(FixedTy::Nat32, 0xd800)], Ty::Char)
    )
    .contains("codepoint out of range"));
}

#[test]
fn floats_convert_to_and_from_ints() {
    assert_eq!(shown(prim("floatToInt", vec![float(9.99)], Ty::Int)), "+9");
    assert_eq!(shown(prim("floatToInt", vec![float(-9.99)], Ty::Int)), "-9");
    assert_eq!(
        shown(prim("floatToInt", vec![float(1e20)], Ty::Int)),
        "+100_000_000_000_000_000_000"
    );
    assert_eq!(shown(prim("intToFloat", vec![int(-3)], Ty::Float)), "-3");
    assert_eq!(shown(prim("floatFloor", vec![float(2.7)], Ty::Float)), "2");
    assert_eq!(shown(prim("floatSqrt", vec![float(16.0)], Ty::Float)), "4");
    assert_eq!(
        shown(prim("floatToText", vec![float(0.5)], Ty::Text)),
        "\"0.5\""
    );
}

#[test]
fn utf8_round_trips_and_invalid_bytes_decode_to_null() {
    let blob = prim("encodeUtf8", vec![text("hi")], Ty::Blob);
    assert_eq!(shown(blob.clone()), "\"\\68\\69\"");
    let opt_text = Ty::Option(Box::new(Ty::Text));
    assert_eq!(
        shown(prim("decodeUtf8", vec![blob], opt_text.clone())),
        "?\"hi\""
    );
    let bad = expr(ExprKind::Blob(vec![0xff]), Ty::Blob);
    assert_eq!(shown(prim("decodeUtf8", vec![bad], opt_text)), "null");
}

#[test]
fn text_chars_iterates_characters_then_null() {
    let mut program = ProgramBuilder::new();
    let it = || local(0, iter_ty());
    let body = block(
        vec![minimo_compiler::ir::Stmt::Let(
            minimo_compiler::ir::LocalId(0),
            prim("textChars", vec![text("aé")], iter_ty()),
        )],
        expr(
            ExprKind::DebugShow(Box::new(tuple(vec![
                next_of(it(), Ty::Char),
                next_of(it(), Ty::Char),
                next_of(it(), Ty::Char),
            ]))),
            Ty::Text,
        ),
    );
    program.query("run", vec![], Ty::Text, body);
    let id = FuncId(program.program.funcs.len() as u32 - 1);
    program.program.funcs[id.0 as usize].locals.push(iter_ty());
    let results = run(
        &program.build(),
        &[Step::Query("run", NO_ARGS.to_vec())],
        false,
    );
    let shown = Decode!(reply(&results[0]), String).ok();
    assert_eq!(shown.as_deref(), Some("(?'a', ?'é', null)"));
}

#[test]
fn array_vals_and_keys_iterate_in_order() {
    let arr = array(Ty::Nat, false, vec![nat(7), nat(8)]);
    let vals = next_of(prim("arrayVals", vec![arr.clone()], iter_ty()), Ty::Nat);
    assert_eq!(shown(vals), "?7");
    let keys = next_of(prim("arrayKeys", vec![arr], iter_ty()), Ty::Nat);
    assert_eq!(shown(keys), "?0");
}

#[test]
fn array_init_fills_every_slot() {
    let arr = prim(
        "Array_init",
        vec![nat(3), text("x")],
        Ty::MutArray(Box::new(Ty::Text)),
    );
    assert_eq!(shown(arr), "[var \"x\", \"x\", \"x\"]");
}

#[test]
fn array_tabulate_calls_the_generator_per_index() {
    let mut program = ProgramBuilder::new();
    let square = program.func(
        "square",
        vec![Ty::Func, Ty::Nat],
        vec![],
        Ty::Nat,
        binary(BinOp::NatMul, local(1, Ty::Nat), local(1, Ty::Nat)),
    );
    program.program.funcs[square.0 as usize].closure = true;
    let generator = expr(
        ExprKind::Closure {
            func: square,
            captures: vec![],
        },
        Ty::Func,
    );
    let arr = prim(
        "Array_tabulate",
        vec![nat(4), generator],
        Ty::Array(Box::new(Ty::Nat)),
    );
    let text = super::codegen_lang::text_of(
        &mut program,
        expr(ExprKind::DebugShow(Box::new(arr)), Ty::Text),
    );
    assert_eq!(text, "[0, 1, 4, 9]");
}

#[test]
fn abs_of_negative_int_is_its_magnitude() {
    assert_eq!(shown(prim("abs", vec![int(-12)], Ty::Nat)), "12");
}

#[test]
fn debug_print_reaches_the_debug_output_and_returns_unit() {
    assert_eq!(
        shown(prim("debugPrint", vec![text("hello")], Ty::unit())),
        "()"
    );
}

fn ch(c: char) -> Expr {
    prim("nat32ToChar", vec![fx(FixedTy::Nat32, c as i64)], Ty::Char)
}

#[test]
fn char_case_and_properties_reach_the_runtime_library() {
    assert_eq!(shown(prim("charToUpper", vec![ch('é')], Ty::Char)), "'É'");
    assert_eq!(shown(prim("charToLower", vec![ch('Σ')], Ty::Char)), "'σ'");
    assert_eq!(shown(prim("charToUpper", vec![ch('ß')], Ty::Char)), "'ß'");
    assert_eq!(
        shown(prim("charIsWhitespace", vec![ch('\u{3000}')], Ty::Bool)),
        "true"
    );
    assert_eq!(
        shown(prim("charIsAlphabetic", vec![ch('7')], Ty::Bool)),
        "false"
    );
    assert_eq!(
        shown(prim("charIsLowercase", vec![ch('a')], Ty::Bool)),
        "true"
    );
    assert_eq!(
        shown(prim("charIsUppercase", vec![ch('a')], Ty::Bool)),
        "false"
    );
}

#[test]
fn float_format_and_trigonometry_reach_the_runtime_library() {
    let formatted = |mode: i64| {
        prim(
            "floatToFormattedText",
            vec![float(2.5), fx(FixedTy::Nat8, 2), fx(FixedTy::Nat8, mode)],
            Ty::Text,
        )
    };
    assert_eq!(shown(formatted(0)), "\"2.50\"");
    assert_eq!(shown(formatted(1)), "\"2.50e+00\"");
    assert_eq!(shown(formatted(2)), "\"2.5\"");
    assert_eq!(shown(formatted(3)), "\"0x1.40p+1\"");
    assert_eq!(shown(prim("sin", vec![float(0.0)], Ty::Float)), "0");
    assert_eq!(shown(prim("cos", vec![float(0.0)], Ty::Float)), "1");
    assert_eq!(
        shown(prim("arctan2", vec![float(1.0), float(1.0)], Ty::Float)),
        "0.785_398_163_397_448_28"
    );
}
