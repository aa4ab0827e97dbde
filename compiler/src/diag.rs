//! Diagnostics: the data every stage reports, the table of codes, and moc's plain line form.
//!
//! Raise sites call one constructor per error (`diag::not_stable(span, name, &ty)`), so the
//! wording of each message lives here, next to the code table. The renderer writes moc's form
//! `file.mo:3.14-3.19: type error [M0131], message`. This module deliberately knows nothing
//! about terminals or colours: a richer rendering would be a second renderer of the same data.

use std::fmt::Write as _;

/// A byte range in the source text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: to_u32(start),
            end: to_u32(end),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One reported problem. `message` is moc's full text, indented type lines included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// `None` for problems that belong to no source position (stable signature comparison).
    pub span: Option<Span>,
    pub message: String,
    /// Extra lines printed indented after the message.
    pub notes: Vec<String>,
}

/// What kind of problem a code is: it picks the word moc prints before the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Syntax,
    Type,
    Compatibility,
    /// Valid Motoko that minimo does not compile yet.
    Unsupported,
}

/// Every code this crate produces, with its category and a one-line description.
pub const CODES: &[(&str, Category, &str)] = &[
    ("M0001", Category::Syntax, "syntax error"),
    (
        "M0009",
        Category::Type,
        "import of a missing file or module",
    ),
    ("M0029", Category::Type, "unbound type"),
    ("M0045", Category::Type, "wrong number of type arguments"),
    (
        "M0046",
        Category::Type,
        "type argument outside its parameter's bound",
    ),
    ("M0072", Category::Type, "field does not exist"),
    (
        "M0117",
        Category::Type,
        "pattern does not match the expected type",
    ),
    (
        "M0031",
        Category::Type,
        "shared function has non-shared parameter type",
    ),
    (
        "M0032",
        Category::Type,
        "shared function has non-shared return type",
    ),
    ("M0049", Category::Type, "text literal is not valid UTF-8"),
    (
        "M0050",
        Category::Type,
        "literal does not have the expected type",
    ),
    ("M0051", Category::Type, "duplicate definition"),
    ("M0057", Category::Type, "unbound variable"),
    (
        "M0060",
        Category::Type,
        "operator is not defined for the operand types",
    ),
    ("M0073", Category::Type, "assignment to an immutable target"),
    ("M0081", Category::Type, "return outside of a function"),
    ("M0083", Category::Type, "unbound label"),
    (
        "M0039",
        Category::Type,
        "throw or try outside an async function",
    ),
    (
        "M0096",
        Category::Type,
        "expression does not have the expected type",
    ),
    ("M0097", Category::Type, "call of a non-function"),
    (
        "M0098",
        Category::Type,
        "no implicit instantiation fits the arguments",
    ),
    (
        "M0041",
        Category::Type,
        "shared function result is neither () nor async",
    ),
    (
        "M0127",
        Category::Type,
        "system function has the wrong type",
    ),
    ("M0129", Category::Type, "unknown system function"),
    (
        "M0131",
        Category::Type,
        "non-stable type in stable declaration",
    ),
    (
        "M0132",
        Category::Type,
        "stability declaration outside an actor",
    ),
    (
        "M0169",
        Category::Compatibility,
        "stable variable discarded",
    ),
    (
        "M0170",
        Category::Compatibility,
        "stable variable type not compatible",
    ),
    (
        "M0177",
        Category::Type,
        "ambiguous field in the bases of a combination",
    ),
    (
        "M0179",
        Category::Type,
        "var field of a base not overridden in a combination",
    ),
    ("M0194", Category::Type, "unused identifier"),
    ("M0043", Category::Type, "type parameter with cyclic bounds"),
    ("M0156", Category::Type, "expansive type definitions"),
    ("M0157", Category::Type, "non-productive type definition"),
    (
        "U0002",
        Category::Unsupported,
        "type definitions unfolding deeper than the nesting limit",
    ),
    (
        "U0003",
        Category::Unsupported,
        "an inferred type deeper or larger than the checker's bounds",
    ),
    (
        "U0001",
        Category::Unsupported,
        "construct not supported by minimo yet",
    ),
];

/// The category of `code`; unknown codes count as type errors.
pub fn category(code: &str) -> Category {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(Category::Type, |(_, category, _)| *category)
}

impl Diagnostic {
    fn error(code: &'static str, span: Span, message: String) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            span: Some(span),
            message,
            notes: Vec::new(),
        }
    }

    fn warning(code: &'static str, span: Span, message: String) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Warning,
            span: Some(span),
            message,
            notes: Vec::new(),
        }
    }
}

// ---- constructors, one per problem ----

/// An import that cannot be resolved: a missing file or module, or a loader's error.
pub fn import_error(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("M0009", span, message)
}

pub fn syntax(span: Span, message: String) -> Diagnostic {
    Diagnostic::error("M0001", span, message)
}

/// A construct deeper than the parser's nesting limit (`what` names it: "expression", ...).
pub fn nested_too_deeply(span: Span, what: &str, limit: u32) -> Diagnostic {
    Diagnostic::error(
        "M0001",
        span,
        format!("{what} is nested too deeply (more than {limit} levels)"),
    )
}

pub fn unsupported(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        "U0001",
        span,
        format!("{what} is not supported by minimo yet"),
    )
}

/// `<A <: B, B <: A>`: `chain` is the bounds met from `name` on, moc's order.
pub fn cyclic_bounds(span: Span, name: &str, chain: &[String]) -> Diagnostic {
    Diagnostic::error(
        "M0043",
        span,
        format!(
            "type parameter {name} has cyclic bounds {}",
            chain.join(" <: ")
        ),
    )
}

/// A block whose recursive type definitions pass a parameter on inside a larger type;
/// `explanation` is moc's text from the colon on (the definition and the parameter).
/// `span` is `None` for the definitions of a stable signature.
pub fn expansive(span: Option<Span>, explanation: &str) -> Diagnostic {
    Diagnostic {
        span,
        ..Diagnostic::error(
            "M0156",
            Span::default(),
            format!("block contains expansive type definitions{explanation}"),
        )
    }
}

/// A block with definitions that unfold to themselves (`names` sorted).
pub fn non_productive(span: Option<Span>, names: &[String]) -> Diagnostic {
    let plural = if names.len() > 1 { "s" } else { "" };
    Diagnostic {
        span,
        ..Diagnostic::error(
            "M0157",
            Span::default(),
            format!(
                "block contains non-productive definition{plural} {}",
                names.join(", ")
            ),
        )
    }
}

/// A type definition whose unfolding goes deeper than the nesting limit.
pub fn unfolds_too_deeply(span: Option<Span>, name: &str, limit: u32) -> Diagnostic {
    Diagnostic {
        span,
        ..Diagnostic::error(
            "U0002",
            Span::default(),
            format!(
                "type {name} is nested too deeply when its definitions are unfolded (more \
                 than {limit} levels)"
            ),
        )
    }
}

/// A declaration whose inferred type goes past the checker's bounds (`problem` says how).
pub fn inferred_type_too_big(span: Span, name: &str, problem: &str) -> Diagnostic {
    Diagnostic::error(
        "U0003",
        span,
        format!(
            "the type inferred for {name} is {problem}; annotate the declaration with a named type"
        ),
    )
}

pub fn unbound_type(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("M0029", span, format!("type {name} is not defined"))
}

pub fn type_arity(span: Span, name: &str, expected: usize, actual: usize) -> Diagnostic {
    Diagnostic::error(
        "M0045",
        span,
        format!("type {name} expects {expected} type argument(s), but was given {actual}"),
    )
}

pub fn bound_violation(span: Span, arg: &str, bound: &str) -> Diagnostic {
    Diagnostic::error(
        "M0046",
        span,
        format!("type argument\n  {arg}\ndoes not match parameter bound\n  {bound}"),
    )
}

/// An inferred type argument above its parameter's bound (moc's "over-constrained" case).
pub fn over_constrained(
    span: Span,
    func: &str,
    arg: &str,
    param: &str,
    lower: &str,
    upper: &str,
) -> Diagnostic {
    Diagnostic::error(
        "M0098",
        span,
        format!(
            "cannot implicitly instantiate function of type\n  {func}\nto argument of type\n  \
             {arg}\nbecause implicit instantiation of type parameter {param} is over-constrained \
             with\n  {lower}  <:  {param}  <:  {upper}\nwhere\n  {lower}  </:  {upper}\nso that \
             no valid instantiation exists"
        ),
    )
}

pub fn no_field(span: Span, name: &str, ty: &str) -> Diagnostic {
    Diagnostic::error(
        "M0072",
        span,
        format!("field {name} does not exist in type\n  {ty}"),
    )
}

pub fn pattern_mismatch(span: Span, pat_ty: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(
        "M0117",
        span,
        format!("pattern of type\n  {pat_ty}\ncannot consume expected type\n  {expected}"),
    )
}

pub fn field_outside_record(span: Span) -> Diagnostic {
    Diagnostic::error(
        "M0001",
        span,
        "a record field outside of a record literal".to_string(),
    )
}

pub fn non_shared_param(span: Span, param: &str, culprit: &str) -> Diagnostic {
    Diagnostic::error(
        "M0031",
        span,
        format!(
            "shared function has non-shared parameter type\n  {param}\ntype\n  {param}\nis or contains non-shared type\n  {culprit}"
        ),
    )
}

pub fn non_shared_result(span: Span, result: &str, culprit: &str) -> Diagnostic {
    Diagnostic::error(
        "M0032",
        span,
        format!(
            "shared function has non-shared return type\n  {result}\ntype\n  {result}\nis or contains non-shared type\n  {culprit}"
        ),
    )
}

/// A text literal whose byte escapes are not UTF-8, used where a `Text` is wanted. moc shows
/// the bytes as OCaml's `String.escaped` does: printable ASCII as is, a few letter escapes,
/// every other byte as three decimal digits.
pub fn invalid_utf8(span: Span, bytes: &[u8]) -> Diagnostic {
    let mut shown = String::new();
    for &b in bytes {
        match b {
            b'"' => shown.push_str("\\\""),
            b'\\' => shown.push_str("\\\\"),
            b'\n' => shown.push_str("\\n"),
            b'\t' => shown.push_str("\\t"),
            b'\r' => shown.push_str("\\r"),
            0x08 => shown.push_str("\\b"),
            b' '..=b'~' => shown.push(char::from(b)),
            _ => {
                let _ = write!(shown, "\\{b:03}");
            }
        }
    }
    Diagnostic::error(
        "M0049",
        span,
        format!("string literal \"{shown}\": is not valid utf8"),
    )
}

pub fn literal_mismatch(span: Span, actual: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(
        "M0050",
        span,
        format!("literal of type\n  {actual}\ndoes not have expected type\n  {expected}"),
    )
}

pub fn duplicate(span: Span, name: &str, place: &str) -> Diagnostic {
    Diagnostic::error(
        "M0051",
        span,
        format!("duplicate definition for {name} in {place}"),
    )
}

pub fn unbound_variable(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("M0057", span, format!("unbound variable {name}"))
}

pub fn operator_mismatch(span: Span, op: &str, left: &str, right: &str) -> Diagnostic {
    Diagnostic::error(
        "M0060",
        span,
        format!("operator {op} is not defined for operand types\n  {left}\nand\n  {right}"),
    )
}

pub fn not_mutable(span: Span) -> Diagnostic {
    Diagnostic::error(
        "M0073",
        span,
        "expected mutable assignment target".to_string(),
    )
}

pub fn unbound_label(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("M0083", span, format!("unbound label {name}"))
}

/// `throw` or `try` (`what`) where no async function encloses it (moc's error capability).
pub fn misplaced_error_cap(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error("M0039", span, format!("misplaced {what}"))
}

pub fn misplaced_return(span: Span) -> Diagnostic {
    Diagnostic::error("M0081", span, "misplaced return".to_string())
}

/// `{ a and b }` where both bases have the field `name` and `with` does not override it.
pub fn ambiguous_base_field(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("M0177", span, format!("ambiguous field in base\n  {name}"))
}

/// `{ a with ... }` where `a` has a `var` field `name` that `with` does not override.
pub fn combined_var_field(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        "M0179",
        span,
        format!("base has non-aliasable var field\n  {name}\nthat must be overridden"),
    )
}

pub fn type_mismatch(span: Span, actual: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(
        "M0096",
        span,
        format!("expression of type\n  {actual}\ncannot produce expected type\n  {expected}"),
    )
}

pub fn not_a_function(span: Span, actual: &str) -> Diagnostic {
    Diagnostic::error(
        "M0097",
        span,
        format!("expected function type, but expression produces type\n  {actual}"),
    )
}

pub fn shared_result_not_async(span: Span) -> Diagnostic {
    Diagnostic::error(
        "M0041",
        span,
        "shared function must have syntactic return type `()` or `async <typ>`".to_string(),
    )
}

pub fn system_func_type(span: Span, name: &str, declared: &str, expected: &str) -> Diagnostic {
    Diagnostic::error(
        "M0127",
        span,
        format!(
            "system function {name} is declared with type\n  {declared}\ninstead of expected type\n  {expected}"
        ),
    )
}

pub fn unknown_system_func(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        "M0129",
        span,
        format!(
            "unexpected system method named {name}, expected heartbeat or timer or preupgrade or postupgrade or lowmemory or inspect"
        ),
    )
}

pub fn not_stable(span: Span, name: &str, ty: &str) -> Diagnostic {
    Diagnostic::error(
        "M0131",
        span,
        format!("variable {name} is declared stable but has non-stable type\n  {ty}"),
    )
}

pub fn misplaced_stability(span: Span) -> Diagnostic {
    Diagnostic::error(
        "M0132",
        span,
        "misplaced stability declaration on field of non-actor".to_string(),
    )
}

pub fn unused(span: Span, name: &str) -> Diagnostic {
    Diagnostic::warning(
        "M0194",
        span,
        format!("unused identifier {name} (delete or rename to wildcard `_` or `_{name}`)"),
    )
}

pub fn stable_discarded(name: &str, old_ty: &str) -> Diagnostic {
    Diagnostic {
        code: "M0169",
        severity: Severity::Warning,
        span: None,
        message: format!(
            "stable variable {name} of previous type\n  {old_ty}\n will be discarded. This may cause data loss. Are you sure?"
        ),
        notes: Vec::new(),
    }
}

pub fn stable_incompatible(name: &str, old_ty: &str, new_ty: &str) -> Diagnostic {
    Diagnostic {
        code: "M0170",
        severity: Severity::Error,
        span: None,
        message: format!(
            "stable variable {name} of previous type\n  {old_ty}\ncannot be consumed at new type\n  {new_ty}"
        ),
        notes: Vec::new(),
    }
}

/// A problem in a stable signature text itself (it does not parse).
pub fn bad_signature(which: &str, message: &str) -> Diagnostic {
    Diagnostic {
        code: "M0001",
        severity: Severity::Error,
        span: None,
        message: format!("{which} stable signature: {message}"),
        notes: Vec::new(),
    }
}

// ---- rendering ----

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// The offsets where the lines of a text start, so that each position is found by a binary
/// search instead of a scan of everything before it (a file with thousands of errors would
/// otherwise be rendered in time quadratic in its length).
pub struct LineIndex<'a> {
    source: &'a str,
    /// The offset just after each newline; line `k + 2` starts at `starts[k]`.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let starts = source
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        LineIndex { source, starts }
    }

    /// 1-based line and 1-based byte column of `offset`, as moc prints positions.
    pub fn line_column(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.source.len());
        let before = self.starts.partition_point(|&start| start <= offset);
        let line_start = if before == 0 {
            0
        } else {
            self.starts[before - 1]
        };
        (before + 1, offset - line_start + 1)
    }

    /// moc's `L.C-L.C` range of a span.
    pub fn range(&self, span: Span) -> String {
        let (l1, c1) = self.line_column(span.start);
        let (l2, c2) = self.line_column(span.end);
        format!("{l1}.{c1}-{l2}.{c2}")
    }
}

/// 1-based line and 1-based byte column of `offset`, as moc prints positions (one lookup; a
/// caller with many builds a [`LineIndex`]).
pub fn line_column(source: &str, offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(source.len());
    let before = &source.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// moc's `L.C-L.C` range of a span (one lookup; see [`LineIndex`]).
pub fn range(source: &str, span: Span) -> String {
    let (l1, c1) = line_column(source, span.start);
    let (l2, c2) = line_column(source, span.end);
    format!("{l1}.{c1}-{l2}.{c2}")
}

/// moc's plain form: one diagnostic per line, its message's own lines and the notes after it.
pub fn render(diagnostics: &[Diagnostic], path: &str, source: &str) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let word = match (d.severity, category(d.code)) {
            (Severity::Warning, _) => "warning",
            (Severity::Error, Category::Syntax) => "syntax error",
            (Severity::Error, Category::Type) => "type error",
            (Severity::Error, Category::Compatibility) => "compatibility error",
            (Severity::Error, Category::Unsupported) => "unsupported",
        };
        match d.span {
            Some(span) => {
                let _ = write!(
                    out,
                    "{path}:{}: {word} [{}], {}",
                    lines.range(span),
                    d.code,
                    d.message
                );
            }
            None => {
                let _ = write!(out, "{path}: {word} [{}], {}", d.code, d.message);
            }
        }
        out.push('\n');
        for note in &d.notes {
            let _ = writeln!(out, "  {note}");
        }
    }
    out
}
