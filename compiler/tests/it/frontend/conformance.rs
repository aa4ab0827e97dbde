//! The conformance corpus (moc 0.13.6's results) for the front end: the `check/`,
//! `signature/` and `compat/` cases whose programs stay inside minimo's subset.
//!
//! The lists of cases in scope are explicit; every case in them must pass. In scope: every
//! case of `check/`, `signature/` and `compat/`.

use std::path::PathBuf;

const CHECK_CASES: &[&str] = &[
    "flexible_decls",
    "nonstable_async",
    "nonstable_class_instance",
    "nonstable_error",
    "nonstable_generic_instance",
    "nonstable_local_func",
    "nonstable_nested_func",
    "nonstable_object_method",
    "postupgrade_with_param",
    "preupgrade_async",
    "preupgrade_returns_nat",
    "seed_counter",
    "seed_registry",
    "seed_stable_func",
    "seed_stable_registry",
    "shared_nonshared_param",
    "stable_actor_ref",
    "stable_any",
    "stable_arrays",
    "stable_duplicate",
    "stable_generic_alias",
    "stable_in_function",
    "stable_in_module",
    "stable_in_object",
    "stable_init_mismatch",
    "stable_let_and_var",
    "stable_let_assign",
    "stable_option_tuple",
    "stable_prim_fixed_int",
    "stable_prim_fixed_nat",
    "stable_prim_misc",
    "stable_prim_nat_int",
    "stable_prim_principal",
    "stable_record_var_field",
    "stable_record_variant",
    "stable_recursive_list",
    "stable_toplevel_script",
    "stable_unused_warning",
    "system_func_unknown",
    "system_upgrade_hooks_ok",
];

const SIGNATURE_CASES: &[&str] = &[
    "actor_refs",
    "aliases",
    "empty_actor",
    "field_order",
    "flexible_omitted",
    "mutable_arrays",
    "options_tuples",
    "primitives",
    "queries_and_args",
    "records_nested",
    "recursive_list",
    "recursive_tree",
    "seed_counter",
    "seed_stable_registry",
    "stable_let",
    "variants",
];

const COMPAT_CASES: &[&str] = &[
    "add_variable",
    "array_widening",
    "handwritten_list",
    "handwritten_variant",
    "identical",
    "int_to_nat",
    "let_to_var",
    "mutable_array_widening",
    "nat8_to_nat16",
    "nat_to_int",
    "null_to_option",
    "option_wrap",
    "record_field_added",
    "record_field_removed",
    "registry_entries_retyped",
    "remove_variable",
    "seed_counter_v2",
    "seed_registry_to_stable",
    "stable_to_flexible",
    "text_to_nat",
    "var_to_let",
    "variant_tag_added",
    "variant_tag_removed",
];

fn corpus() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    assert!(
        dir.join("oracle-version.json").exists(),
        "the conformance corpus is missing: expected it at {}",
        dir.display()
    );
    dir
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn json(path: &PathBuf) -> serde_json::Value {
    serde_json::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Runs every case, prints the ledger line, and fails listing the cases that did not pass.
fn ledger(suite: &str, cases: &[&str], run: impl Fn(&str) -> Result<(), String>) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run(case).err().map(|why| format!("{case}: {why}")))
        .collect();
    println!(
        "conformance {suite}/: {}/{} passed",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "failing {suite} cases:\n{}",
        failures.join("\n")
    );
}

/// The column and message of each expected error agree too (the stricter score).
fn strict_match(
    source: &str,
    diagnostics: &[minimo_compiler::Diagnostic],
    expected: &serde_json::Value,
) -> bool {
    let got: Vec<(String, String)> = diagnostics
        .iter()
        .filter(|d| d.severity == minimo_compiler::Severity::Error)
        .map(|d| {
            let range = d
                .span
                .map_or_else(String::new, |s| minimo_compiler::diag::range(source, s));
            (range, d.message.clone())
        })
        .collect();
    let want: Vec<(String, String)> = expected["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["range"].as_str().unwrap_or("").to_string(),
                e["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got == want
}

#[test]
fn conformance_check_cases_in_scope_pass() {
    let dir = corpus().join("check");
    let strict = std::cell::Cell::new(0usize);
    let loose = std::cell::RefCell::new(Vec::new());
    ledger("check", CHECK_CASES, |case| {
        let source = read(&dir.join(format!("{case}.mo")));
        let expected = json(&dir.join(format!("{case}.expected.json")));
        let diagnostics = minimo_compiler::check(&format!("{case}.mo"), &source);
        if strict_match(&source, &diagnostics, &expected) {
            strict.set(strict.get() + 1);
        } else {
            loose.borrow_mut().push(case.to_string());
        }
        let ok = !minimo_compiler::has_errors(&diagnostics);
        let errors: Vec<(String, usize)> = diagnostics
            .iter()
            .filter(|d| d.severity == minimo_compiler::Severity::Error)
            .map(|d| {
                let line = d.span.map_or(0, |s| {
                    minimo_compiler::diag::line_column(&source, s.start).0
                });
                (d.code.to_string(), line)
            })
            .collect();
        let expected_errors: Vec<(String, usize)> = expected["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (
                            e["code"].as_str().unwrap_or("").to_string(),
                            e["line"].as_u64().unwrap_or(0) as usize,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if expected["ok"].as_bool() != Some(ok) || errors != expected_errors {
            return Err(format!(
                "expected {expected_errors:?}, got {errors:?}\n{}",
                minimo_compiler::render(&diagnostics, &format!("{case}.mo"), &source)
            ));
        }
        Ok(())
    });
    println!(
        "conformance check/ (range and message too): {}/{} agree; not yet: {}",
        strict.get(),
        CHECK_CASES.len(),
        loose.borrow().join(", ")
    );
}

#[test]
fn conformance_signature_cases_in_scope_pass() {
    let dir = corpus().join("signature");
    let compiled = std::cell::Cell::new(0usize);
    ledger("signature", SIGNATURE_CASES, |case| {
        let source = read(&dir.join(format!("{case}.mo")));
        // The signatures of a program that compiles are the ones embedded in its module;
        // a program the code generator cannot compile yet still has its signatures.
        let options = minimo_compiler::codegen::Options::default();
        let (candid, most) =
            match minimo_compiler::compile(&format!("{case}.mo"), &source, &options) {
                Ok(c) => {
                    compiled.set(compiled.get() + 1);
                    (c.candid, c.stable_types)
                }
                Err(_) => minimo_compiler::signatures(&source)
                    .map_err(|d| minimo_compiler::render(&d, &format!("{case}.mo"), &source))?,
            };
        let expected_did = read(&dir.join(format!("{case}.did")));
        let expected_most = read(&dir.join(format!("{case}.most")));
        if candid != expected_did {
            return Err(format!(
                ".did differs:\n{candid}---- expected:\n{expected_did}"
            ));
        }
        if most != expected_most {
            return Err(format!(
                ".most differs:\n{most}---- expected:\n{expected_most}"
            ));
        }
        Ok(())
    });
    println!(
        "conformance signature/: {}/{} compiled to a module, the rest through `signatures`",
        compiled.get(),
        SIGNATURE_CASES.len()
    );
}

#[test]
fn conformance_compat_cases_in_scope_pass() {
    let dir = corpus().join("compat");
    ledger("compat", COMPAT_CASES, |case| {
        let old = read(&dir.join(format!("{case}.old.most")));
        let new = read(&dir.join(format!("{case}.new.most")));
        let expected = json(&dir.join(format!("{case}.expected.json")));
        let diagnostics = minimo_compiler::stable_compatible(&old, &new);
        let ok = !minimo_compiler::has_errors(&diagnostics);
        let got: Vec<(String, String)> = diagnostics
            .iter()
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect();
        let mut want = Vec::new();
        for key in ["errors", "warnings"] {
            for item in expected[key].as_array().into_iter().flatten() {
                want.push((
                    item["code"].as_str().unwrap_or("").to_string(),
                    item["message"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
        let mut got_sorted = got.clone();
        got_sorted.sort();
        want.sort();
        if expected["compatible"].as_bool() != Some(ok) || got_sorted != want {
            return Err(format!("expected {want:?}, got {got:?}"));
        }
        Ok(())
    });
}
