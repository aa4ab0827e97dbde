//! Deep input through the command line, generated here: a program, a `.most` and a `.did`
//! nested a million levels deep each get a clear error and CLI.md's exit status, never a
//! signal; so does an upgrade check against an installed module whose embedded signatures are
//! that deep. The scan of Candid text that guards `candid_parser` is tested on its own too.

use std::path::{Path, PathBuf};

use minimo_cli::candid_depth;
use minimo_cli::upgrade_check::{check_upgrade, CheckResult};
use minimo_runtime::{Canister, Vm};

use crate::support::{stderr, Sandbox};

const DEEP: usize = 1_000_000;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn deep_most() -> String {
    format!(
        "// Version: 1.0.0\nactor {{\n  stable var x : {}Nat{}\n}};\n",
        "{a : ".repeat(DEEP),
        "}".repeat(DEEP)
    )
}

fn deep_did() -> String {
    format!(
        "type t = {}nat{};\nservice : {{ get : () -> (t) query }}\n",
        "record { a : ".repeat(DEEP),
        " }".repeat(DEEP)
    )
}

#[test]
fn check_of_an_expression_a_million_deep_exits_1_with_the_syntax_error() {
    let sandbox = Sandbox::new();
    let file = write(
        sandbox.dir.path(),
        "deep.mo",
        &format!("let x = {}1;", "?".repeat(DEEP)),
    );
    let output = sandbox.minimo(&["check", arg(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.ends_with(
            "deep.mo:1.999009-1.1000010: syntax error [M0001], expression is nested too deeply \
             (more than 1000 levels)\n"
        ),
        "{text}"
    );
}

#[test]
fn stable_compatible_of_a_signature_a_million_deep_exits_2_naming_the_file_and_line() {
    let sandbox = Sandbox::new();
    let old = write(sandbox.dir.path(), "old.most", &deep_most());
    let new = write(
        sandbox.dir.path(),
        "new.most",
        "// Version: 1.0.0\nactor {\n  stable var x : Nat\n};\n",
    );
    let output = sandbox.minimo(&["stable-compatible", arg(&old), arg(&new)]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(
            "old.most: not a stable signature: old stable signature: line 3: type nested too \
             deeply (more than 1000 levels)"
        ),
        "{text}"
    );
}

#[test]
fn candid_compatible_of_a_service_a_million_deep_exits_2_naming_the_file_and_line() {
    let sandbox = Sandbox::new();
    let old = write(sandbox.dir.path(), "old.did", &deep_did());
    let new = write(
        sandbox.dir.path(),
        "new.did",
        "service : { get : () -> (nat) query }\n",
    );
    let output = sandbox.minimo(&["candid-compatible", arg(&old), arg(&new)]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(
            "old.did: not a valid Candid file: line 1: Candid type nested too deeply (more \
             than 1000 levels)"
        ),
        "{text}"
    );
}

#[test]
fn candid_compatible_of_a_chain_of_definitions_too_long_exits_2_at_its_line() {
    let sandbox = Sandbox::new();
    let mut chain = String::from("type t0 = nat;\n");
    for i in 1..=100_000 {
        chain.push_str(&format!("type t{i} = opt t{};\n", i - 1));
    }
    chain.push_str("service : { get : () -> (t100000) query }\n");
    let old = write(sandbox.dir.path(), "chain.did", &chain);
    let output = sandbox.minimo(&["candid-compatible", arg(&old), arg(&old)]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(
            "chain.did: not a valid Candid file: line 10002: Candid type t10001 is nested too \
             deeply through the definitions it names (more than 10000 levels)"
        ),
        "{text}"
    );
}

#[test]
fn candid_text_within_the_limits_passes_the_scan() {
    let nested = format!(
        "type t = {}nat{};",
        "opt record { a : ".repeat(500),
        " }".repeat(500)
    );
    assert_eq!(candid_depth::check(&nested), Ok(()));
    let recursive = "type list = opt record { head : nat; tail : list };\n\
                     type tree = variant { leaf; node : record { tree; tree } };";
    assert_eq!(candid_depth::check(recursive), Ok(()));
    // Brackets inside comments and text are not nesting.
    let quoted = format!(
        "// {}\ntype t = record {{ \"{}\" : nat }};",
        "(".repeat(2_000),
        "{".repeat(2_000)
    );
    assert_eq!(candid_depth::check(&quoted), Ok(()));
}

#[test]
fn candid_text_one_level_past_the_limit_is_refused_at_its_line() {
    let deep = format!("\n\ntype t = {}nat;", "vec ".repeat(1_001));
    let refused = candid_depth::check(&deep).map_err(|deep| deep.line);
    assert_eq!(refused, Err(3));
    let at_limit = format!("type t = {}nat;", "vec ".repeat(1_000));
    assert_eq!(candid_depth::check(&at_limit), Ok(()));
}

/// `wasm` with the content of its custom section `name` replaced by `data`.
fn with_custom_section(wasm: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    fn leb(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }
    fn read_leb(bytes: &[u8], at: &mut usize) -> usize {
        let (mut n, mut shift) = (0usize, 0);
        loop {
            let byte = bytes[*at];
            *at += 1;
            n |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let mut content = at + 1;
        let size = read_leb(wasm, &mut content);
        let end = content + size;
        let mut name_at = content;
        let named = id == 0 && {
            let len = read_leb(wasm, &mut name_at);
            &wasm[name_at..name_at + len] == name.as_bytes()
        };
        if named {
            let mut section = Vec::new();
            leb(name.len(), &mut section);
            section.extend_from_slice(name.as_bytes());
            section.extend_from_slice(data);
            out.push(0);
            leb(section.len(), &mut out);
            out.extend_from_slice(&section);
        } else {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    out
}

/// Signatures nested as deep as a module the Internet Computer accepts can carry: its custom
/// sections hold at most 1 MiB in all, so 500,000 options in the `.most` and 100,000 in the
/// `.did` (about 0.9 MB together).
fn deep_embedded_signatures() -> (String, String) {
    let most = format!(
        "// Version: 1.0.0\nactor {{\n  stable var x : {}Nat\n}};\n",
        "?".repeat(500_000)
    );
    let did = format!(
        "type t = {}nat;\nservice : {{ get : () -> (t) query }}\n",
        "opt ".repeat(100_000)
    );
    (most, did)
}

#[test]
fn an_upgrade_check_against_deep_embedded_signatures_is_not_checked_and_says_why() {
    let source =
        "actor {\n  stable var x : Nat = 0;\n  public query func get() : async Nat { x };\n}\n";
    let compiled = minimo_compiler::compile("v.mo", source, &Default::default())
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    let (most, did) = deep_embedded_signatures();
    let wasm = with_custom_section(
        &compiled.wasm,
        "icp:private motoko:stable-types",
        most.as_bytes(),
    );
    let wasm = with_custom_section(&wasm, "icp:public candid:service", did.as_bytes());
    let vm = Vm::new(minimo_runtime::Options::default()).expect("the VM starts");
    let canister = match Canister::install(&vm, "deep", &wasm, b"DIDL\x00\x00") {
        (Ok(canister), _) => canister,
        (Err(error), _) => panic!("install failed: {error:?}"),
    };
    let findings = check_upgrade(&canister, &compiled);
    let CheckResult::Unchecked(stable) = &findings.stable else {
        panic!("{:?}", findings.stable);
    };
    assert!(
        stable.contains("line 3: type nested too deeply (more than 1000 levels)"),
        "{stable}"
    );
    let CheckResult::Unchecked(candid) = &findings.candid else {
        panic!("{:?}", findings.candid);
    };
    assert_eq!(
        candid,
        "the installed module's Candid service cannot be compared: line 1: Candid type nested \
         too deeply (more than 1000 levels)"
    );
}
