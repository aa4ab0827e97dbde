//! Snapshot tests over `tests/programs/check/*.mo`: for each program the source, its
//! diagnostics in moc's plain form and, when it checks, its `.did` and `.most`. Snapshots are
//! stored under the repository's `snapshots/frontend/`.

use std::fmt::Write as _;

fn report(name: &str, source: &str) -> String {
    let diagnostics = minimo_compiler::check(name, source);
    let mut out = String::new();
    let _ = writeln!(out, "----- SOURCE CODE\n{source}");
    let _ = writeln!(out, "----- DIAGNOSTICS");
    out.push_str(&minimo_compiler::render(&diagnostics, name, source));
    if !minimo_compiler::has_errors(&diagnostics) {
        match minimo_compiler::signatures(source) {
            Ok((did, most)) => {
                let _ = write!(out, "----- CANDID\n{did}----- STABLE SIGNATURE\n{most}");
            }
            Err(errors) => out.push_str(&minimo_compiler::render(&errors, name, source)),
        }
        if let Err(errors) = minimo_compiler::lower_to_ir(name, source) {
            let _ = write!(
                out,
                "----- NOT LOWERED\n{}",
                minimo_compiler::render(&errors, name, source)
            );
        }
    }
    out
}

#[test]
fn check_programs_match_their_snapshots() {
    insta::with_settings!({
        snapshot_path => "../../../../snapshots/frontend",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../../programs/check", "*.mo", |path| {
            let source = std::fs::read_to_string(path).unwrap_or_default();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            insta::assert_snapshot!(report(&name, &source));
        });
    });
}

#[test]
fn every_code_in_the_table_is_produced_by_a_program() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/check");
    let mut produced = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for d in minimo_compiler::check("x.mo", &source) {
            produced.insert(d.code);
        }
        // What type-checks but cannot be compiled yet is reported by lowering (U0001).
        if let Err(errors) = minimo_compiler::lower_to_ir("x.mo", &source) {
            produced.extend(errors.iter().map(|d| d.code));
        }
    }
    // A chain of definitions longer than the nesting limit (generated: too long a file to
    // keep among the programs).
    let mut chain = String::from("type T0 = Nat;\n");
    for i in 1..=1001 {
        chain.push_str(&format!("type T{i} = ?T{};\n", i - 1));
    }
    produced.extend(
        minimo_compiler::check("x.mo", &chain)
            .iter()
            .map(|d| d.code),
    );
    // Declarations whose inferred types nest one level more each (generated likewise).
    let mut growing = String::from("let x0 = 1;\n");
    for i in 1..=1000 {
        growing.push_str(&format!("let x{i} = ?x{};\n", i - 1));
    }
    produced.extend(
        minimo_compiler::check("x.mo", &growing)
            .iter()
            .map(|d| d.code),
    );
    let compat = minimo_compiler::stable_compatible(
        "actor {\n  stable var a : Int;\n  stable var b : Nat\n};\n",
        "actor {\n  stable var a : Nat\n};\n",
    );
    produced.extend(compat.iter().map(|d| d.code));
    let missing: Vec<&str> = minimo_compiler::diag::CODES
        .iter()
        .map(|(code, _, _)| *code)
        .filter(|code| !produced.contains(code))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no test program produces: {missing:?}"
    );
}
