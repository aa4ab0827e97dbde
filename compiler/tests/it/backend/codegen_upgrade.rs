//! Stable variables across upgrades: what survives, what is re-initialised, what converts by
//! subtyping and what traps (rolling the upgrade back).

use candid::{Decode, Int, Nat};
use minimo_compiler::ir::{BinOp, GlobalId, Ty};

use super::codegen_support::*;

fn up(method: &'static str) -> Step {
    Step::Update(method, NO_ARGS.to_vec())
}

fn query(method: &'static str) -> Step {
    Step::Query(method, NO_ARGS.to_vec())
}

/// `field += step; field` as an update method named `name`.
fn add_method(program: &mut ProgramBuilder, name: &str, field: GlobalId, ty: Ty, step: i64) {
    let (op, amount) = match ty {
        Ty::Nat => (BinOp::NatAdd, nat(step as u64)),
        _ => (BinOp::IntAdd, int(step)),
    };
    program.update(
        name,
        vec![],
        ty.clone(),
        block(
            vec![effect(assign_global(
                field,
                binary(op, global(field, ty.clone()), amount),
            ))],
            global(field, ty),
        ),
    );
}

/// `stable var value : Nat = 0; flexible var calls : Nat = 0;` with `inc` (by `step`, counting
/// calls) and the queries `get` and `calls`.
fn counter(step: u64) -> Vec<u8> {
    let mut program = ProgramBuilder::new();
    let value = program.stable("value", Ty::Nat, nat(0));
    let calls = program.flexible("calls", Ty::Nat, nat(0));
    program.update(
        "inc",
        vec![],
        Ty::Nat,
        block(
            vec![
                effect(assign_global(
                    value,
                    binary(BinOp::NatAdd, global(value, Ty::Nat), nat(step)),
                )),
                effect(assign_global(
                    calls,
                    binary(BinOp::NatAdd, global(calls, Ty::Nat), nat(1)),
                )),
            ],
            global(value, Ty::Nat),
        ),
    );
    program.query("get", vec![], Ty::Nat, global(value, Ty::Nat));
    program.query("calls", vec![], Ty::Nat, global(calls, Ty::Nat));
    program.build()
}

fn nats(results: &[StepResult]) -> Vec<u64> {
    results
        .iter()
        .map(|result| {
            let value = decode_nat(result);
            u64::try_from(value.0).expect("a small nat")
        })
        .collect()
}

#[test]
fn stable_counter_keeps_counting_in_the_new_version() {
    let results = run_both(
        &counter(1),
        &[
            up("inc"),
            up("inc"),
            up("inc"),
            Step::Upgrade(counter(3)),
            up("inc"),
            up("inc"),
        ],
    );
    assert_eq!(reply(&results[3]), b"");
    let values = nats(&[
        results[0].clone(),
        results[1].clone(),
        results[2].clone(),
        results[4].clone(),
        results[5].clone(),
    ]);
    assert_eq!(values, [1, 2, 3, 6, 9]);
}

#[test]
fn flexible_variable_resets_while_stable_variable_keeps_its_value() {
    let results = run(
        &counter(1),
        &[
            up("inc"),
            up("inc"),
            Step::Upgrade(counter(1)),
            query("get"),
            query("calls"),
        ],
        false,
    );
    assert_eq!(nats(&results[3..]), [2, 0]);
}

#[test]
fn added_stable_variable_is_initialised_by_its_declaration() {
    let mut v2 = ProgramBuilder::new();
    let value = v2.stable("value", Ty::Nat, nat(0));
    let added = v2.stable("added", Ty::Text, text("fresh"));
    v2.query("get", vec![], Ty::Nat, global(value, Ty::Nat));
    v2.query("added", vec![], Ty::Text, global(added, Ty::Text));
    let results = run_both(
        &counter(1),
        &[
            up("inc"),
            Step::Upgrade(v2.build()),
            query("get"),
            query("added"),
        ],
    );
    assert_eq!(nats(&results[2..3]), [1]);
    assert_eq!(Decode!(reply(&results[3]), String).expect("text"), "fresh");
}

#[test]
fn removed_stable_variable_is_skipped() {
    // v1 stores `gone` (a tuple) before `value`; v2 declares only `value`.
    let mut v1 = ProgramBuilder::new();
    let gone = v1.stable(
        "gone",
        Ty::Tuple(vec![Ty::Text, Ty::Int]),
        tuple(vec![text("old"), int(-5)]),
    );
    let value = v1.stable("value", Ty::Nat, nat(40));
    add_method(&mut v1, "inc", value, Ty::Nat, 2);
    v1.query(
        "gone",
        vec![],
        Ty::Text,
        project(global(gone, Ty::Tuple(vec![Ty::Text, Ty::Int])), 0),
    );
    let mut v2 = ProgramBuilder::new();
    let value = v2.stable("value", Ty::Nat, nat(0));
    v2.query("get", vec![], Ty::Nat, global(value, Ty::Nat));
    let results = run_both(
        &v1.build(),
        &[up("inc"), Step::Upgrade(v2.build()), query("get")],
    );
    assert_eq!(nats(&results[2..]), [42]);
}

#[test]
fn nat_variable_read_as_int_keeps_its_value() {
    let mut v2 = ProgramBuilder::new();
    let value = v2.stable("value", Ty::Int, int(0));
    add_method(&mut v2, "dec", value, Ty::Int, -10);
    let results = run_both(
        &counter(1),
        &[up("inc"), up("inc"), Step::Upgrade(v2.build()), up("dec")],
    );
    assert_eq!(decode_int(&results[3]), Int::from(-8));
}

#[test]
fn int_variable_read_as_nat_traps_and_upgrade_is_rolled_back() {
    let mut v1 = ProgramBuilder::new();
    let value = v1.stable("value", Ty::Int, int(0));
    add_method(&mut v1, "step", value, Ty::Int, 5);
    let results = run_both(
        &v1.build(),
        &[up("step"), Step::Upgrade(counter(1)), up("step")],
    );
    let message = error_message(&results[1]);
    assert!(message.contains("cannot convert"), "{message}");
    assert_eq!(decode_int(&results[2]), Int::from(10));
}

#[test]
fn trapping_postupgrade_rolls_the_upgrade_back() {
    let mut v2 = ProgramBuilder::new();
    let value = v2.stable("value", Ty::Nat, nat(0));
    add_method(&mut v2, "inc", value, Ty::Nat, 100);
    // postupgrade: value := value - 1000 (a Nat underflow).
    let post = v2.func(
        "postupgrade",
        vec![],
        vec![],
        Ty::unit(),
        assign_global(
            value,
            binary(BinOp::NatSub, global(value, Ty::Nat), nat(1000)),
        ),
    );
    v2.program.postupgrade = Some(post);
    let results = run_both(
        &counter(1),
        &[up("inc"), Step::Upgrade(v2.build()), up("inc")],
    );
    assert!(error_message(&results[1]).contains("arithmetic overflow"));
    assert_eq!(nats(&results[2..]), [2]);
}

#[test]
fn preupgrade_runs_before_the_variables_are_stored() {
    let mut v1 = ProgramBuilder::new();
    let value = v1.stable("value", Ty::Nat, nat(0));
    add_method(&mut v1, "inc", value, Ty::Nat, 1);
    let pre = v1.func(
        "preupgrade",
        vec![],
        vec![],
        Ty::unit(),
        assign_global(value, nat(77)),
    );
    v1.program.preupgrade = Some(pre);
    let results = run(
        &v1.build(),
        &[up("inc"), Step::Upgrade(counter(1)), query("get")],
        false,
    );
    assert_eq!(nats(&results[2..]), [77]);
}

#[test]
fn postupgrade_runs_after_the_body() {
    let mut v2 = ProgramBuilder::new();
    let value = v2.stable("value", Ty::Nat, nat(0));
    let seen = v2.flexible("seen", Ty::Nat, nat(0));
    let post = v2.func(
        "postupgrade",
        vec![],
        vec![],
        Ty::unit(),
        assign_global(seen, global(value, Ty::Nat)),
    );
    v2.program.postupgrade = Some(post);
    v2.query("seen", vec![], Ty::Nat, global(seen, Ty::Nat));
    let results = run(
        &counter(5),
        &[up("inc"), Step::Upgrade(v2.build()), query("seen")],
        false,
    );
    assert_eq!(nats(&results[2..]), [5]);
}

#[test]
fn text_tuple_and_big_values_survive_upgrades() {
    let record = Ty::Tuple(vec![Ty::Text, Ty::Int, Ty::Bool]);
    let build = || {
        let mut program = ProgramBuilder::new();
        let state = program.stable(
            "state",
            record.clone(),
            tuple(vec![text("start"), int(0), boolean(false)]),
        );
        let big = program.stable("big", Ty::Nat, nat(1));
        program.update(
            "grow",
            vec![],
            Ty::Nat,
            block(
                vec![
                    effect(assign_global(
                        big,
                        binary(
                            BinOp::NatMul,
                            global(big, Ty::Nat),
                            big_nat(num_bigint::BigUint::from(1u32) << 40),
                        ),
                    )),
                    effect(assign_global(
                        state,
                        tuple(vec![
                            binary(
                                BinOp::TextConcat,
                                project(global(state, record.clone()), 0),
                                text("+"),
                            ),
                            binary(
                                BinOp::IntSub,
                                project(global(state, record.clone()), 1),
                                int(1),
                            ),
                            boolean(true),
                        ]),
                    )),
                ],
                global(big, Ty::Nat),
            ),
        );
        program.query(
            "state",
            vec![],
            record.clone(),
            global(state, record.clone()),
        );
        program.build()
    };
    let wasm = build();
    let results = run_both(&wasm, &[up("grow"), up("grow"), up("grow"), query("state")]);
    assert_eq!(
        decode_nat(&results[2]),
        Nat::from(num_bigint::BigUint::from(1u32) << 120)
    );
    let state = Decode!(reply(&results[3]), (String, Int, bool)).expect("a record");
    assert_eq!(state, ("start+++".to_string(), Int::from(-3), true));
}

#[test]
fn upgrade_from_program_without_stable_variables_initialises_declarations() {
    let mut v1 = ProgramBuilder::new();
    v1.update("nothing", vec![], Ty::unit(), unit());
    let results = run_both(
        &v1.build(),
        &[up("nothing"), Step::Upgrade(counter(1)), up("inc")],
    );
    assert_eq!(nats(&results[2..]), [1]);
}

#[test]
fn colliding_stable_names_trap_in_pre_upgrade() {
    // Two names with the same Candid hash (found by a search over random names).
    let names = ("dnctwrq", "sbusnjd");
    assert_eq!(candid::idl_hash(names.0), candid::idl_hash(names.1));
    let mut program = ProgramBuilder::new();
    program.stable(names.0, Ty::Nat, nat(1));
    program.stable(names.1, Ty::Nat, nat(2));
    program.update("nothing", vec![], Ty::unit(), unit());
    let wasm = program.build();
    let results = run(&wasm, &[up("nothing"), Step::Upgrade(wasm.clone())], false);
    assert!(
        error_message(&results[1]).contains("same Candid hash"),
        "{}",
        error_message(&results[1])
    );
}
