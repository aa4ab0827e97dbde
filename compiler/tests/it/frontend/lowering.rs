//! Lowering to the IR: operators chosen from operand types, desugaring, what goes where.

use minimo_compiler::ir::{self, BinOp, ExprKind, Stability, UnOp};

fn lower(source: &str) -> ir::Program {
    match minimo_compiler::lower_to_ir("test.mo", source) {
        Ok(program) => program,
        Err(errors) => panic!("{}", minimo_compiler::render(&errors, "test.mo", source)),
    }
}

/// The body of the first function.
fn body(program: &ir::Program) -> &ir::Expr {
    &program.funcs[0].body
}

fn tail(e: &ir::Expr) -> &ir::Expr {
    match &e.kind {
        ExprKind::Block(_, tail) => tail,
        _ => e,
    }
}

#[test]
fn nat_minus_nat_lowers_to_trapping_nat_sub() {
    let p = lower("actor { func f(a : Nat, b : Nat) : Nat { a - b } }");
    assert!(matches!(
        tail(body(&p)).kind,
        ExprKind::Binary(BinOp::NatSub, _, _)
    ));
}

#[test]
fn nat_minus_nat_at_int_lowers_to_int_sub() {
    let p = lower("actor { func f(a : Nat, b : Nat) : Int { a - b } }");
    assert!(matches!(
        tail(body(&p)).kind,
        ExprKind::Binary(BinOp::IntSub, _, _)
    ));
}

#[test]
fn mixed_nat_and_int_operands_use_int_operators() {
    let p = lower("actor { func f(a : Nat, b : Int) : Bool { a * b == b } }");
    let ExprKind::Compare(_, left, _) = &tail(body(&p)).kind else {
        panic!("a comparison")
    };
    assert!(matches!(left.kind, ExprKind::Binary(BinOp::IntMul, _, _)));
}

#[test]
fn negating_a_nat_gives_an_int() {
    let p = lower("actor { func f(a : Nat) : Int { -a } }");
    let e = tail(body(&p));
    assert!(matches!(e.kind, ExprKind::Unary(UnOp::IntNeg, _)));
    assert_eq!(e.ty, ir::Ty::Int);
}

#[test]
fn compound_assignment_is_desugared() {
    let p = lower("actor { var x = 1; func f() { x -= 1 } }");
    let ExprKind::AssignGlobal(_, value) = &tail(body(&p)).kind else {
        panic!("an assignment")
    };
    assert!(matches!(value.kind, ExprKind::Binary(BinOp::NatSub, _, _)));
}

#[test]
fn fields_become_globals_with_their_stability() {
    let p = lower("actor { stable var a = 0; flexible let b = \"x\"; var c : Int = 1; }");
    let kinds: Vec<(&str, Stability, bool)> = p
        .globals
        .iter()
        .map(|g| (g.name.as_str(), g.stability, g.mutable))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("a", Stability::Stable, true),
            ("b", Stability::Flexible, false),
            ("c", Stability::Flexible, true)
        ]
    );
    assert_eq!(p.body.len(), 3);
}

#[test]
fn async_tuple_results_are_split_into_candid_results() {
    let p = lower("actor { public query func f() : async (Nat, Text) { (1, \"a\") }; public func g() : async () {} }");
    assert_eq!(p.methods[0].results, vec![ir::Ty::Nat, ir::Ty::Text]);
    assert_eq!(p.methods[0].kind, ir::MethodKind::Query);
    assert!(p.methods[1].results.is_empty());
}

#[test]
fn upgrade_hooks_are_recorded() {
    let p = lower("actor { system func preupgrade() {}; system func postupgrade() {} }");
    assert_eq!(p.preupgrade, Some(ir::FuncId(0)));
    assert_eq!(p.postupgrade, Some(ir::FuncId(1)));
}

#[test]
fn local_lets_become_locals_of_the_function() {
    let p = lower("actor { func f(a : Nat) : Nat { let b = a + 1; var c = b; c } }");
    assert_eq!(
        p.funcs[0].locals,
        vec![ir::Ty::Nat, ir::Ty::Nat, ir::Ty::Nat]
    );
    assert_eq!(p.funcs[0].param_count, 1);
}
