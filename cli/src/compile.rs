//! `minimo check` and `minimo build`, and the compile step other commands share.

use std::path::{Path, PathBuf};

use minimo_compiler::{codegen, Compiled};

use crate::failure::{self, Failure, Outcome};
use crate::input;
use crate::output;

/// Compiles a source file, printing warnings (and, on failure, errors) to stderr in moc's form.
pub fn compile_file(file: &Path) -> Result<Compiled, Failure> {
    compile_file_as(file, &file.display().to_string())
}

/// Compiles a source file that diagnostics and trap locations call `path` (a drun script
/// names its files relative to itself, and its output must not depend on where it lies).
pub fn compile_file_as(file: &Path, path: &str) -> Result<Compiled, Failure> {
    let source = input::text(file, "source file")?;
    let loader = FileLoader {
        base: file.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    match minimo_compiler::compile_with(path, &source, &codegen::Options::default(), &loader) {
        Ok(compiled) => {
            if !compiled.warnings.is_empty() {
                output::err(&minimo_compiler::render(&compiled.warnings, path, &source))?;
            }
            Ok(compiled)
        }
        Err(diagnostics) => {
            output::err(&minimo_compiler::render(&diagnostics, path, &source))?;
            Err(Failure::reported())
        }
    }
}

/// Reads the files a program imports by relative path (`import M "lib"` or `"lib.mo"`),
/// relative to the importing program's folder: the one IO the compiler needs, done here.
struct FileLoader {
    base: PathBuf,
}

impl minimo_compiler::Loader for FileLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        let exact = self.base.join(path);
        let with_extension = exact.with_extension("mo");
        let candidates = [&exact, &with_extension];
        // A regular file first; else something else by that name, which the bounded read
        // then refuses with a message saying what it is.
        let found = candidates
            .into_iter()
            .find(|candidate| candidate.is_file())
            .or_else(|| candidates.into_iter().find(|candidate| candidate.exists()))
            .ok_or_else(|| {
                format!(
                    "no file {} (or {})",
                    exact.display(),
                    with_extension.display()
                )
            })?;
        input::read_text(found, "imported file")
    }
}

pub fn check(file: &Path) -> Outcome {
    let source = input::text(file, "source file")?;
    let path = file.display().to_string();
    let loader = FileLoader {
        base: file.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let diagnostics = minimo_compiler::check_with(&path, &source, &loader);
    output::err(&minimo_compiler::render(&diagnostics, &path, &source))?;
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
