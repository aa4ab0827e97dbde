//! The expression forms of record punning (`{ x; y = e }`), annotations inside parenthesised
//! lists (`(-5 : Int, 0 : Int)`), object combination (`{ a and b with f = e }`) and actor
//! references from text (`actor (t)`, through `Principal.fromText`): each parsed, checked,
//! compiled and run as a script in the VM.

use super::run_scripts::{prints, run};

fn codes(source: &str) -> Vec<&'static str> {
    minimo_compiler::check("test.mo", source)
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn punned_field_takes_the_variable_of_its_name() {
    let source = "let calls = 3; let accounts = [1]; let r = { calls; last = accounts }; r";
    assert_eq!(
        prints(source),
        vec!["{calls = 3; last = [1]} : {calls : Nat; last : [Nat]}"]
    );
}

#[test]
fn lone_name_in_braces_stays_a_block() {
    assert_eq!(
        prints("let x = 5; func f() : Nat { x }; f()"),
        vec!["5 : Nat"]
    );
}

#[test]
fn annotations_stand_in_tuple_components() {
    assert_eq!(
        prints("(-5 : Int, +5 : Int, 0 : Int)"),
        vec!["(-5, 5, 0) : (Int, Int, Int)"]
    );
}

#[test]
fn annotations_stand_in_call_arguments_and_array_elements() {
    let source = "func f(a : Int, b : Nat8) : Int { a + 1 }; (f(1 : Int, 2 : Nat8), [3 : Int, 4])";
    assert_eq!(prints(source), vec!["(2, [3, 4]) : (Int, [Int])"]);
}

#[test]
fn combination_merges_bases_and_with_overrides() {
    let source = r#"
        let base = { name = "widget"; price = 10 };
        let extra = { color = "blue" };
        { base and extra with price = 12 }"#;
    assert_eq!(
        prints(source),
        vec![
            "{color = \"blue\"; name = \"widget\"; price = 12} :\n  {color : Text; name : Text; price : Nat}"
        ]
    );
}

#[test]
fn combination_with_a_var_field_makes_a_new_variable() {
    let source = "
        let c = { var count = 1; step = 2 };
        let d = { c with var count = 10 };
        d.count += d.step;
        (c.count, d.count)";
    assert_eq!(prints(source), vec!["(1, 12) : (Nat, Nat)"]);
}

#[test]
fn combination_of_bases_sharing_a_field_is_ambiguous() {
    let source = "let a = { x = 1 }; let b = { x = 2 }; let c = { a and b with y = 3 }; c.y";
    assert_eq!(codes(source), vec!["M0177"]);
}

#[test]
fn combination_must_override_a_var_field_of_a_base() {
    let source = "let a = { var x = 1 }; let c = { a with y = 3 }; c.y";
    assert_eq!(codes(source), vec!["M0179"]);
}

#[test]
fn actor_reference_from_text_is_its_principal() {
    let source = r#"
        import Principal "mo:base/Principal";
        let p = Principal.fromText("2vxsx-fae");
        (debug_show p, Principal.toBlob(p), Principal.fromText("aaaaa-aa") < p)"#;
    assert_eq!(
        prints(source),
        vec![r#"("2vxsx-fae", "\04", true) : (Text, Blob, Bool)"#]
    );
}

#[test]
fn actor_reference_expression_takes_the_expected_actor_type() {
    let source = r#"
        import Prim "mo:⛔";
        let a : actor {} = actor "aaaaa-aa";
        debug_show (Prim.principalOfActor(a))"#;
    assert_eq!(prints(source), vec![r#""aaaaa-aa" : Text"#]);
}

#[test]
fn principal_text_with_a_wrong_checksum_traps() {
    let source = r#"
        import Principal "mo:base/Principal";
        Principal.fromText("2vxsy-fae")"#;
    let error = run(source).err().unwrap_or_default();
    assert!(
        error.contains("invalid principal text: checksum mismatch"),
        "{error}"
    );
}

#[test]
fn principal_text_with_a_misplaced_dash_traps() {
    let source = r#"
        import Principal "mo:base/Principal";
        Principal.fromText("2vxs-xfae")"#;
    let error = run(source).err().unwrap_or_default();
    assert!(
        error.contains("expected lowercase base32 in groups of five"),
        "{error}"
    );
}
