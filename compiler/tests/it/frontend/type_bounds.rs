//! Bounded type parameters (`<T <: Bound>`): the body may use a `T` as its bound, and every
//! instantiation must respect the bound, M0046 when written and M0098 when inferred. The
//! exact wording of moc's M0098 explanation is approximated, not matched.

/// The errors of a program, as `code message` lines.
fn errors(source: &str) -> Vec<String> {
    minimo_compiler::check("test.mo", source)
        .into_iter()
        .filter(|d| d.severity == minimo_compiler::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

const TO_NAT: &str = "func toNat<T <: Nat>(x : T) : Nat { x };\n";

#[test]
fn a_bounded_parameter_is_used_as_its_bound() {
    let source = format!("{TO_NAT}let n : Nat = toNat<Nat>(1) + toNat(2);");
    assert_eq!(errors(&source), Vec::<String>::new());
}

#[test]
fn an_explicit_type_argument_outside_the_bound_is_m0046() {
    let source = format!("{TO_NAT}let n = toNat<Text>(\"x\");");
    assert_eq!(
        errors(&source),
        vec!["M0046 type argument\n  Text\ndoes not match parameter bound\n  Nat"]
    );
}

#[test]
fn an_inferred_type_argument_outside_the_bound_is_m0098() {
    let source = format!("{TO_NAT}let n = toNat(\"x\");");
    let codes: Vec<String> = errors(&source).iter().map(|e| e[..5].to_string()).collect();
    assert_eq!(codes, vec!["M0098"]);
}

#[test]
fn a_record_bound_admits_wider_records() {
    let source = "func keep<T <: { name : Text }>(x : T) : T { x };\n\
                  let r = keep({ name = \"n\"; age = 3 });\nlet a : Nat = r.age;";
    assert_eq!(errors(source), Vec::<String>::new());
}
