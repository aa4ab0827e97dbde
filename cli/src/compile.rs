//! `minimo check` and `minimo build`, and the compile step other commands share.

use std::path::{Path, PathBuf};

use minimo_compiler::{codegen, Compiled};

use crate::failure::{self, Failure, Outcome};

/// Compiles a source file, printing warnings (and, on failure, errors) to stderr in moc's form.
pub fn compile_file(file: &Path) -> Result<Compiled, Failure> {
    compile_file_as(file, &file.display().to_string())
}

/// Compiles a source file that diagnostics and trap locations call `path` (a drun script
/// names its files relative to itself, and its output must not depend on where it lies).
pub fn compile_file_as(file: &Path, path: &str) -> Result<Compiled, Failure> {
    let source = failure::read_text(file)?;
    match minimo_compiler::compile(path, &source, &codegen::Options::default()) {
        Ok(compiled) => {
            if !compiled.warnings.is_empty() {
                eprint!(
                    "{}",
                    minimo_compiler::render(&compiled.warnings, path, &source)
                );
            }
            Ok(compiled)
        }
        Err(diagnostics) => {
            eprint!("{}", minimo_compiler::render(&diagnostics, path, &source));
            Err(Failure::reported())
        }
    }
}

pub fn check(file: &Path) -> Outcome {
    let source = failure::read_text(file)?;
    let path = file.display().to_string();
    let diagnostics = minimo_compiler::check(&path, &source);
    eprint!("{}", minimo_compiler::render(&diagnostics, &path, &source));
    if minimo_compiler::has_errors(&diagnostics) {
        Err(Failure::reported())
    } else {
        Ok(())
    }
}

pub fn build(file: &Path, output: Option<&Path>) -> Outcome {
    let compiled = compile_file(file)?;
    let wasm_path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_output(file));
    if let Some(parent) = wasm_path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|error| {
            Failure::usage(format!("cannot create {}: {error}", parent.display()))
        })?;
    }
    failure::write(&wasm_path, &compiled.wasm)?;
    failure::write(&wasm_path.with_extension("did"), &compiled.candid)?;
    failure::write(&wasm_path.with_extension("most"), &compiled.stable_types)?;
    Ok(())
}

/// `counter.mo` builds to `counter.wasm` in the current directory, as moc does.
fn default_output(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    PathBuf::from(stem).with_extension("wasm")
}
