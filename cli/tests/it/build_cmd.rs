//! `minimo build`: the module and its two signature files.

use crate::support::Sandbox;

#[test]
fn build_writes_a_valid_module_importing_only_ic0_with_both_custom_sections() {
    let sandbox = Sandbox::new();
    let out = sandbox.dir.path().join("out/c.wasm");
    let out_text = out.to_str().expect("utf-8 path");
    sandbox.ok(&["build", "examples/counter/counter.mo", "-o", out_text]);

    let wasm = std::fs::read(&out).expect("the module is written");
    wasmparser::Validator::new()
        .validate_all(&wasm)
        .expect("the module validates");
    let mut sections = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
        match payload.expect("the module parses") {
            wasmparser::Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    let import = import.expect("an import");
                    assert_eq!(
                        import.module, "ic0",
                        "import {} is not from ic0",
                        import.name
                    );
                }
            }
            wasmparser::Payload::CustomSection(section) => {
                sections.push(section.name().to_string())
            }
            _ => {}
        }
    }
    assert!(
        sections
            .iter()
            .any(|name| name == "icp:public candid:service"),
        "{sections:?}"
    );
    assert!(
        sections
            .iter()
            .any(|name| name == "icp:private motoko:stable-types"),
        "{sections:?}"
    );

    let did = std::fs::read_to_string(out.with_extension("did")).expect("c.did is written");
    assert_eq!(did, "service : {\n  inc: () -> (nat);\n}\n");
    let most = std::fs::read_to_string(out.with_extension("most")).expect("c.most is written");
    assert_eq!(
        most,
        "// Version: 1.0.0\nactor {\n  stable var value : Nat\n};\n"
    );
}

#[test]
fn build_of_a_broken_program_prints_moc_style_errors_and_exits_1() {
    let sandbox = Sandbox::new();
    let source = sandbox.dir.path().join("broken.mo");
    std::fs::write(
        &source,
        "actor { stable var f : Nat -> Nat = func x = x }\n",
    )
    .expect("written");
    let output = sandbox.minimo(&["build", source.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        crate::support::stderr(&output).contains("type error [M0131]"),
        "{}",
        crate::support::stderr(&output)
    );
}

#[test]
fn build_of_a_missing_file_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let output = sandbox.minimo(&["build", "no/such/file.mo"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(crate::support::stderr(&output).contains("no/such/file.mo"));
}
