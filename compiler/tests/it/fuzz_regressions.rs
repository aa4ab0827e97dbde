//! Regressions found by the fuzz targets and property harnesses (`testkit`, `fuzz/`): each
//! test is one minimised input and the behaviour it must now have.

use candid::types::value::IDLArgs;
use candid::types::TypeEnv;
use candid_parser::utils::CandidSource;
use minimo_runtime::{Canister, Options, Response, Vm};

const CANISTER_ID: &str = "rwlgt-iiaaa-aaaaa-aaaaa-cai";
const NO_ARGS: &[u8] = b"DIDL\x00\x00";

/// Found by the `source` target: M0009 was raised outside the code table, so its category
/// (and the word the renderer prints) fell back to a default.
#[test]
fn a_missing_import_is_reported_with_a_code_from_the_table() {
    let diagnostics = minimo_compiler::check("x.mo", "import N \"mo:base/Nope\";\nactor {}\n");
    assert!(!diagnostics.is_empty());
    for d in &diagnostics {
        assert!(
            minimo_compiler::diag::CODES
                .iter()
                .any(|(code, _, _)| *code == d.code),
            "{} is not in the table",
            d.code
        );
    }
}

const SHAPES: &str = r#"
actor {
  type Shape = { #circle : Nat; #dot };
  stable var last : Shape = #dot;
  public func set(s : Shape) : async Shape { last := s; s };
  public query func get() : async Shape { last };
}
"#;

/// Found by the `arguments` harness: a tag without payload (`#dot`) is `dot : null` in the
/// service, as moc has it, but the generated code wrote and read it as `record {}`, so
/// `variant { dot }` from any Candid client was refused and the reply did not decode at the
/// service's type.
#[test]
fn a_variant_tag_without_payload_travels_as_null() {
    let compiled = minimo_compiler::compile(
        "shapes.mo",
        SHAPES,
        &minimo_compiler::codegen::Options::default(),
    )
    .expect("compiles");
    let (env, service) = CandidSource::Text(&compiled.candid)
        .load()
        .expect("the service parses");
    let service = service.expect("an actor");
    let set = env.get_method(&service, "set").expect("set").clone();
    let argument = candid_parser::parse_idl_args("(variant { dot })").expect("parses");
    let bytes = argument
        .to_bytes_with_types(&env, &set.args)
        .expect("encodes at the service's type");
    let vm = Vm::new(Options::default()).expect("the VM starts");
    let (canister, _) = Canister::install(&vm, CANISTER_ID, &compiled.wasm, NO_ARGS);
    let mut canister = canister.expect("installs");
    for outcome in [
        canister.update(&vm, "set", &bytes),
        canister.query(&vm, "get", NO_ARGS),
    ] {
        let Ok(Response::Reply(reply)) = outcome.result else {
            panic!("expected a reply, got {:?}", outcome.result);
        };
        let decoded = decode(&reply, &env, &set.rets);
        assert_eq!(decoded.to_string(), "(variant { dot })");
    }
    // Stable memory keeps its own format, and the value survives an upgrade.
    let upgraded = canister.upgrade(&vm, &compiled.wasm, NO_ARGS);
    assert!(upgraded.result.is_ok(), "{:?}", upgraded.result);
    let Ok(Response::Reply(reply)) = canister.query(&vm, "get", NO_ARGS).result else {
        panic!("get after the upgrade failed");
    };
    assert_eq!(
        decode(&reply, &env, &set.rets).to_string(),
        "(variant { dot })"
    );
}

const LIST: &str = r#"
actor {
  type List = ?(Int, List);
  public query func echo(x : List) : async List { x };
}
"#;

/// Found by the long run of the `arguments` target: a record missing its only field of a
/// recursive type (`record { 0 : int }` for `(Int, List)`; a missing optional field is
/// `null`) left nothing on the work stack since its mark, and the reversal of that empty
/// range, before the stack ever had a buffer, wrapped below address zero: the message
/// trapped with "heap out of bounds" instead of replying.
#[test]
fn a_record_missing_its_recursive_optional_field_reads_it_as_null() {
    let compiled = minimo_compiler::compile(
        "list.mo",
        LIST,
        &minimo_compiler::codegen::Options::default(),
    )
    .expect("compiles");
    let vm = Vm::new(Options::default()).expect("the VM starts");
    let (canister, _) = Canister::install(&vm, CANISTER_ID, &compiled.wasm, NO_ARGS);
    let mut canister = canister.expect("installs");
    // Types: 0 = opt 1, 1 = record { 0 : int }; the argument ?{0 = 5}.
    let argument = b"DIDL\x02\x6e\x01\x6c\x01\x00\x7c\x01\x00\x01\x05";
    let outcome = canister.query(&vm, "echo", argument);
    let Ok(Response::Reply(reply)) = outcome.result else {
        panic!("expected a reply, got {:?}", outcome.result);
    };
    let (env, service) = CandidSource::Text(&compiled.candid)
        .load()
        .expect("the service parses");
    let service = service.expect("an actor");
    let echo = env.get_method(&service, "echo").expect("echo").clone();
    assert_eq!(
        decode(&reply, &env, &echo.rets).to_string(),
        "(opt record { 5 : int; null })"
    );
}

fn decode(reply: &[u8], env: &TypeEnv, types: &[candid::types::Type]) -> IDLArgs {
    IDLArgs::from_bytes_with_types(reply, env, types)
        .unwrap_or_else(|error| panic!("the reply {reply:02x?} does not decode: {error}"))
}

/// Found by the signature harness: a `.most` applying a type it does not define (its
/// definition commented out) was "incompatible with itself"; it is not a stable signature.
#[test]
fn a_stable_signature_applying_an_undefined_type_does_not_parse() {
    let most = "// Version: 1.0.0\nactor {\n  stable var log : List<Nat>\n};\n";
    let findings = minimo_compiler::stable_compatible(most, most);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, "M0001");
    assert_eq!(
        findings[0].message,
        "old stable signature: type List is not defined"
    );
    let wrong_arity =
        "// Version: 1.0.0\ntype L<T> = ?(T, L<T>);\nactor {\n  stable var log : L<Nat, Nat>\n};\n";
    let findings = minimo_compiler::stable_compatible(wrong_arity, wrong_arity);
    assert_eq!(findings[0].code, "M0001", "{findings:?}");
}

/// Found by the signature harness: a `.most` declaring a variable twice (with two types) was
/// "incompatible with itself", one declaration compared with the other.
#[test]
fn a_stable_signature_declaring_a_variable_twice_does_not_parse() {
    let most =
        "// Version: 1.0.0\nactor {\n  stable var name : Nat;\n  stable var name : Text\n};\n";
    let findings = minimo_compiler::stable_compatible(most, most);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].message,
        "old stable signature: stable variable name is declared twice"
    );
}

/// Found by the signature harness: a tag (or field) written twice in one type made the
/// signature incompatible with itself.
#[test]
fn a_stable_signature_repeating_a_tag_or_field_does_not_parse() {
    for most in [
        "actor {\n  stable var s : {#a; #b : Nat; #b : Text}\n};\n",
        "actor {\n  stable var r : {x : Nat; x : Text}\n};\n",
    ] {
        let findings = minimo_compiler::stable_compatible(most, most);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, "M0001", "{findings:?}");
    }
}
