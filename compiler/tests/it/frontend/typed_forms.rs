//! Forms whose meaning the checker decides by types: text literals with byte escapes (a
//! `Blob` at type `Blob`, moc's M0049 at type `Text`), `{ a and b }` (an object combination
//! when the operands are objects, a `Bool` conjunction otherwise), type names in printed
//! types (shown only where they are in scope), and the message context of shared functions
//! (`shared (msg)`, `shared ({caller})`). Scripts run in the VM; errors are compared with
//! moc's codes and wording.

use super::run_scripts::prints;
use minimo_runtime::{Canister, Vm};

fn errors(source: &str) -> Vec<(&'static str, String)> {
    minimo_compiler::check("test.mo", source)
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect()
}

#[test]
fn blob_literal_keeps_bytes_that_are_not_utf8() {
    assert_eq!(
        prints(r#"let b : Blob = "\00\ff\41"; b"#),
        vec![r#""\00\FF\41" : Blob"#]
    );
}

#[test]
fn text_literal_that_is_not_utf8_is_m0049() {
    assert_eq!(
        errors(r#"let t : Text = "a\ffb\n"; t"#),
        vec![(
            "M0049",
            r#"string literal "a\255b\n": is not valid utf8"#.to_string()
        )]
    );
}

#[test]
fn script_result_unfolds_a_type_declared_inside_a_module() {
    let source = "module Geometry { public type Point = { x : Int; y : Int }; \
                  public let origin : Point = { x = 0; y = 0 } }; (1, Geometry.origin)";
    assert_eq!(
        prints(source),
        vec!["(1, {x = 0; y = 0}) : (Nat, {x : Int; y : Int})"]
    );
}

#[test]
fn script_result_names_a_type_in_scope() {
    let source = "type Point = { x : Int }; let p : Point = { x = 1 }; let o : ?Point = ?p; o";
    assert_eq!(prints(source), vec!["?{x = 1} : ?Point"]);
}

#[test]
fn module_type_path_is_named_by_its_declaration() {
    let source = "module M { public type T = { a : Nat } }; let t : M.T = 5;";
    assert_eq!(
        errors(source),
        vec![(
            "M0050",
            "literal of type\n  Nat\ndoes not have expected type\n  T".to_string()
        )]
    );
}

/// Installs an actor and calls `method` as the caller with principal bytes `caller`; the
/// call's debug prints.
fn call_as(source: &str, method: &str, caller: &[u8], query: bool) -> Vec<String> {
    let compiled = match minimo_compiler::compile("test.mo", source, &Default::default()) {
        Ok(compiled) => compiled,
        Err(errors) => panic!("{}", minimo_compiler::render(&errors, "test.mo", source)),
    };
    if let Err(error) = wasmparser::Validator::new().validate_all(&compiled.wasm) {
        panic!("the emitted module does not validate: {error}");
    }
    let vm = match Vm::new(minimo_runtime::Options::default()) {
        Ok(vm) => vm,
        Err(error) => panic!("the VM starts: {error:?}"),
    };
    let (canister, prints) = Canister::install(&vm, "c", &compiled.wasm, b"DIDL\x00\x00");
    let mut canister = match canister {
        Ok(canister) => canister,
        Err(error) => panic!("the install failed: {error:?} after {prints:?}"),
    };
    let outcome = if query {
        canister.query_as(&vm, caller, method, b"DIDL\x00\x00")
    } else {
        canister.update_as(&vm, caller, method, b"DIDL\x00\x00")
    };
    if let Err(error) = &outcome.result {
        panic!("the call failed: {error:?}");
    }
    outcome.debug_prints
}

#[test]
fn shared_message_pattern_binds_the_caller() {
    let source = r#"import Prim "mo:⛔";
        actor {
          public shared (msg) func who() : async () {
            Prim.debugPrint(debug_show (Prim.blobOfPrincipal(msg.caller)))
          };
        }"#;
    assert_eq!(
        call_as(source, "who", &[1, 2, 0xff], false),
        vec![r#""\01\02\FF""#]
    );
}

#[test]
fn shared_query_record_pattern_binds_the_caller() {
    let source = r#"import Prim "mo:⛔";
        actor {
          public shared query ({caller}) func who() : async () {
            Prim.debugPrint(debug_show (Prim.blobOfPrincipal(caller).size()))
          };
        }"#;
    assert_eq!(call_as(source, "who", &[7; 29], true), vec!["29"]);
}

#[test]
fn script_actor_methods_see_a_caller() {
    let source = "actor A { public shared (msg) func who() : async Principal { msg.caller } }; \
                  let p = await A.who(); p == p";
    assert_eq!(prints(source), vec!["true : Bool"]);
}

#[test]
fn and_of_objects_in_braces_combines_them() {
    let source = r#"let a = { x = 1 }; let b = { y = "two" }; let c = { z = true };
        { a and b and c }"#;
    assert_eq!(
        prints(source),
        vec![r#"{x = 1; y = "two"; z = true} : {x : Nat; y : Text; z : Bool}"#]
    );
}

#[test]
fn and_of_bools_in_braces_stays_a_conjunction() {
    let source =
        "func both(a : Bool, b : Bool) : Bool { a and b }; (both(true, false), both(true, true))";
    assert_eq!(prints(source), vec!["(false, true) : (Bool, Bool)"]);
}

#[test]
fn and_of_an_object_and_a_bool_is_an_error() {
    let codes: Vec<&str> = errors("let a = { x = 1 }; { a and true }")
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert_eq!(codes, vec!["M0096"]);
}
