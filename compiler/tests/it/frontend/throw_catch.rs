//! `throw` and `try ... catch` in scripts run in the VM: an error caught in the method that
//! throws it, an error that ends a method and is caught (or not) where the script awaits it,
//! and the `Error` primitives of `mo:base/Error`. Canister methods that reject are covered by
//! the upgrade scenario `cli/tests/upgrade/throw_rejects_and_keeps_state`.

use super::run_scripts::{prints, run};

const PRELUDE: &str = "import Error \"mo:base/Error\";\nimport Debug \"mo:base/Debug\";\n";

#[test]
fn throw_in_a_try_body_runs_the_handler_of_the_same_method() {
    let source = format!(
        "{PRELUDE}
        actor A {{
          public func go() : async Text {{
            try {{
              Debug.print(\"before\");
              throw Error.reject(\"inner\");
              Debug.print(\"skipped\");
              \"not reached\"
            }} catch (e) {{
              \"caught \" # Error.message(e)
            }}
          }};
        }};
        await A.go()"
    );
    assert_eq!(prints(&source), vec!["before", "\"caught inner\" : Text"]);
}

#[test]
fn try_without_a_throw_has_the_value_of_its_body() {
    let source = format!(
        "{PRELUDE}
        actor A {{
          public func go() : async Nat {{
            try {{ 1 + 1 }} catch (_) {{ 0 }}
          }};
        }};
        await A.go()"
    );
    assert_eq!(prints(&source), vec!["2 : Nat"]);
}

#[test]
fn error_thrown_by_a_method_is_caught_where_the_script_awaits_it() {
    let source = format!(
        "{PRELUDE}
        actor A {{
          var count = 0;
          public func fail() : async Nat {{
            count += 1;
            throw Error.reject(\"boom\");
          }};
          public func get() : async Nat {{ count }};
        }};
        let r = try {{ debug_show (await A.fail()) }} catch (e) {{ \"caught \" # Error.message(e) }};
        Debug.print(r);
        await A.get()"
    );
    // The increment before the throw is kept: an error is not a trap.
    assert_eq!(prints(&source), vec!["caught boom", "1 : Nat"]);
}

#[test]
fn error_passes_through_a_method_that_awaits_without_catching() {
    let source = format!(
        "{PRELUDE}
        actor A {{
          public func inner() : async Nat {{ throw Error.reject(\"deep\") }};
        }};
        actor B {{
          public func outer() : async Nat {{
            let n = await A.inner();
            Debug.print(\"not reached\");
            n + 1
          }};
        }};
        try {{ ignore await B.outer() }} catch (e) {{ Debug.print(Error.message(e)) }}"
    );
    // The `try` is the script's last expression: moc prints its value, `()`, too.
    assert_eq!(prints(&source), vec!["deep", "() : ()"]);
}

#[test]
fn handler_may_throw_to_an_enclosing_try() {
    let source = format!(
        "{PRELUDE}
        actor A {{
          public func go() : async Text {{
            try {{
              try {{ throw Error.reject(\"first\") }}
              catch (e) {{ throw Error.reject(Error.message(e) # \" then second\") }}
            }} catch (e) {{ Error.message(e) }}
          }};
        }};
        await A.go()"
    );
    assert_eq!(prints(&source), vec!["\"first then second\" : Text"]);
}

#[test]
fn error_message_and_code_round_trip() {
    let source = format!(
        "{PRELUDE}
        let e = Error.reject(\"why\");
        Debug.print(Error.message(e));
        Debug.print(debug_show (Error.code(e)));
        Error.code(e) == #canister_reject"
    );
    assert_eq!(
        prints(&source),
        vec!["why", "#canister_reject", "true : Bool"]
    );
}

#[test]
fn uncaught_error_at_the_top_level_of_a_script_traps() {
    let source = format!(
        "{PRELUDE}
        actor A {{ public func fail() : async Nat {{ throw Error.reject(\"lost\") }} }};
        Debug.print(\"start\");
        let n = await A.fail();
        Debug.print(\"not reached\")"
    );
    let error = run(&source).expect_err("the script traps");
    assert!(
        error.contains("test.mo:6.17-6.31: execution error, uncaught throw"),
        "{error}"
    );
    assert!(error.contains("[\"start\"]"), "{error}");
}
