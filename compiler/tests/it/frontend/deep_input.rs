//! Deep and pathological input to the front end and the stable-signature parser, generated
//! here: every shape nested a million levels deep is one clear syntax error at the construct
//! that crossed the nesting limit, every shape just inside the limit compiles (so the stack
//! the compiler runs on suffices for every pass), and the type definitions that would make a
//! check loop or recurse without bound are refused as moc refuses them. How long these take
//! is measured by `bench/pathological.sh`, not here.

use minimo_compiler::{check, compile, render, stable_compatible, Diagnostic};

const DEEP: usize = 1_000_000;

/// A program nesting one construct `n` times, and how many levels each repetition adds.
struct Shape {
    name: &'static str,
    levels: usize,
    source: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "sum",
        levels: 1,
        source: |n| format!("let x = 1{};", "+1".repeat(n)),
    },
    Shape {
        name: "do_block",
        levels: 1,
        source: |n| format!("let x = {}1{};", "do {".repeat(n), "}".repeat(n)),
    },
    Shape {
        name: "negation",
        levels: 1,
        source: |n| format!("let x : Int = {}1;", "- ".repeat(n)),
    },
    Shape {
        name: "field_access",
        levels: 1,
        source: |n| format!("let a = {{b = 1}}; let x = a{};", ".b".repeat(n)),
    },
    Shape {
        name: "call",
        levels: 1,
        source: |n| format!("func f() : Any {{ f }}; let x = f{};", "()".repeat(n)),
    },
    Shape {
        name: "array",
        levels: 1,
        source: |n| format!("let x = {}1{};", "[".repeat(n), "]".repeat(n)),
    },
    Shape {
        name: "option",
        levels: 1,
        source: |n| format!("let x = {}1;", "?".repeat(n)),
    },
    Shape {
        name: "record",
        levels: 1,
        source: |n| format!("let x = {}1{};", "{a = ".repeat(n), "}".repeat(n)),
    },
    Shape {
        name: "function",
        levels: 2,
        source: |n| {
            format!(
                "let x = {}1{};",
                "func () : Any { ".repeat(n),
                " }".repeat(n)
            )
        },
    },
    Shape {
        name: "option_type",
        levels: 1,
        source: |n| format!("type T = {}Nat;", "?".repeat(n)),
    },
    Shape {
        name: "record_type",
        levels: 1,
        source: |n| format!("type T = {}Nat{};", "{a : ".repeat(n), "}".repeat(n)),
    },
    Shape {
        name: "option_pattern",
        levels: 1,
        source: |n| {
            format!(
                "let x = switch (?1) {{ case ({}y) y; case _ 0 }};",
                "?".repeat(n)
            )
        },
    },
];

/// The shapes whose programs at the limit are valid (the others are type errors there).
const COMPILING: &[&str] = &[
    "sum",
    "do_block",
    "negation",
    "array",
    "option",
    "record",
    "function",
    "option_type",
    "record_type",
];

fn errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity == minimo_compiler::Severity::Error)
        .collect()
}

#[test]
fn every_shape_nested_a_million_deep_is_one_syntax_error_at_the_construct_over_the_limit() {
    let mut report = String::new();
    for shape in SHAPES {
        let source = (shape.source)(DEEP);
        let diagnostics = check("deep.mo", &source);
        let found = errors(&diagnostics);
        assert_eq!(found.len(), 1, "{}: {found:?}", shape.name);
        assert_eq!(found[0].code, "M0001", "{}", shape.name);
        assert!(
            found[0].message.contains("nested too deeply"),
            "{}: {}",
            shape.name,
            found[0].message
        );
        let first = render(&[found[0].clone()], "deep.mo", &source);
        report.push_str(&format!("{}: {first}", shape.name));
    }
    insta::with_settings!({
        snapshot_path => "../../../../snapshots/frontend",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(report);
    });
}

#[test]
fn parentheses_a_million_deep_are_no_nesting_and_check() {
    let source = format!("let x = {}1{};", "(".repeat(DEEP), ")".repeat(DEEP));
    assert!(errors(&check("parens.mo", &source)).is_empty());
}

#[test]
fn every_shape_just_inside_the_limit_compiles() {
    let limit = 1_000;
    for shape in SHAPES.iter().filter(|s| COMPILING.contains(&s.name)) {
        let source = (shape.source)(limit / shape.levels - 1);
        let compiled = compile(
            "limit.mo",
            &source,
            &minimo_compiler::codegen::Options::default(),
        );
        if let Err(diagnostics) = compiled {
            panic!(
                "{} at the limit: {}",
                shape.name,
                render(&diagnostics, "limit.mo", &source)
            );
        }
    }
}

#[test]
fn a_thousand_levels_check_and_one_more_is_too_deep() {
    // `?` applied 999 times to a literal is 1,000 levels, the literal included.
    let at = (SHAPES[6].source)(999);
    let past = (SHAPES[6].source)(1_000);
    assert!(errors(&check("at.mo", &at)).is_empty());
    assert_eq!(
        errors(&check("past.mo", &past))
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        ["M0001"]
    );
}

/// `type T0 = Nat; type T1 = ?T0; ...` up to `Tn`, and a stable variable of the last one.
fn alias_chain(n: usize) -> String {
    let mut source = String::from("actor {\n  type T0 = Nat;\n");
    for i in 1..=n {
        source.push_str(&format!("  type T{i} = ?T{};\n", i - 1));
    }
    source.push_str(&format!(
        "  stable var x : T{n} = null;\n  public query func get() : async T{n} {{ x }};\n}}\n"
    ));
    source
}

#[test]
fn a_chain_of_definitions_unfolding_past_the_limit_is_refused_where_it_crosses() {
    let source = alias_chain(1_000);
    let found = check("chain.mo", &source);
    assert_eq!(
        render(&found, "chain.mo", &source),
        "chain.mo:1002.8-1002.13: unsupported [U0002], type T1000 is nested too deeply when its \
         definitions are unfolded (more than 1000 levels)\n"
    );
}

#[test]
fn a_chain_of_definitions_at_the_limit_compiles() {
    let source = alias_chain(998);
    let compiled = compile(
        "chain.mo",
        &source,
        &minimo_compiler::codegen::Options::default(),
    );
    assert!(compiled.is_ok(), "{:?}", compiled.err());
}

/// `let x0 = 1;` and `n` declarations, each inferring its type from the one before.
fn growing_declarations(n: usize, next: &str) -> String {
    let mut source = String::from("let x0 = 1;\n");
    for i in 1..=n {
        let previous = format!("x{}", i - 1);
        source.push_str(&format!("let x{i} = {};\n", next.replace('X', &previous)));
    }
    source
}

#[test]
fn declarations_nesting_their_inferred_type_a_level_each_are_refused_once_past_the_limit() {
    let source = growing_declarations(100_000, "?X");
    let found = check("grow.mo", &source);
    assert_eq!(
        render(&found, "grow.mo", &source),
        "grow.mo:1001.5-1001.10: unsupported [U0003], the type inferred for x1000 is nested too \
         deeply (more than 1000 levels); annotate the declaration with a named type\n"
    );
}

#[test]
fn declarations_doubling_their_inferred_type_are_refused_at_the_size_bound() {
    let source = growing_declarations(60, "(X, X)");
    let found = check("double.mo", &source);
    assert_eq!(
        render(&found, "double.mo", &source),
        "double.mo:18.5-18.8: unsupported [U0003], the type inferred for x17 is too large (more \
         than 250000 parts); annotate the declaration with a named type\n"
    );
}

#[test]
fn joining_recursive_aliases_of_different_periods_ends() {
    // moc's `lub-prim-sieve`: the least upper bound of these has period 2 * 3 * 5 * 7 * 11.
    let source = "do {\n\
        type T2 = ?(Nat, ?(Int, T2));\n\
        type T3 = ?(Nat, ?(Nat, ?(Int, T3)));\n\
        type T5 = ?(Nat, ?(Nat, ?(Nat, ?(Nat, ?(Int, T5)))));\n\
        ignore ([null : T2, null : T3, null : T5]);\n\
        };\n";
    assert!(errors(&check("sieve.mo", source)).is_empty());
}

#[test]
fn cyclic_bounds_through_aliases_are_m0043() {
    let source = "type C<U, V> = U;\ntype T<U> = C<U, U>;\n\
                  func f<A <: T<B>, B <: T<C>, C <: T<A>>(a : A) { let _ : () = a };\n";
    let found = check("bounds.mo", source);
    assert_eq!(
        render(&found, "bounds.mo", source),
        "bounds.mo:3.8-3.17: type error [M0043], type parameter A has cyclic bounds B <: A <: C <: B\n"
    );
}

#[test]
fn many_errors_render_at_the_ranges_a_scan_of_the_source_gives() {
    let mut source = String::new();
    for i in 0..2_000 {
        source.push_str(&format!("let x{i} : Nat = \"{}\";\n", "é".repeat(i % 7)));
    }
    let found = check("many.mo", &source);
    assert_eq!(found.len(), 2_000);
    let rendered = render(&found, "many.mo", &source);
    let scanned: Vec<String> = found
        .iter()
        .filter_map(|d| d.span)
        .map(|span| minimo_compiler::diag::range(&source, span))
        .collect();
    let indexed: Vec<&str> = rendered
        .lines()
        .filter_map(|line| line.strip_prefix("many.mo:"))
        .filter_map(|rest| rest.split(':').next())
        .collect();
    assert_eq!(indexed, scanned);
}

fn most(defs: &str, ty: &str) -> String {
    format!("// Version: 1.0.0\n{defs}actor {{\n  stable var x : {ty}\n}};\n")
}

#[test]
fn stable_signatures_nested_a_million_deep_are_refused_with_their_line() {
    let mut report = String::new();
    for (name, open, close) in [
        ("option", "?", ""),
        ("record", "{a : ", "}"),
        ("variant", "{#a : ", "}"),
        ("array", "[", "]"),
        ("tuple", "(Nat, ", ")"),
    ] {
        let deep = most(
            "",
            &format!("{}Nat{}", open.repeat(DEEP), close.repeat(DEEP)),
        );
        let found = stable_compatible(&deep, &most("", "Nat"));
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        report.push_str(&format!(
            "{name}: [{}] {}\n",
            found[0].code, found[0].message
        ));
    }
    insta::with_settings!({
        snapshot_path => "../../../../snapshots/frontend",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(report);
    });
}

#[test]
fn stable_signature_definitions_are_checked_as_moc_checks_them() {
    let mut chain = String::from("type T0 = Nat;\n");
    for i in 1..=1_000 {
        chain.push_str(&format!("type T{i} = ?T{};\n", i - 1));
    }
    let mut report = String::new();
    for (name, defs, ty) in [
        ("expansive", "type L<T> = ?(T, L<L<T>>);\n", "L<Nat>"),
        ("non_productive", "type A = B;\ntype B = A;\n", "A"),
        ("unfolding_too_deeply", chain.as_str(), "T1000"),
    ] {
        let sig = most(defs, ty);
        let found = stable_compatible(&sig, &most("", "Nat"));
        for d in found {
            report.push_str(&format!("{name}: [{}] {}\n", d.code, d.message));
            for note in d.notes {
                report.push_str(&format!("  note: {note}\n"));
            }
        }
    }
    insta::with_settings!({
        snapshot_path => "../../../../snapshots/frontend",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(report);
    });
}
