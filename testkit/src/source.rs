//! The front-end property: any text given to the parser and checker comes back as
//! diagnostics, and a program that checks also compiles, to a valid module whose signatures
//! read back.
//!
//! What is checked, beyond "no panic": every diagnostic has a code from the table and a span
//! inside the source on character boundaries, and renders; a program without errors compiles,
//! or is refused only as unsupported (U0001); the module validates;
//! its stable signature is compatible with itself and its Candid service parses and is a
//! subtype of itself. Running the module is left to [`crate::canister`].

use candid_parser::utils::{service_compatibility_report, CandidSource};
use minimo_compiler::{codegen, diag, Diagnostic, Severity};

use crate::{bounds, ensure, Verdict};

/// The file name diagnostics are rendered with.
const PATH: &str = "fuzz.mo";
/// The code of "valid Motoko that minimo does not compile yet".
const UNSUPPORTED: &str = "U0001";

/// Checks the front-end property on `source`; text past [`bounds`] passes untried.
pub fn check_source(source: &str) -> Verdict {
    if !bounds::within(source) {
        return Ok(());
    }
    bounds::on_command_stack(|| check_source_here(source))
}

fn check_source_here(source: &str) -> Verdict {
    let diagnostics = minimo_compiler::check(PATH, source);
    well_formed(&diagnostics, source)?;
    if minimo_compiler::has_errors(&diagnostics) {
        return Ok(());
    }
    let compiled = match minimo_compiler::compile(PATH, source, &codegen::Options::default()) {
        Ok(compiled) => compiled,
        Err(errors) => {
            well_formed(&errors, source)?;
            // Lowering still reports some constructs it cannot compile as U0001 after a clean
            // check (DESIGN decision 13 wants the checker to); any other error is a bug.
            let unexpected = errors
                .iter()
                .any(|d| d.severity == Severity::Error && d.code != UNSUPPORTED);
            return ensure(!unexpected, || {
                format!(
                    "the program checks but does not compile:\n{}",
                    minimo_compiler::render(&errors, PATH, source)
                )
            });
        }
    };
    wasmparser::Validator::new()
        .validate_all(&compiled.wasm)
        .map_err(|error| format!("the compiled module does not validate: {error}"))?;
    signatures_read_back(&compiled.stable_types, &compiled.candid)
}

/// Every diagnostic has a known code and a span inside `source`, and the list renders.
pub fn well_formed(diagnostics: &[Diagnostic], source: &str) -> Verdict {
    for d in diagnostics {
        ensure(
            diag::CODES.iter().any(|(code, _, _)| *code == d.code),
            || format!("diagnostic code {} is not in the table", d.code),
        )?;
        if let Some(span) = d.span {
            let (start, end) = (span.start as usize, span.end as usize);
            ensure(
                start <= end
                    && end <= source.len()
                    && source.is_char_boundary(start)
                    && source.is_char_boundary(end),
                || {
                    format!(
                        "diagnostic {} has span {start}..{end} outside the {}-byte source or inside a character",
                        d.code,
                        source.len()
                    )
                },
            )?;
        }
    }
    let rendered = minimo_compiler::render(diagnostics, PATH, source);
    ensure(diagnostics.is_empty() || !rendered.is_empty(), || {
        "diagnostics render as nothing".to_string()
    })
}

/// A program's own signatures read back: the stable signature parses and is compatible with
/// itself; the Candid service parses and is a subtype of itself.
pub fn signatures_read_back(stable_types: &str, candid: &str) -> Verdict {
    let findings = minimo_compiler::stable_compatible(stable_types, stable_types);
    ensure(!minimo_compiler::has_errors(&findings), || {
        format!(
            "the stable signature is not compatible with itself: {:?}\n{stable_types}",
            findings.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    })?;
    match service_compatibility_report(CandidSource::Text(candid), CandidSource::Text(candid)) {
        Ok(breaks) => ensure(breaks.is_empty(), || {
            format!("the Candid service is not a subtype of itself ({breaks:?}):\n{candid}")
        }),
        Err(error) => Err(format!(
            "the Candid service does not parse: {error}\n{candid}"
        )),
    }
}
