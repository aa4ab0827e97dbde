//! Closures, mutable cells, loops with labelled breaks, assertions and the located
//! execution errors of traps, from IR built by hand and run in the VM.

use candid::Decode;
use minimo_compiler::ir::{
    BinOp, CmpOp, Expr, ExprKind, FixedOp, FixedTy, FixedUnOp, FloatOp, FuncId, LabelId, Loc, Stmt,
    Ty,
};

use super::codegen_support::*;

fn bx(expr: Expr) -> Box<Expr> {
    Box::new(expr)
}

/// Runs a query `run : () -> Text` whose body is `body`, returning the reply text.
pub fn text_of(program: &mut ProgramBuilder, body: Expr) -> String {
    program.query("run", vec![], Ty::Text, body);
    let results = run(
        &program.build(),
        &[Step::Query("run", NO_ARGS.to_vec())],
        false,
    );
    match Decode!(reply(&results[0]), String) {
        Ok(text) => text,
        Err(error) => panic!("the reply is not a text: {error}"),
    }
}

/// `debug_show` of a closed expression.
pub fn shown(value: Expr) -> String {
    let mut program = ProgramBuilder::new();
    text_of(&mut program, debug_show(value))
}

pub fn debug_show(value: Expr) -> Expr {
    expr(ExprKind::DebugShow(bx(value)), Ty::Text)
}

/// The trap message of a query whose body is `body` (of any type), with the locations.
pub fn trap_of(locations: &[&str], body: Expr) -> String {
    let mut program = ProgramBuilder::new();
    program.program.locations = locations.iter().map(|l| l.to_string()).collect();
    let ty = body.ty.clone();
    let body = block(vec![effect(body)], text("not trapped"));
    let _ = ty;
    program.query("run", vec![], Ty::Text, body);
    let results = run(
        &program.build(),
        &[Step::Query("run", NO_ARGS.to_vec())],
        false,
    );
    error_message(&results[0]).to_string()
}

pub fn located(loc: u32, inner: Expr) -> Expr {
    let ty = inner.ty.clone();
    expr(ExprKind::Located(Loc(loc), bx(inner)), ty)
}

fn closure_func(
    program: &mut ProgramBuilder,
    name: &str,
    params: Vec<Ty>,
    result: Ty,
    body: Expr,
) -> FuncId {
    let mut all = vec![Ty::Func];
    all.extend(params);
    let id = program.func(name, all, Vec::new(), result, body);
    program.program.funcs[id.0 as usize].closure = true;
    id
}

fn add_locals(program: &mut ProgramBuilder, func: FuncId, locals: Vec<Ty>) {
    program.program.funcs[func.0 as usize].locals.extend(locals);
}

fn captured(index: u32, ty: Ty) -> Expr {
    expr(ExprKind::Captured(index), ty)
}

fn closure(func: FuncId, captures: Vec<Expr>) -> Expr {
    expr(ExprKind::Closure { func, captures }, Ty::Func)
}

fn call_closure(callee: Expr, args: Vec<Expr>, result: Ty) -> Expr {
    expr(ExprKind::CallClosure(bx(callee), args), result)
}

fn assign_local(index: u32, value: Expr) -> Expr {
    expr(
        ExprKind::AssignLocal(minimo_compiler::ir::LocalId(index), bx(value)),
        Ty::unit(),
    )
}

fn let_(index: u32, value: Expr) -> Stmt {
    Stmt::Let(minimo_compiler::ir::LocalId(index), value)
}

fn nat_text(value: Expr) -> Expr {
    debug_show(value)
}

#[test]
fn closure_reads_its_captured_value() {
    let mut program = ProgramBuilder::new();
    let adder = closure_func(
        &mut program,
        "adder",
        vec![Ty::Nat],
        Ty::Nat,
        binary(BinOp::NatAdd, captured(0, Ty::Nat), local(1, Ty::Nat)),
    );
    let body = call_closure(closure(adder, vec![nat(10)]), vec![nat(5)], Ty::Nat);
    assert_eq!(text_of(&mut program, nat_text(body)), "15");
}

#[test]
fn closures_share_a_var_through_a_ref_cell() {
    let mut program = ProgramBuilder::new();
    let cell_ty = Ty::Ref(Box::new(Ty::Nat));
    let cell = captured(0, cell_ty.clone());
    let inc = closure_func(
        &mut program,
        "inc",
        vec![],
        Ty::unit(),
        expr(
            ExprKind::AssignRef(
                bx(cell.clone()),
                bx(binary(
                    BinOp::NatAdd,
                    expr(ExprKind::Deref(bx(cell)), Ty::Nat),
                    nat(1),
                )),
            ),
            Ty::unit(),
        ),
    );
    let body = block(
        vec![
            let_(0, expr(ExprKind::NewRef(bx(nat(40))), cell_ty.clone())),
            let_(1, closure(inc, vec![local(0, cell_ty.clone())])),
            effect(call_closure(local(1, Ty::Func), vec![], Ty::unit())),
            effect(call_closure(local(1, Ty::Func), vec![], Ty::unit())),
        ],
        nat_text(expr(
            ExprKind::Deref(bx(local(0, cell_ty.clone()))),
            Ty::Nat,
        )),
    );
    program.query("run", vec![], Ty::Text, body);
    let run_id = FuncId(program.program.funcs.len() as u32 - 1);
    add_locals(&mut program, run_id, vec![cell_ty, Ty::Func]);
    let results = run(
        &program.build(),
        &[Step::Query("run", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(
        Decode!(reply(&results[0]), String).ok().as_deref(),
        Some("42")
    );
}

#[test]
fn higher_order_function_applies_a_closure_twice() {
    let mut program = ProgramBuilder::new();
    let double = closure_func(
        &mut program,
        "double",
        vec![Ty::Nat],
        Ty::Nat,
        binary(BinOp::NatMul, local(1, Ty::Nat), nat(2)),
    );
    let twice = program.func(
        "twice",
        vec![Ty::Func, Ty::Nat],
        vec![],
        Ty::Nat,
        call_closure(
            local(0, Ty::Func),
            vec![call_closure(
                local(0, Ty::Func),
                vec![local(1, Ty::Nat)],
                Ty::Nat,
            )],
            Ty::Nat,
        ),
    );
    let body = call(twice, vec![closure(double, vec![]), nat(7)], Ty::Nat);
    assert_eq!(text_of(&mut program, nat_text(body)), "28");
}

/// `var i = 0; var sum = 0; label done loop { i += 1; if (i > 10) break done;
/// label next { if (i % 2 == 0) break next; sum += i } }; sum`
#[test]
fn loop_with_labelled_break_and_continue_sums_odd_numbers() {
    let mut program = ProgramBuilder::new();
    let (done, next) = (LabelId(0), LabelId(1));
    let i = || local(0, Ty::Nat);
    let sum = || local(1, Ty::Nat);
    let brk = |label, value| expr(ExprKind::Break(label, bx(value)), Ty::unit());
    let body = block(
        vec![
            let_(0, nat(0)),
            let_(1, nat(0)),
            effect(expr(
                ExprKind::Labeled(
                    done,
                    bx(expr(
                        ExprKind::Loop(bx(block(
                            vec![
                                effect(assign_local(0, binary(BinOp::NatAdd, i(), nat(1)))),
                                effect(if_(
                                    compare(CmpOp::Gt, i(), nat(10)),
                                    brk(done, unit()),
                                    unit(),
                                )),
                            ],
                            expr(
                                ExprKind::Labeled(
                                    next,
                                    bx(if_(
                                        compare(
                                            CmpOp::Eq,
                                            binary(BinOp::NatRem, i(), nat(2)),
                                            nat(0),
                                        ),
                                        brk(next, unit()),
                                        assign_local(1, binary(BinOp::NatAdd, sum(), i())),
                                    )),
                                ),
                                Ty::unit(),
                            ),
                        ))),
                        Ty::unit(),
                    )),
                ),
                Ty::unit(),
            )),
        ],
        nat_text(sum()),
    );
    program.query("run", vec![], Ty::Text, body);
    let run_id = FuncId(program.program.funcs.len() as u32 - 1);
    add_locals(&mut program, run_id, vec![Ty::Nat, Ty::Nat]);
    let results = run(
        &program.build(),
        &[Step::Query("run", NO_ARGS.to_vec())],
        false,
    );
    assert_eq!(
        Decode!(reply(&results[0]), String).ok().as_deref(),
        Some("25")
    );
}

#[test]
fn labelled_block_yields_the_break_value() {
    let l = LabelId(3);
    let body = expr(
        ExprKind::Labeled(
            l,
            bx(block(
                vec![effect(if_(
                    boolean(true),
                    expr(ExprKind::Break(l, bx(nat(9))), Ty::Nat),
                    nat(1),
                ))],
                nat(2),
            )),
        ),
        Ty::Nat,
    );
    assert_eq!(shown(body), "9");
}

const LOC: &str = "assert_failure.mo:4.3-4.18";

#[test]
fn assertion_failure_reports_its_location() {
    let failing = located(0, expr(ExprKind::Assert(bx(boolean(false))), Ty::unit()));
    let message = trap_of(&[LOC], failing);
    assert!(
        message.contains("assert_failure.mo:4.3-4.18: execution error, assertion failure"),
        "{message}"
    );
}

#[test]
fn assertion_failure_without_location_is_bare() {
    let message = trap_of(&[], expr(ExprKind::Assert(bx(boolean(false))), Ty::unit()));
    assert!(message.contains("assertion failure"), "{message}");
    assert!(!message.contains("execution error"), "{message}");
}

#[test]
fn passing_assertion_does_not_trap() {
    let body = block(
        vec![effect(expr(
            ExprKind::Assert(bx(boolean(true))),
            Ty::unit(),
        ))],
        nat(1),
    );
    assert_eq!(shown(body), "1");
}

#[test]
fn nat_underflow_reports_arithmetic_overflow_at_its_location() {
    let message = trap_of(
        &["n.mo:6.3-6.9"],
        located(0, binary(BinOp::NatSub, nat(2), nat(3))),
    );
    assert!(
        message.contains("n.mo:6.3-6.9: execution error, arithmetic overflow"),
        "{message}"
    );
}

#[test]
fn operand_traps_report_their_own_location() {
    let inner = located(1, binary(BinOp::NatSub, nat(2), nat(3)));
    let outer = located(0, binary(BinOp::NatSub, inner, nat(1)));
    let message = trap_of(&["outer.mo:1.1-1.9", "inner.mo:2.2-2.8"], outer);
    assert!(
        message.contains("inner.mo:2.2-2.8: execution error"),
        "{message}"
    );
}

#[test]
fn division_by_zero_reports_arithmetic_overflow_at_its_location() {
    let message = trap_of(
        &["d.mo:1.1-1.6"],
        located(0, binary(BinOp::NatDiv, nat(1), nat(0))),
    );
    assert!(
        message.contains("d.mo:1.1-1.6: execution error, arithmetic overflow"),
        "{message}"
    );
}

#[test]
fn index_out_of_bounds_reports_its_location() {
    let indexed = located(
        0,
        index(array(Ty::Nat, false, vec![nat(1)]), nat(3), Ty::Nat),
    );
    let message = trap_of(&["i.mo:2.1-2.5"], indexed);
    assert!(
        message.contains("i.mo:2.1-2.5: execution error, index out of bounds"),
        "{message}"
    );
}

#[test]
fn explicit_trap_reports_its_text_at_its_location() {
    let trap = located(0, expr(ExprKind::Trap(bx(text("boom"))), Ty::unit()));
    let message = trap_of(&["t.mo:3.1-3.10"], trap);
    assert!(
        message.contains("t.mo:3.1-3.10: execution error, boom"),
        "{message}"
    );
}

fn fixed_bin(op: FixedOp, ty: FixedTy, a: u64, b: u64) -> Expr {
    expr(
        ExprKind::FixedBinary(op, ty, bx(fixed(ty, a)), bx(fixed(ty, b))),
        Ty::Fixed(ty),
    )
}

#[test]
fn fixed_width_overflow_traps_at_its_location_for_every_width() {
    for (ty, max) in [
        (FixedTy::Nat8, 0xffu64),
        (FixedTy::Nat16, 0xffff),
        (FixedTy::Nat32, 0xffff_ffff),
        (FixedTy::Nat64, u64::MAX),
        (FixedTy::Int8, 0x7f),
        (FixedTy::Int16, 0x7fff),
        (FixedTy::Int32, 0x7fff_ffff),
        (FixedTy::Int64, i64::MAX as u64),
    ] {
        let message = trap_of(
            &["f.mo:6.3-6.9"],
            located(0, fixed_bin(FixedOp::Add, ty, max, 1)),
        );
        assert!(
            message.contains("f.mo:6.3-6.9: execution error, arithmetic overflow"),
            "{ty:?}: {message}"
        );
        let message = trap_of(&[], fixed_bin(FixedOp::Mul, ty, max, 2));
        assert!(
            message.contains("arithmetic overflow"),
            "{ty:?} mul: {message}"
        );
    }
}

#[test]
fn fixed_width_wrapping_operators_match_moc() {
    let cases = [
        (fixed_bin(FixedOp::WrapAdd, FixedTy::Nat8, 200, 100), "44"),
        (fixed_bin(FixedOp::WrapSub, FixedTy::Nat8, 100, 200), "156"),
        (fixed_bin(FixedOp::WrapMul, FixedTy::Nat8, 200, 100), "32"),
        (fixed_bin(FixedOp::WrapPow, FixedTy::Nat8, 2, 9), "0"),
        (fixed_bin(FixedOp::WrapAdd, FixedTy::Int8, 127, 1), "-128"),
        (fixed_bin(FixedOp::WrapSub, FixedTy::Int8, 0x80, 1), "+127"),
        (
            fixed_bin(FixedOp::WrapAdd, FixedTy::Nat32, 0xffff_ffff, 2),
            "1",
        ),
        (
            fixed_bin(FixedOp::WrapAdd, FixedTy::Nat64, u64::MAX, 2),
            "1",
        ),
        (
            fixed_bin(FixedOp::WrapMul, FixedTy::Int64, i64::MAX as u64, 2),
            "-2",
        ),
        (
            fixed_bin(FixedOp::And, FixedTy::Nat32, 0xffff_ffff, 0xff),
            "255",
        ),
        (
            fixed_bin(FixedOp::Shr, FixedTy::Nat32, 0xffff_ffff, 28),
            "15",
        ),
        (
            fixed_bin(FixedOp::Shl, FixedTy::Nat32, 1, 31),
            "2_147_483_648",
        ),
        (fixed_bin(FixedOp::Xor, FixedTy::Nat16, 5, 3), "6"),
        (fixed_bin(FixedOp::Or, FixedTy::Nat64, 12, 3), "15"),
        (fixed_bin(FixedOp::Div, FixedTy::Nat8, 255, 2), "127"),
        (
            fixed_bin(FixedOp::Div, FixedTy::Int16, (-7i64) as u64, 2),
            "-3",
        ),
        (
            fixed_bin(FixedOp::Rem, FixedTy::Int16, (-7i64) as u64, 2),
            "-1",
        ),
        (fixed_bin(FixedOp::Sub, FixedTy::Nat16, 100, 58), "42"),
        (fixed_bin(FixedOp::Shl, FixedTy::Nat8, 1, 9), "2"),
        (fixed_bin(FixedOp::Rotl, FixedTy::Nat8, 0x81, 1), "3"),
        (fixed_bin(FixedOp::Rotr, FixedTy::Nat8, 0x81, 1), "192"),
        (fixed_bin(FixedOp::Rotl, FixedTy::Int8, 0x40, 1), "-128"),
        (fixed_bin(FixedOp::Shr, FixedTy::Int8, 0x80, 1), "-64"),
        (
            fixed_bin(FixedOp::Pow, FixedTy::Int8, (-2i64) as u64, 7),
            "-128",
        ),
        (
            fixed_bin(FixedOp::Pow, FixedTy::Nat64, 10, 19),
            "10_000_000_000_000_000_000",
        ),
        (
            expr(
                ExprKind::FixedUnary(
                    FixedUnOp::Not,
                    FixedTy::Nat8,
                    bx(fixed(FixedTy::Nat8, 0x0f)),
                ),
                Ty::Fixed(FixedTy::Nat8),
            ),
            "240",
        ),
        (
            expr(
                ExprKind::FixedUnary(
                    FixedUnOp::WrapNeg,
                    FixedTy::Int8,
                    bx(fixed(FixedTy::Int8, 0x80)),
                ),
                Ty::Fixed(FixedTy::Int8),
            ),
            "-128",
        ),
    ];
    for (value, expected) in cases {
        let described = format!("{value:?}");
        assert_eq!(shown(value), expected, "{described}");
    }
}

#[test]
fn fixed_width_traps_on_signed_negation_of_the_minimum_and_division_by_zero() {
    let neg = expr(
        ExprKind::FixedUnary(
            FixedUnOp::Neg,
            FixedTy::Int32,
            bx(fixed(FixedTy::Int32, 0x8000_0000)),
        ),
        Ty::Fixed(FixedTy::Int32),
    );
    assert!(trap_of(&[], neg).contains("arithmetic overflow"));
    let div = fixed_bin(FixedOp::Div, FixedTy::Int64, i64::MIN as u64, u64::MAX);
    assert!(trap_of(&[], div).contains("arithmetic overflow"));
    let zero = fixed_bin(FixedOp::Rem, FixedTy::Nat16, 5, 0);
    assert!(trap_of(&[], zero).contains("arithmetic overflow"));
}

fn float(value: f64) -> Expr {
    expr(ExprKind::Float(value), Ty::Float)
}

fn float_bin(op: FloatOp, a: f64, b: f64) -> Expr {
    expr(
        ExprKind::FloatBinary(op, bx(float(a)), bx(float(b))),
        Ty::Float,
    )
}

#[test]
fn float_operations_match_moc() {
    let cases = [
        (float_bin(FloatOp::Add, 7.5, 2.0), "9.5"),
        (float_bin(FloatOp::Sub, 7.5, 2.0), "5.5"),
        (float_bin(FloatOp::Mul, 7.5, 2.0), "15"),
        (float_bin(FloatOp::Div, 7.5, 2.0), "3.75"),
        (float_bin(FloatOp::Rem, 7.5, 2.0), "1.5"),
        (float_bin(FloatOp::Rem, -7.5, 2.0), "-1.5"),
        (float_bin(FloatOp::Pow, 2.0, 10.0), "1_024"),
        (float_bin(FloatOp::Pow, 2.0, -1.0), "0.5"),
        (expr(ExprKind::FloatNeg(bx(float(7.5))), Ty::Float), "-7.5"),
        (
            float_bin(FloatOp::Div, 1.0, 3.0),
            "0.333_333_333_333_333_31",
        ),
        (
            float_bin(FloatOp::Div, 2.0, 3.0),
            "0.666_666_666_666_666_63",
        ),
        (float_bin(FloatOp::Div, 1.0, 0.0), "inf"),
    ];
    for (value, expected) in cases {
        let described = format!("{value:?}");
        assert_eq!(shown(value), expected, "{described}");
    }
}
