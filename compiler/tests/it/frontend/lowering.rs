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
        ExprKind::Block(_, tail) => unlocated(tail),
        _ => unlocated(e),
    }
}

/// The operation inside a `Located` wrapper (trap locations are beside these tests' point).
fn unlocated(e: &ir::Expr) -> &ir::Expr {
    match &e.kind {
        ExprKind::Located(_, inner) => inner,
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
    assert!(matches!(
        unlocated(left).kind,
        ExprKind::Binary(BinOp::IntMul, _, _)
    ));
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
    assert!(matches!(
        unlocated(value).kind,
        ExprKind::Binary(BinOp::NatSub, _, _)
    ));
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

#[test]
fn record_types_have_fields_sorted_by_candid_hash() {
    let p = lower("actor { stable var r = { zip = 1; city = \"a\"; var street = \"b\" }; }");
    let ir::Ty::Record(fields) = &p.globals[0].ty else {
        panic!("a record type")
    };
    let hashes: Vec<u32> = fields.iter().map(|f| ir::idl_hash(&f.name)).collect();
    let mut sorted = hashes.clone();
    sorted.sort();
    assert_eq!(hashes, sorted);
    assert!(fields.iter().any(|f| f.name == "street" && f.mutable));
}

#[test]
fn recursive_alias_becomes_a_named_type() {
    let p = lower("actor { type List<T> = ?(T, List<T>); stable var l : List<Nat> = null; }");
    assert_eq!(p.types.len(), 1);
    let ir::Ty::Named(id) = p.globals[0].ty else {
        panic!("a named type")
    };
    let ir::Ty::Option(inner) = &p.types[id.0 as usize].ty else {
        panic!("an option")
    };
    assert_eq!(**inner, ir::Ty::Tuple(vec![ir::Ty::Nat, ir::Ty::Named(id)]));
}

#[test]
fn non_recursive_aliases_are_expanded() {
    let p =
        lower("actor { type Pair<A, B> = (A, B); stable var p : Pair<Nat, Text> = (0, \"\"); }");
    assert!(p.types.is_empty());
    assert_eq!(
        p.globals[0].ty,
        ir::Ty::Tuple(vec![ir::Ty::Nat, ir::Ty::Text])
    );
}

#[test]
fn switch_patterns_lower_to_ir_patterns() {
    let p = lower(
        "actor { func f(x : ?(Nat, {#a; #b : Text})) : Nat { switch x { case null 0; case (?(1 or 2, #a)) 1; case (?(n, #b t)) n } } }",
    );
    let ExprKind::Switch(_, cases) = &tail(body(&p)).kind else {
        panic!("a switch")
    };
    assert!(matches!(cases[0].pat, ir::Pat::Null));
    let ir::Pat::Some(inner) = &cases[1].pat else {
        panic!("an option pattern")
    };
    let ir::Pat::Tuple(items) = &**inner else {
        panic!("a tuple pattern")
    };
    assert!(matches!(&items[0], ir::Pat::Or(alts) if alts.len() == 2));
    assert!(matches!(&items[1], ir::Pat::Variant(tag, _) if tag == "a"));
    let ir::Pat::Some(inner) = &cases[2].pat else {
        panic!("an option pattern")
    };
    assert!(matches!(&**inner, ir::Pat::Tuple(items) if matches!(items[0], ir::Pat::Bind(_))));
}

#[test]
fn for_over_array_values_is_an_indexed_array_loop() {
    let p =
        lower("actor { func f(a : [Nat]) : Nat { var s = 0; for (x in a.vals()) { s += x }; s } }");
    // The loop indexes the array: no iterator object or closure call.
    let text = format!("{:?}", body(&p));
    assert!(text.contains("ForEach"), "{text}");
    assert!(!text.contains("CallClosure"), "{text}");
}

#[test]
fn element_and_field_assignments_lower_to_their_ir_forms() {
    let p = lower(
        "actor { stable var a : [var Nat] = [var 0]; stable let r = { var n = 0 }; func f() { a[0] += 1; r.n := 2 } }",
    );
    let ExprKind::Block(stmts, tail) = &body(&p).kind else {
        panic!("a block")
    };
    assert!(matches!(&stmts[0], ir::Stmt::Expr(e) if matches!(e.kind, ExprKind::AssignIndex(..))));
    assert!(matches!(tail.kind, ExprKind::AssignField(..)));
}

#[test]
fn fixed_width_literals_carry_their_bits() {
    let p = lower("actor { stable var a : Int8 = -1; stable var b : Nat16 = 65535; }");
    let bits: Vec<(ir::FixedTy, u64)> = p
        .body
        .iter()
        .filter_map(|s| match s {
            ir::Stmt::InitGlobal(_, e) => match e.kind {
                ExprKind::Fixed(t, v) => Some((t, v)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(
        bits,
        vec![(ir::FixedTy::Int8, 0xff), (ir::FixedTy::Nat16, 0xffff)]
    );
}

#[test]
fn objects_lower_to_records_of_closures() {
    let p = lower(
        "actor { let o = object { public func f() : Nat { 1 } }; public func g() : async Nat { o.f() } }",
    );
    let init = format!("{:?}", p.body);
    assert!(init.contains("Record("), "{init}");
    assert!(init.contains("Closure {"), "{init}");
    let call = format!(
        "{:?}",
        p.funcs.iter().find(|f| f.name == "g").map(|f| &f.body)
    );
    assert!(call.contains("CallClosure("), "{call}");
}
