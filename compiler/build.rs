//! Build steps of the compiler crate: the grammar and the runtime library.
//!
//! - `src/syntax/grammar.lalrpop` becomes the parser (lalrpop).
//! - `src/codegen/rt/*.wat` (the hand-written runtime library) is assembled into one Wasm
//!   module, `$OUT_DIR/runtime.wasm`, with the System API imports of `minimo_sysapi`
//!   prepended, so that the library imports `ic0` in exactly the table's order. The code
//!   generator links that module into every canister.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let grammar = "src/syntax/grammar.lalrpop";
    println!("cargo:rerun-if-changed={grammar}");
    if Path::new(grammar).exists() {
        lalrpop::Configuration::new()
            .use_cargo_dir_conventions()
            .process()
            .expect("the grammar builds");
    }
    assemble_runtime_library();
    embed_base_library();
}

/// Writes `$OUT_DIR/base_library.rs`: the table of `mo:base` modules (name and source, by
/// `include_str!`), so that the compiler resolves `import X "mo:base/X"` without reading files.
fn embed_base_library() {
    let dir = Path::new("../stdlib/base");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "mo"))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    let mut text = String::from("pub(crate) static BASE_MODULES: &[(&str, &str)] = &[\n");
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        let absolute = std::fs::canonicalize(&path).expect("a base module's path resolves");
        let _ = writeln!(
            text,
            "    ({name:?}, include_str!({:?})),",
            absolute.display().to_string()
        );
    }
    text.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("base_library.rs"), text).expect("OUT_DIR is writable");
}

fn assemble_runtime_library() {
    let dir = Path::new("src/codegen/rt");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/codegen/rt exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "wat"))
        .collect();
    files.sort();

    let mut text = String::from("(module\n");
    for function in minimo_sysapi::SYSTEM_API {
        let params: String = function
            .params
            .iter()
            .map(|ty| format!(" {}", wat_type(*ty)))
            .collect();
        let results: String = function
            .results
            .iter()
            .map(|ty| format!(" {}", wat_type(*ty)))
            .collect();
        let _ = writeln!(
            text,
            "  (import \"{module}\" \"{name}\" (func $ic0_{name} (param{params}) (result{results})))",
            module = minimo_sysapi::MODULE,
            name = function.name,
        );
    }
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let body = std::fs::read_to_string(file).expect("a runtime library file is readable");
        let _ = writeln!(text, ";; ---- {} ----", file.display());
        text.push_str(&body);
        text.push('\n');
    }
    text.push_str(")\n");

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("runtime.wat"), &text).expect("OUT_DIR is writable");
    let wasm = match wat::parse_str(&text) {
        Ok(wasm) => wasm,
        Err(error) => panic!("the runtime library does not assemble:\n{error}"),
    };
    std::fs::write(Path::new(&out_dir).join("runtime.wasm"), wasm).expect("OUT_DIR is writable");
}

fn wat_type(ty: minimo_sysapi::ValType) -> &'static str {
    match ty {
        minimo_sysapi::ValType::I32 => "i32",
        minimo_sysapi::ValType::I64 => "i64",
    }
}
