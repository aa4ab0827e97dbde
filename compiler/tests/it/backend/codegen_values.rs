//! Values of the extended IR in the VM: Candid round trips through a method's argument and
//! reply for every type, and the expressions over compound values (patterns, arrays with
//! their bounds check, records read at a supertype, `var` fields aliased, equality).

use candid::types::value::{IDLField, IDLValue, VariantValue};
use candid::types::Label;
use minimo_compiler::ir::{CmpOp, ExprKind, FixedTy, LocalId, Pat, Ty};

use super::codegen_support::*;

/// `echo : (ty) -> (ty)` called with `value`: the reply must print as the argument does.
fn assert_round_trip(ty: Ty, value: IDLValue) {
    let mut program = ProgramBuilder::new();
    program.update("echo", vec![ty.clone()], ty.clone(), local(0, ty.clone()));
    let arg = candid_bytes(vec![value]);
    let results = run_both(&program.build(), &[Step::Update("echo", arg.clone())]);
    assert_eq!(
        candid_text(reply(&results[0])),
        candid_text(&arg),
        "at type {ty:?}"
    );
}

fn named(name: &str, val: IDLValue) -> IDLField {
    IDLField {
        id: Label::Named(name.to_string()),
        val,
    }
}

#[test]
fn fixed_width_values_round_trip_through_candid() {
    let cases = [
        (FixedTy::Nat8, IDLValue::Nat8(200)),
        (FixedTy::Nat16, IDLValue::Nat16(60_000)),
        (FixedTy::Nat32, IDLValue::Nat32(4_000_000_000)),
        (FixedTy::Nat64, IDLValue::Nat64(u64::MAX)),
        (FixedTy::Int8, IDLValue::Int8(-100)),
        (FixedTy::Int16, IDLValue::Int16(-30_000)),
        (FixedTy::Int32, IDLValue::Int32(i32::MIN)),
        (FixedTy::Int64, IDLValue::Int64(i64::MIN)),
    ];
    for (ty, value) in cases {
        assert_round_trip(Ty::Fixed(ty), value);
    }
}

#[test]
fn float_char_blob_principal_and_null_round_trip_through_candid() {
    assert_round_trip(Ty::Float, IDLValue::Float64(-1.5e300));
    assert_round_trip(Ty::Char, IDLValue::Nat32(0x1F600));
    assert_round_trip(Ty::Blob, IDLValue::Blob(vec![0, 1, 255]));
    let principal = candid::Principal::from_text(CANISTER_ID).expect("a principal");
    assert_round_trip(Ty::Principal, IDLValue::Principal(principal));
    assert_round_trip(Ty::Null, IDLValue::Null);
}

#[test]
fn options_arrays_records_and_variants_round_trip_through_candid() {
    let opt = Ty::Option(Box::new(Ty::Option(Box::new(Ty::Nat))));
    assert_round_trip(opt.clone(), IDLValue::Opt(Box::new(IDLValue::None)));
    assert_round_trip(
        opt,
        IDLValue::Opt(Box::new(IDLValue::Opt(Box::new(IDLValue::Nat(
            7u32.into(),
        ))))),
    );
    assert_round_trip(
        Ty::Array(Box::new(Ty::Text)),
        IDLValue::Vec(vec![IDLValue::Text("a".into()), IDLValue::Text("b".into())]),
    );
    let record = record_ty(&[("name", Ty::Text, false), ("count", Ty::Int, true)]);
    assert_round_trip(
        record,
        IDLValue::Record(vec![
            named("name", IDLValue::Text("x".into())),
            named("count", IDLValue::Int((-4).into())),
        ]),
    );
    let variant = variant_ty(&[("none", Ty::unit()), ("some", Ty::Nat)]);
    assert_round_trip(
        variant,
        IDLValue::Variant(VariantValue(
            Box::new(named("some", IDLValue::Nat(3u32.into()))),
            0,
        )),
    );
}

#[test]
fn candid_argument_record_may_carry_extra_fields_and_lack_optional_ones() {
    let ty = record_ty(&[
        ("a", Ty::Nat, false),
        ("b", Ty::Option(Box::new(Ty::Nat)), false),
    ]);
    let mut program = ProgramBuilder::new();
    program.update("echo", vec![ty.clone()], ty.clone(), local(0, ty));
    let arg = candid_bytes(vec![IDLValue::Record(vec![
        named("a", IDLValue::Nat(1u32.into())),
        named("zzz", IDLValue::Text("extra".into())),
    ])]);
    let results = run_both(&program.build(), &[Step::Update("echo", arg)]);
    let expected = candid_bytes(vec![IDLValue::Record(vec![
        named("a", IDLValue::Nat(1u32.into())),
        named("b", IDLValue::None),
    ])]);
    assert_eq!(candid_text(reply(&results[0])), candid_text(&expected));
}

#[test]
fn candid_argument_with_an_unknown_variant_tag_traps() {
    let ty = variant_ty(&[("a", Ty::unit())]);
    let mut program = ProgramBuilder::new();
    program.update("echo", vec![ty.clone()], ty.clone(), local(0, ty));
    let arg = candid_bytes(vec![IDLValue::Variant(VariantValue(
        Box::new(named("b", IDLValue::Null)),
        0,
    ))]);
    let results = run(&program.build(), &[Step::Update("echo", arg)], false);
    assert!(error_message(&results[0]).contains("variant tag"));
}

#[test]
fn array_index_out_of_bounds_traps() {
    let mut program = ProgramBuilder::new();
    let elems = array(Ty::Nat, false, vec![nat(1), nat(2)]);
    program.query(
        "get",
        vec![Ty::Nat],
        Ty::Nat,
        index(elems, local(0, Ty::Nat), Ty::Nat),
    );
    let wasm = program.build();
    let at = |i: u32| candid_bytes(vec![IDLValue::Nat(i.into())]);
    let results = run(
        &wasm,
        &[Step::Query("get", at(1)), Step::Query("get", at(2))],
        false,
    );
    assert_eq!(candid_text(reply(&results[0])), "(2 : nat)");
    assert!(error_message(&results[1]).contains("index out of bounds"));
}

#[test]
fn assignment_to_a_mutable_array_is_seen_through_every_alias() {
    let arr = Ty::MutArray(Box::new(Ty::Nat));
    let mut program = ProgramBuilder::new();
    let a = program.flexible("a", arr.clone(), array(Ty::Nat, true, vec![nat(0), nat(0)]));
    let b = program.flexible("b", arr.clone(), global(a, arr.clone()));
    let assign = expr(
        ExprKind::AssignIndex(
            Box::new(global(a, arr.clone())),
            Box::new(nat(1)),
            Box::new(nat(9)),
        ),
        Ty::unit(),
    );
    program.update(
        "set_then_read_alias",
        vec![],
        Ty::Nat,
        block(vec![effect(assign)], index(global(b, arr), nat(1), Ty::Nat)),
    );
    let results = run(
        &program.build(),
        &[Step::Update("set_then_read_alias", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(candid_text(reply(&results[0])), "(9 : nat)");
}

#[test]
fn record_of_a_subtype_is_read_at_its_supertype() {
    let wide = record(vec![("z", nat(1)), ("a", text("x")), ("m", nat(5))]);
    let narrow = record_ty(&[("m", Ty::Nat, false)]);
    // The value keeps its wide layout; the narrow static type reads `m` by hash.
    let value = expr(wide.kind, narrow.clone());
    let mut program = ProgramBuilder::new();
    program.query("get", vec![], Ty::Nat, field(value, "m", Ty::Nat));
    let results = run(
        &program.build(),
        &[Step::Query("get", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(candid_text(reply(&results[0])), "(5 : nat)");
}

#[test]
fn switch_tries_cases_in_order_and_binds_payloads() {
    let ty = variant_ty(&[
        ("leaf", Ty::unit()),
        ("node", Ty::Tuple(vec![Ty::Nat, Ty::Text])),
    ]);
    let mut program = ProgramBuilder::new();
    let body = switch(
        local(0, ty.clone()),
        vec![
            (
                Pat::Variant("leaf".into(), Box::new(Pat::Wild)),
                text("leaf"),
            ),
            (
                Pat::Variant(
                    "node".into(),
                    Box::new(Pat::Tuple(vec![Pat::Literal(nat(0)), Pat::Wild])),
                ),
                text("zero"),
            ),
            (
                Pat::Variant(
                    "node".into(),
                    Box::new(Pat::Tuple(vec![Pat::Wild, Pat::Bind(LocalId(1))])),
                ),
                local(1, Ty::Text),
            ),
        ],
        Ty::Text,
    );
    program.func("describe", vec![ty.clone()], vec![Ty::Text], Ty::Text, body);
    let describe = minimo_compiler::ir::FuncId(0);
    let node = |n: u64, t: &str| variant(ty.clone(), "node", tuple(vec![nat(n), text(t)]));
    let calls = tuple(vec![
        call(
            describe,
            vec![variant(ty.clone(), "leaf", unit())],
            Ty::Text,
        ),
        call(describe, vec![node(0, "a")], Ty::Text),
        call(describe, vec![node(3, "b")], Ty::Text),
    ]);
    program.method_with_results(
        minimo_compiler::ir::MethodKind::Query,
        "get",
        vec![],
        vec![Ty::Text, Ty::Text, Ty::Text],
        calls.ty.clone(),
        calls,
    );
    let results = run(
        &program.build(),
        &[Step::Query("get", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(
        candid_text(reply(&results[0])),
        "(\"leaf\", \"zero\", \"b\")"
    );
}

#[test]
fn switch_without_a_matching_case_traps() {
    let mut program = ProgramBuilder::new();
    let body = switch(nat(2), vec![(Pat::Literal(nat(1)), unit())], Ty::unit());
    program.update("go", vec![], Ty::unit(), body);
    let results = run(
        &program.build(),
        &[Step::Update("go", NO_ARGS.to_vec())],
        false,
    );
    assert!(error_message(&results[0]).contains("no case matches"));
}

#[test]
fn option_null_differs_from_option_of_null() {
    let inner = Ty::Option(Box::new(Ty::Null));
    let mut program = ProgramBuilder::new();
    let null_value = null_of(Ty::Null);
    let some_null = some(expr(ExprKind::Null, Ty::Null));
    let eq = compare(
        CmpOp::Eq,
        expr(null_value.kind, inner.clone()),
        expr(some_null.kind, inner),
    );
    program.query("get", vec![], Ty::Bool, eq);
    let results = run(
        &program.build(),
        &[Step::Query("get", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(candid_text(reply(&results[0])), "(false)");
}

#[test]
fn records_and_arrays_compare_structurally() {
    let left = record(vec![
        ("a", array(Ty::Nat, false, vec![nat(1), nat(2)])),
        ("b", text("t")),
    ]);
    let right = record(vec![
        ("b", text("t")),
        ("a", array(Ty::Nat, false, vec![nat(1), nat(2)])),
    ]);
    let mut program = ProgramBuilder::new();
    program.query("get", vec![], Ty::Bool, compare(CmpOp::Eq, left, right));
    let results = run(
        &program.build(),
        &[Step::Query("get", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(candid_text(reply(&results[0])), "(true)");
}
