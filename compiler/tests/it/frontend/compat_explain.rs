//! The explanations the stable-compatibility check attaches to its diagnostics, at the
//! compiler's level: notes beside moc's unchanged message, one checker per variable, and
//! recursive or empty types that must not confuse the check.

use minimo_compiler::stable_compatible;

fn sig(defs: &str, vars: &str) -> String {
    format!("// Version: 1.0.0\n{defs}\nactor {{\n{vars}\n}};\n")
}

#[test]
fn an_explanation_goes_into_the_notes_and_leaves_mocs_message_alone() {
    let old = sig("", "  stable var age : Int");
    let new = sig("", "  stable var age : Nat");
    let found = stable_compatible(&old, &new);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "stable variable age of previous type\n  var Int\ncannot be consumed at new type\n  var Nat"
    );
    assert_eq!(
        found[0].notes,
        vec!["stable variable age: its type changed from Int to Nat, and Int is not a subtype of Nat (a negative Int has no Nat value)".to_string()]
    );
}

#[test]
fn each_variable_is_checked_with_fresh_assumptions() {
    let list = "type List<T> = ?(T, List<T>);";
    let old = sig(
        list,
        "  stable var a : List<Int>;\n  stable var b : List<Int>",
    );
    let new = sig(
        list,
        "  stable var a : List<Nat>;\n  stable var b : List<Nat>",
    );
    let found = stable_compatible(&old, &new);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found
        .iter()
        .all(|d| d.code == "M0170" && !d.notes.is_empty()));
}

#[test]
fn a_recursive_type_widened_everywhere_is_compatible() {
    let list = "type List<T> = ?(T, List<T>);";
    let old = sig(list, "  stable var log : List<Nat>");
    let new = sig(list, "  stable var log : List<Int>");
    assert!(stable_compatible(&old, &new).is_empty());
}

#[test]
fn none_is_below_every_type() {
    let old = sig("", "  stable var x : ?None");
    let new = sig("", "  stable var x : ?{a : Nat}");
    assert!(stable_compatible(&old, &new).is_empty());
}

#[test]
fn every_part_that_breaks_is_explained() {
    let old = sig("", "  stable var r : {a : Int; b : Nat8}");
    let new = sig("", "  stable var r : {a : Nat; b : Nat16; c : Text}");
    let found = stable_compatible(&old, &new);
    assert_eq!(found.len(), 1);
    let notes = found[0].notes.join("\n");
    assert!(notes.contains("`r.a` changed from Int to Nat"), "{notes}");
    assert!(
        notes.contains("`r.b` changed from Nat8 to Nat16"),
        "{notes}"
    );
    assert!(notes.contains("record field `c` was added"), "{notes}");
}

#[test]
fn a_dropped_variable_names_its_type_and_a_likely_rename() {
    let old = sig("", "  stable var count : Nat");
    let new = sig("", "  stable var total : Int");
    let found = stable_compatible(&old, &new);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "M0169");
    let notes = found[0].notes.join("\n");
    assert!(notes.contains("count of type Nat"), "{notes}");
    assert!(notes.contains("the upgrade drops its data"), "{notes}");
    assert!(notes.contains("renamed to total"), "{notes}");
}

#[test]
fn a_recursive_type_through_a_var_field_is_compatible_with_itself() {
    let node = "type Node = {var next : ?Node; v : Nat};";
    let old = sig(node, "  stable var n : Node");
    assert!(stable_compatible(&old, &old).is_empty());
}

#[test]
fn a_changed_field_of_a_recursive_type_through_a_var_field_is_refused() {
    let old = sig(
        "type Node = {var next : ?Node; v : Nat};",
        "  stable var n : Node",
    );
    let new = sig(
        "type Node = {var next : ?Node; v : Int};",
        "  stable var n : Node",
    );
    let found = stable_compatible(&old, &new);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "M0170");
}
