//! Emitted canisters answering calls in the VM: arithmetic, texts, tuples, Candid arguments
//! and replies. Every scenario also runs with upgrades to the same module between calls.

use candid::{Decode, Encode, Int, Nat};
use minimo_compiler::ir::{BinOp, CmpOp, Ty};
use num_bigint::BigUint;

use super::codegen_support::*;

fn counter(step: u64) -> Vec<u8> {
    let mut program = ProgramBuilder::new();
    let value = program.stable("value", Ty::Nat, nat(0));
    program.update(
        "inc",
        vec![],
        Ty::Nat,
        block(
            vec![effect(assign_global(
                value,
                binary(BinOp::NatAdd, global(value, Ty::Nat), nat(step)),
            ))],
            global(value, Ty::Nat),
        ),
    );
    program.build()
}

#[test]
fn counter_replies_one_two_three() {
    let steps = [
        Step::Update("inc", NO_ARGS.to_vec()),
        Step::Update("inc", NO_ARGS.to_vec()),
        Step::Update("inc", NO_ARGS.to_vec()),
    ];
    let results = run_both(&counter(1), &steps);
    let values: Vec<Nat> = results.iter().map(decode_nat).collect();
    assert_eq!(values, [Nat::from(1u32), Nat::from(2u32), Nat::from(3u32)]);
}

#[test]
fn big_numbers_round_trip_through_replies() {
    let mut program = ProgramBuilder::new();
    let two_100: BigUint = BigUint::from(1u32) << 100;
    program.query(
        "square",
        vec![],
        Ty::Nat,
        binary(
            BinOp::NatMul,
            big_nat(two_100.clone()),
            big_nat(two_100.clone()),
        ),
    );
    program.query("echo", vec![Ty::Nat], Ty::Nat, local(0, Ty::Nat));
    let wasm = program.build();
    let expected = Nat::from(BigUint::from(1u32) << 200);
    let arg = Encode!(&expected).expect("encodes");
    let results = run_both(
        &wasm,
        &[
            Step::Query("square", NO_ARGS.to_vec()),
            Step::Query("echo", arg),
        ],
    );
    assert_eq!(decode_nat(&results[0]), expected);
    assert_eq!(decode_nat(&results[1]), expected);
}

#[test]
fn negative_int_arithmetic_replies() {
    let mut program = ProgramBuilder::new();
    program.query(
        "sub",
        vec![Ty::Int, Ty::Int],
        Ty::Int,
        binary(BinOp::IntSub, local(0, Ty::Int), local(1, Ty::Int)),
    );
    let wasm = program.build();
    let arg = Encode!(&Int::from(3), &Int::from(10i64.pow(18))).expect("encodes");
    let results = run_both(&wasm, &[Step::Query("sub", arg)]);
    assert_eq!(decode_int(&results[0]), Int::from(3 - 10i64.pow(18)));
}

#[test]
fn nat_argument_is_accepted_for_int_parameter() {
    let mut program = ProgramBuilder::new();
    program.query("id", vec![Ty::Int], Ty::Int, local(0, Ty::Int));
    let arg = Encode!(&Nat::from(42u32)).expect("encodes");
    let results = run_both(&program.build(), &[Step::Query("id", arg)]);
    assert_eq!(decode_int(&results[0]), Int::from(42));
}

#[test]
fn nat_subtraction_underflow_traps() {
    let mut program = ProgramBuilder::new();
    program.update(
        "sub",
        vec![Ty::Nat, Ty::Nat],
        Ty::Nat,
        binary(BinOp::NatSub, local(0, Ty::Nat), local(1, Ty::Nat)),
    );
    let wasm = program.build();
    let ok = Encode!(&Nat::from(5u32), &Nat::from(3u32)).expect("encodes");
    let bad = Encode!(&Nat::from(3u32), &Nat::from(5u32)).expect("encodes");
    let results = run_both(&wasm, &[Step::Update("sub", ok), Step::Update("sub", bad)]);
    assert_eq!(decode_nat(&results[0]), Nat::from(2u32));
    assert!(
        error_message(&results[1]).contains("arithmetic overflow"),
        "{}",
        error_message(&results[1])
    );
}

#[test]
fn text_arguments_concatenate_into_reply() {
    let mut program = ProgramBuilder::new();
    program.query(
        "greet",
        vec![Ty::Text],
        Ty::Text,
        binary(
            BinOp::TextConcat,
            binary(BinOp::TextConcat, text("Hello, "), local(0, Ty::Text)),
            text("!"),
        ),
    );
    let arg = Encode!(&"wörld").expect("encodes");
    let results = run_both(&program.build(), &[Step::Query("greet", arg)]);
    let reply = Decode!(reply(&results[0]), String).expect("a text reply");
    assert_eq!(reply, "Hello, wörld!");
}

#[test]
fn tuple_arguments_and_tuple_results_round_trip() {
    let mut program = ProgramBuilder::new();
    let pair = Ty::Tuple(vec![Ty::Nat, Ty::Text]);
    // swap((n, t)) : (Text, Nat) as one record result.
    program.query(
        "swap",
        vec![pair.clone()],
        Ty::Tuple(vec![Ty::Text, Ty::Nat]),
        tuple(vec![
            project(local(0, pair.clone()), 1),
            project(local(0, pair.clone()), 0),
        ]),
    );
    // two(n) : async (Nat, Bool) as two results.
    program.method_with_results(
        minimo_compiler::ir::MethodKind::Query,
        "two",
        vec![Ty::Nat],
        vec![Ty::Nat, Ty::Bool],
        Ty::Tuple(vec![Ty::Nat, Ty::Bool]),
        tuple(vec![
            local(0, Ty::Nat),
            compare(CmpOp::Gt, local(0, Ty::Nat), nat(10)),
        ]),
    );
    let wasm = program.build();
    let arg = Encode!(&(Nat::from(7u32), "seven")).expect("encodes");
    let two = Encode!(&Nat::from(11u32)).expect("encodes");
    let results = run_both(&wasm, &[Step::Query("swap", arg), Step::Query("two", two)]);
    let swapped = Decode!(reply(&results[0]), (String, Nat)).expect("a record reply");
    assert_eq!(swapped, ("seven".to_string(), Nat::from(7u32)));
    let (n, b) = Decode!(reply(&results[1]), Nat, bool).expect("two results");
    assert_eq!((n, b), (Nat::from(11u32), true));
}

#[test]
fn tuple_with_extra_fields_is_accepted() {
    let mut program = ProgramBuilder::new();
    let pair = Ty::Tuple(vec![Ty::Nat, Ty::Nat]);
    program.query(
        "first",
        vec![pair.clone()],
        Ty::Nat,
        project(local(0, pair), 0),
    );
    let arg = Encode!(&(Nat::from(1u32), Nat::from(2u32), "extra")).expect("encodes");
    let results = run_both(&program.build(), &[Step::Query("first", arg)]);
    assert_eq!(decode_nat(&results[0]), Nat::from(1u32));
}

#[test]
fn wrong_argument_type_is_rejected_with_candid_error() {
    let mut program = ProgramBuilder::new();
    program.query("id", vec![Ty::Nat], Ty::Nat, local(0, Ty::Nat));
    let wasm = program.build();
    let results = run_both(
        &wasm,
        &[
            Step::Query("id", Encode!(&"text").expect("encodes")),
            Step::Query("id", Encode!(&Int::from(-1)).expect("encodes")),
            Step::Query("id", NO_ARGS.to_vec()),
            Step::Query("id", b"not candid".to_vec()),
        ],
    );
    for result in &results {
        let message = error_message(result);
        assert!(
            message.contains("Candid decoding error") || message.contains("IDL error"),
            "{message}"
        );
    }
}

#[test]
fn tuple_missing_a_field_is_rejected() {
    let mut program = ProgramBuilder::new();
    let pair = Ty::Tuple(vec![Ty::Nat, Ty::Nat]);
    program.query(
        "first",
        vec![pair.clone()],
        Ty::Nat,
        project(local(0, pair), 0),
    );
    let arg = Encode!(&(Nat::from(1u32),)).expect("encodes");
    let results = run_both(&program.build(), &[Step::Query("first", arg)]);
    assert!(error_message(&results[0]).contains("Candid decoding error"));
}

#[test]
fn comparisons_follow_values_not_representations() {
    let mut program = ProgramBuilder::new();
    let big: BigUint = BigUint::from(1u32) << 70;
    let pair = |a, b| tuple(vec![a, b]);
    let checks = vec![
        compare(CmpOp::Lt, nat(3), big_nat(big.clone())),
        compare(
            CmpOp::Eq,
            big_nat(big.clone()),
            binary(
                BinOp::NatMul,
                big_nat(BigUint::from(1u32) << 35),
                big_nat(BigUint::from(1u32) << 35),
            ),
        ),
        compare(CmpOp::Gt, int(-1), int(-2)),
        compare(
            CmpOp::Eq,
            text("abc"),
            binary(BinOp::TextConcat, text("ab"), text("c")),
        ),
        compare(CmpOp::Lt, text("abc"), text("abd")),
        compare(CmpOp::Eq, pair(nat(1), text("x")), pair(nat(1), text("x"))),
        compare(CmpOp::Ne, pair(nat(1), text("x")), pair(nat(1), text("y"))),
        compare(CmpOp::Lt, pair(nat(1), text("z")), pair(nat(2), text("a"))),
        compare(CmpOp::Ne, boolean(true), boolean(false)),
    ];
    let all = checks
        .into_iter()
        .reduce(|a, b| {
            crate::backend::codegen_support::expr(
                minimo_compiler::ir::ExprKind::And(Box::new(a), Box::new(b)),
                Ty::Bool,
            )
        })
        .expect("checks");
    program.query("check", vec![], Ty::Bool, all);
    let results = run_both(&program.build(), &[Step::Query("check", NO_ARGS.to_vec())]);
    assert!(Decode!(reply(&results[0]), bool).expect("a bool reply"));
}

#[test]
fn unit_method_replies_with_no_values() {
    let mut program = ProgramBuilder::new();
    program.update("nothing", vec![], Ty::unit(), unit());
    let results = run_both(
        &program.build(),
        &[Step::Update("nothing", NO_ARGS.to_vec())],
    );
    assert_eq!(reply(&results[0]), NO_ARGS);
}

#[test]
fn private_functions_recurse() {
    let mut program = ProgramBuilder::new();
    // fact(n) = if (n == 0) 1 else n * fact(n - 1)
    let fact = minimo_compiler::ir::FuncId(0);
    program.func(
        "fact",
        vec![Ty::Nat],
        vec![],
        Ty::Nat,
        if_(
            compare(CmpOp::Eq, local(0, Ty::Nat), nat(0)),
            nat(1),
            binary(
                BinOp::NatMul,
                local(0, Ty::Nat),
                call(
                    fact,
                    vec![binary(BinOp::NatSub, local(0, Ty::Nat), nat(1))],
                    Ty::Nat,
                ),
            ),
        ),
    );
    program.query(
        "fact",
        vec![Ty::Nat],
        Ty::Nat,
        call(fact, vec![local(0, Ty::Nat)], Ty::Nat),
    );
    let arg = Encode!(&Nat::from(30u32)).expect("encodes");
    let results = run_both(&program.build(), &[Step::Query("fact", arg)]);
    let expected: BigUint = (1u32..=30).map(BigUint::from).product();
    assert_eq!(decode_nat(&results[0]), Nat::from(expected));
}

#[test]
fn small_integer_arithmetic_crosses_into_bignums_exactly() {
    let mut program = ProgramBuilder::new();
    program.method_with_results(
        minimo_compiler::ir::MethodKind::Query,
        "calc",
        vec![Ty::Int, Ty::Int],
        vec![Ty::Int, Ty::Int, Ty::Bool, Ty::Bool],
        Ty::Tuple(vec![Ty::Int, Ty::Int, Ty::Bool, Ty::Bool]),
        tuple(vec![
            binary(BinOp::IntAdd, local(0, Ty::Int), local(1, Ty::Int)),
            binary(BinOp::IntSub, local(0, Ty::Int), local(1, Ty::Int)),
            compare(CmpOp::Lt, local(0, Ty::Int), local(1, Ty::Int)),
            compare(CmpOp::Eq, local(0, Ty::Int), local(1, Ty::Int)),
        ]),
    );
    program.query(
        "nat_sub",
        vec![Ty::Nat, Ty::Nat],
        Ty::Nat,
        binary(BinOp::NatSub, local(0, Ty::Nat), local(1, Ty::Nat)),
    );
    let wasm = program.build();
    let edge = 1i64 << 30;
    let pairs = [
        (edge - 1, 1),
        (-edge, 1),
        (-edge, -edge),
        (edge - 1, -edge),
        (edge, edge - 1),
        (-edge - 1, -edge),
        (7, 7),
        (1i64 << 40, 1i64 << 40),
    ];
    let steps: Vec<Step> = pairs
        .iter()
        .map(|(a, b)| {
            Step::Query(
                "calc",
                Encode!(&Int::from(*a), &Int::from(*b)).expect("encodes"),
            )
        })
        .chain([
            Step::Query(
                "nat_sub",
                Encode!(&Nat::from(5u32), &Nat::from(5u32)).expect("encodes"),
            ),
            Step::Query(
                "nat_sub",
                Encode!(&Nat::from(5u32), &Nat::from(6u32)).expect("encodes"),
            ),
        ])
        .collect();
    let results = run_both(&wasm, &steps);
    for ((a, b), result) in pairs.iter().zip(&results) {
        let got = Decode!(reply(result), Int, Int, bool, bool).expect("four results");
        assert_eq!(
            got,
            (Int::from(a + b), Int::from(a - b), a < b, a == b),
            "{a} and {b}"
        );
    }
    assert_eq!(decode_nat(&results[pairs.len()]), Nat::from(0u32));
    assert!(error_message(&results[pairs.len() + 1]).contains("arithmetic overflow"));
}
