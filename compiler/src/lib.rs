//! The minimo compiler: Motoko source to canister Wasm, Candid service and stable signature.
//!
//! The pipeline is parse (`syntax`) → check (`typeck`) → lower (`lower`) → emit (`codegen`),
//! with `signature` printing the Candid service and the stable signature from the checked
//! program. Nothing in this crate does IO: sources come in as strings, results go out as data.
//! The functions below are the whole public interface; the stages stay crate-private. Each
//! runs its stages on a thread with a stack sized for the deepest program the parser admits
//! (see `stack`), so that no input, however deep, overflows the caller's stack.

pub mod codegen;
pub mod diag;
pub(crate) mod format;
mod graph;
pub mod ir;
pub(crate) mod lower;
mod script_value;
pub(crate) mod signature;
mod stack;
pub(crate) mod syntax;
pub(crate) mod typeck;

pub use diag::{Diagnostic, Severity};
pub use script_value::ScriptResult;
pub use signature::candid::CANDID_KEYWORDS;

/// The results of a successful compilation.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The canister module, with the two signatures embedded as custom sections.
    pub wasm: Vec<u8>,
    /// The Candid service (`.did`).
    pub candid: String,
    /// The stable signature (`.most`).
    pub stable_types: String,
    pub warnings: Vec<Diagnostic>,
    /// Whether the program is a script (`minimo run`): its `canister_init` runs the whole
    /// program, printing the final value, and the module exports no methods.
    pub script: bool,
    /// For a script: how to print the value of its last declaration, which
    /// the script's last debug message carries when it runs to the end.
    pub result: Option<ScriptResult>,
}

/// Supplies the text of the files a program imports by relative path (`import M "lib.mo"`).
/// The compiler does no IO itself; `mo:base` modules are built in and need no loader. It is
/// called from the compiler's own thread, hence `Sync`.
pub trait Loader: Sync {
    /// The source of the file at `path`, as written in the import; `Err` says why not.
    fn load(&self, path: &str) -> Result<String, String>;
}

/// Parses and type-checks a program: every error and warning, in source order per stage.
pub fn check(path: &str, source: &str) -> Vec<Diagnostic> {
    let _ = path;
    stack::with_compiler_stack(|| match front(source, None) {
        Ok((_, _, diagnostics)) | Err(diagnostics) => diagnostics,
    })
}

/// [`check`] for a program that imports files, which `loader` supplies.
pub fn check_with(path: &str, source: &str, loader: &dyn Loader) -> Vec<Diagnostic> {
    let _ = path;
    stack::with_compiler_stack(|| match front(source, Some(loader)) {
        Ok((_, _, diagnostics)) | Err(diagnostics) => diagnostics,
    })
}

/// The checked program and its diagnostics; `Err` when there are errors.
fn front(
    source: &str,
    loader: Option<&dyn Loader>,
) -> Result<(syntax::ast::Program, typeck::Checked, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (mut program, mut diagnostics) = syntax::parse(source);
    // As moc, a file with syntax errors is not type-checked: the tree has holes.
    if diag::has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    diagnostics.extend(syntax::imports::resolve(&mut program, loader));
    if diag::has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    let (checked, more) = typeck::check(&program);
    diagnostics.extend(more);
    if diag::has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    Ok((program, checked, diagnostics))
}

/// Compiles a program to a canister module and its two signatures.
pub fn compile(
    path: &str,
    source: &str,
    options: &codegen::Options,
) -> Result<Compiled, Vec<Diagnostic>> {
    stack::with_compiler_stack(|| compile_front(path, source, options, None))
}

/// [`compile`] for a program that imports files, which `loader` supplies.
pub fn compile_with(
    path: &str,
    source: &str,
    options: &codegen::Options,
    loader: &dyn Loader,
) -> Result<Compiled, Vec<Diagnostic>> {
    stack::with_compiler_stack(|| compile_front(path, source, options, Some(loader)))
}

fn compile_front(
    path: &str,
    source: &str,
    options: &codegen::Options,
    loader: Option<&dyn Loader>,
) -> Result<Compiled, Vec<Diagnostic>> {
    let (program, checked, mut warnings) = front(source, loader)?;
    let script = matches!(program.body, syntax::ast::ProgBody::Script(_));
    let result = checked
        .script_result
        .as_ref()
        .filter(|_| script)
        .map(ScriptResult::of);
    let ir = match lower::lower(&program, &checked, path, source) {
        Ok(ir) => ir,
        Err(errors) => {
            warnings.extend(errors);
            return Err(warnings);
        }
    };
    let interface = signature::Interface::of(&program, &checked);
    let candid = signature::candid::service(&interface);
    let stable_types = signature::most::print(&interface);
    let metadata = codegen::Metadata {
        candid_service: candid.clone(),
        stable_types: stable_types.clone(),
    };
    let wasm = codegen::emit(&ir, &metadata, options);
    warnings.retain(|d| d.severity == Severity::Warning);
    Ok(Compiled {
        wasm,
        candid,
        stable_types,
        warnings,
        script,
        result,
    })
}

/// Parses, checks and lowers a program to the IR (for the code generator's tests).
pub fn lower_to_ir(path: &str, source: &str) -> Result<ir::Program, Vec<Diagnostic>> {
    stack::with_compiler_stack(|| {
        let (program, checked, _) = front(source, None)?;
        lower::lower(&program, &checked, path, source)
    })
}

/// The Candid service and the stable signature of a program that checks, without compiling
/// it (what `.did` and `.most` files hold).
pub fn signatures(source: &str) -> Result<(String, String), Vec<Diagnostic>> {
    stack::with_compiler_stack(|| {
        let (program, checked, _) = front(source, None)?;
        let interface = signature::Interface::of(&program, &checked);
        Ok((
            signature::candid::service(&interface),
            signature::most::print(&interface),
        ))
    })
}

/// moc's plain form of the diagnostics: one per line, indented lines after it.
pub fn render(diagnostics: &[Diagnostic], path: &str, source: &str) -> String {
    diag::render(diagnostics, path, source)
}

/// Whether a program with stable signature `old_most` may be upgraded to one with
/// `new_most`: M0170 errors for variables whose type cannot consume the old one, M0169
/// warnings for stable variables that would be discarded.
pub fn stable_compatible(old_most: &str, new_most: &str) -> Vec<Diagnostic> {
    stack::with_compiler_stack(|| signature::compat::compatible(old_most, new_most))
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diag::has_errors(diagnostics)
}
