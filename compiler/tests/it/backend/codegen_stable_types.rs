//! Stable variables of every type across upgrades: one test per conversion that stable
//! subtyping allows (the value after the upgrade asserted), and the conversions it forbids,
//! which trap and roll the upgrade back.

use minimo_compiler::ir::{BinOp, CmpOp, FixedTy, LocalId, Pat, Ty};
use num_bigint::BigUint;

use super::codegen_support::*;
use minimo_compiler::ir::Expr;

fn get() -> Step {
    Step::Query("get", NO_ARGS.to_vec())
}

/// `stable var x : ty = init;` with the query `get`, plus `stable var y : Text = "y"` when
/// `with_y`.
fn keeper(ty: Ty, init: Expr, with_y: bool) -> Vec<u8> {
    let mut program = ProgramBuilder::new();
    let x = program.stable("x", ty.clone(), init);
    if with_y {
        let y = program.stable("y", Ty::Text, text("y"));
        program.query("get_y", vec![], Ty::Text, global(y, Ty::Text));
    }
    program.query("get", vec![], ty.clone(), global(x, ty));
    program.build()
}

/// Reads `x` under the old program, upgrades to the new one, reads `x` again: the replies
/// as Candid text.
fn across(old: Vec<u8>, new: Vec<u8>) -> (String, String) {
    let results = run_both(&old, &[get(), Step::Upgrade(new), get()]);
    if let Err(error) = &results[1] {
        panic!("the upgrade failed: {error:?}");
    }
    (
        candid_text(reply(&results[0])),
        candid_text(reply(&results[2])),
    )
}

/// Upgrades from `old` to `new`, which must fail; returns the message and the old reading
/// after the failed upgrade.
fn refused(old: Vec<u8>, new: Vec<u8>) -> (String, String, String) {
    let results = run(&old, &[get(), Step::Upgrade(new), get()], false);
    let message = error_message(&results[1]).to_string();
    (
        candid_text(reply(&results[0])),
        message,
        candid_text(reply(&results[2])),
    )
}

#[test]
fn stored_nat_is_read_as_int() {
    let (_, after) = across(
        keeper(Ty::Nat, nat(5), false),
        keeper(Ty::Int, int(-1), false),
    );
    assert_eq!(after, "(5 : int)");
}

#[test]
fn stored_nat_array_is_read_as_int_array() {
    let old = keeper(
        Ty::Array(Box::new(Ty::Nat)),
        array(Ty::Nat, false, vec![nat(1), nat(2), nat(3)]),
        false,
    );
    let new = keeper(
        Ty::Array(Box::new(Ty::Int)),
        array(Ty::Int, false, vec![]),
        false,
    );
    let (_, after) = across(old, new);
    assert_eq!(after, "(vec { 1 : int; 2 : int; 3 : int })");
}

#[test]
fn stored_mutable_nat_array_is_read_as_mutable_int_array() {
    let old = keeper(
        Ty::MutArray(Box::new(Ty::Nat)),
        array(Ty::Nat, true, vec![nat(4), nat(5)]),
        false,
    );
    let new = keeper(
        Ty::MutArray(Box::new(Ty::Int)),
        array(Ty::Int, true, vec![]),
        false,
    );
    let (_, after) = across(old, new);
    assert_eq!(after, "(vec { 4 : int; 5 : int })");
}

#[test]
fn stored_record_is_read_at_a_type_with_fewer_fields() {
    let old = keeper(
        record_ty(&[
            ("a", Ty::Nat, false),
            ("b", Ty::Text, false),
            ("c", Ty::Bool, true),
        ]),
        record(vec![
            ("a", nat(1)),
            ("b", text("gone")),
            ("c", boolean(true)),
        ]),
        false,
    );
    let new_ty = record_ty(&[("a", Ty::Int, false), ("c", Ty::Bool, true)]);
    let new = keeper(
        new_ty.clone(),
        record_at(new_ty, vec![("a", int(0)), ("c", boolean(false))]),
        false,
    );
    let (_, after) = across(old, new);
    assert_eq!(
        after,
        format!(
            "(record {{ {} = 1 : int; {} = true }})",
            hash_text("a"),
            hash_text("c")
        )
    );
}

fn hash_text(name: &str) -> String {
    let hash = minimo_compiler::ir::idl_hash(name);
    // Candid prints ids with digit groups.
    let digits = hash.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('_');
        }
        out.push(digit);
    }
    out
}

#[test]
fn stored_null_is_read_as_an_option() {
    let old = keeper(
        Ty::Null,
        expr(minimo_compiler::ir::ExprKind::Null, Ty::Null),
        false,
    );
    let new = keeper(Ty::Option(Box::new(Ty::Nat)), some(nat(7)), false);
    let (_, after) = across(old, new);
    assert_eq!(after, "(null)");
}

#[test]
fn stored_variant_is_read_at_a_type_with_more_tags() {
    let old_ty = variant_ty(&[("red", Ty::unit()), ("rgb", Ty::Nat)]);
    let new_ty = variant_ty(&[("red", Ty::unit()), ("rgb", Ty::Int), ("green", Ty::unit())]);
    let old = keeper(old_ty.clone(), variant(old_ty, "rgb", nat(9)), false);
    let new = keeper(new_ty.clone(), variant(new_ty, "green", unit()), false);
    let (_, after) = across(old, new);
    assert_eq!(
        after,
        format!("(variant {{ {} = 9 : int }})", hash_text("rgb"))
    );
}

#[test]
fn removed_stable_variable_is_skipped() {
    let old = keeper(Ty::Nat, nat(3), true);
    let new = keeper(Ty::Nat, nat(0), false);
    let (_, after) = across(old, new);
    assert_eq!(after, "(3 : nat)");
}

#[test]
fn added_stable_variable_is_initialised_by_its_declaration() {
    let old = keeper(Ty::Nat, nat(3), false);
    let new = keeper(Ty::Nat, nat(0), true);
    let results = run_both(
        &old,
        &[
            get(),
            Step::Upgrade(new),
            get(),
            Step::Query("get_y", NO_ARGS.to_vec()),
        ],
    );
    assert_eq!(candid_text(reply(&results[2])), "(3 : nat)");
    assert_eq!(candid_text(reply(&results[3])), "(\"y\")");
}

#[test]
fn big_nat_survives_an_upgrade() {
    let big = BigUint::from(2u32).pow(100);
    let old = keeper(Ty::Nat, big_nat(big.clone()), false);
    let new = keeper(Ty::Nat, nat(0), false);
    let (_, after) = across(old, new);
    assert_eq!(after.replace('_', ""), format!("({big} : nat)"));
}

/// `type List = ?(Text, List)`, a stable list of `n` items built by a recursive function,
/// and the queries `len` (recursive) and `get`.
fn list_program(n: u64) -> Vec<u8> {
    let list = Ty::Named(minimo_compiler::ir::TypeId(0));
    let cell = Ty::Tuple(vec![Ty::Text, list.clone()]);
    let mut program = ProgramBuilder::new();
    program.program.types.push(minimo_compiler::ir::TypeDef {
        name: "List".to_string(),
        ty: Ty::Option(Box::new(cell.clone())),
    });
    // func make(n : Nat) : List = if (n == 0) null else ?("item", make(n - 1))
    let make = minimo_compiler::ir::FuncId(0);
    let make_body = if_(
        compare(CmpOp::Eq, local(0, Ty::Nat), nat(0)),
        expr(minimo_compiler::ir::ExprKind::Null, list.clone()),
        expr(
            minimo_compiler::ir::ExprKind::Some(Box::new(tuple(vec![
                text("item"),
                call(
                    make,
                    vec![binary(BinOp::NatSub, local(0, Ty::Nat), nat(1))],
                    list.clone(),
                ),
            ]))),
            list.clone(),
        ),
    );
    program.func("make", vec![Ty::Nat], vec![], list.clone(), make_body);
    // func len(l : List) : Nat = switch l { case null 0; case ?(_, t) 1 + len(t) }
    let len = minimo_compiler::ir::FuncId(1);
    let len_body = switch(
        local(0, list.clone()),
        vec![
            (Pat::Null, nat(0)),
            (
                Pat::Some(Box::new(Pat::Tuple(vec![Pat::Wild, Pat::Bind(LocalId(1))]))),
                binary(
                    BinOp::NatAdd,
                    nat(1),
                    call(len, vec![local(1, list.clone())], Ty::Nat),
                ),
            ),
        ],
        Ty::Nat,
    );
    program.func(
        "len",
        vec![list.clone()],
        vec![list.clone()],
        Ty::Nat,
        len_body,
    );
    let x = program.stable("x", list.clone(), call(make, vec![nat(n)], list.clone()));
    program.query(
        "len",
        vec![],
        Ty::Nat,
        call(len, vec![global(x, list.clone())], Ty::Nat),
    );
    program.query("get", vec![], Ty::Nat, nat(0));
    program.build()
}

#[test]
fn recursive_list_of_a_thousand_texts_survives_an_upgrade() {
    let old = list_program(1000);
    let new = list_program(1);
    let len = || Step::Query("len", NO_ARGS.to_vec());
    let results = run_both(&old, &[len(), Step::Upgrade(new), len()]);
    assert_eq!(candid_text(reply(&results[0])), "(1_000 : nat)");
    assert_eq!(candid_text(reply(&results[2])), "(1_000 : nat)");
}

#[test]
fn stored_int_into_nat_traps_and_the_upgrade_rolls_back() {
    let (before, message, after) = refused(
        keeper(Ty::Int, int(-3), false),
        keeper(Ty::Nat, nat(0), false),
    );
    assert!(
        message.contains("cannot convert stored variable `x`"),
        "{message}"
    );
    assert_eq!(before, after);
    assert_eq!(after, "(-3 : int)");
}

#[test]
fn stored_record_lacking_a_field_traps_and_the_upgrade_rolls_back() {
    let old = keeper(
        record_ty(&[("a", Ty::Nat, false)]),
        record(vec![("a", nat(1))]),
        false,
    );
    let new = keeper(
        record_ty(&[("a", Ty::Nat, false), ("b", Ty::Nat, false)]),
        record(vec![("a", nat(0)), ("b", nat(0))]),
        false,
    );
    let (before, message, after) = refused(old, new);
    assert!(
        message
            .contains("cannot convert stored variable `x`: the stored record lacks the field `b`"),
        "{message}"
    );
    assert_eq!(before, after);
}

#[test]
fn stored_value_is_not_lifted_into_an_option() {
    let new = keeper(Ty::Option(Box::new(Ty::Nat)), null_of(Ty::Nat), false);
    let (_, message, _) = refused(keeper(Ty::Nat, nat(1), false), new);
    assert!(message.contains("never lifted into an option"), "{message}");
}

#[test]
fn stored_nat8_is_not_read_as_nat16() {
    let old = keeper(Ty::Fixed(FixedTy::Nat8), fixed(FixedTy::Nat8, 7), false);
    let new = keeper(Ty::Fixed(FixedTy::Nat16), fixed(FixedTy::Nat16, 0), false);
    let (_, message, after) = refused(old, new);
    assert!(
        message.contains("does not convert to type Nat16"),
        "{message}"
    );
    assert_eq!(after, "(7 : nat8)");
}

#[test]
fn stored_variant_tag_missing_from_the_new_type_traps() {
    let old_ty = variant_ty(&[("a", Ty::unit()), ("b", Ty::unit())]);
    let new_ty = variant_ty(&[("a", Ty::unit())]);
    let old = keeper(old_ty.clone(), variant(old_ty, "b", unit()), false);
    let new = keeper(new_ty.clone(), variant(new_ty, "a", unit()), false);
    let (_, message, _) = refused(old, new);
    assert!(message.contains("has a tag that type"), "{message}");
}
