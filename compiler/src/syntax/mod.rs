//! Syntax: source text to the syntax tree, with syntax errors as diagnostics.
//!
//! The entry point is [`parse`]. It never fails: a file that does not parse yields a tree with
//! error nodes (or a missing body) and the M0001 diagnostics. This module does not resolve
//! names or look at types.

pub(crate) mod ast;
pub(crate) mod imports;
pub(crate) mod lexer;
pub(crate) mod nesting;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, clippy::unwrap_used)]
    grammar,
    "/syntax/grammar.rs"
);

use crate::diag::{self, Diagnostic, Span};
use ast::{Dec, ExpField, Expr, ExprKind, IdGen, Ident, Pat, PatKind, UnOp};
use lalrpop_util::ParseError;
use lexer::{LexError, Tok};
use nesting::Builder;
use num_bigint::{BigInt, Sign};

/// Parses one source file.
pub(crate) fn parse(source: &str) -> (ast::Program, Vec<Diagnostic>) {
    parse_at(source, 0)
}

/// Parses one source file whose ids start at `first_id` (an imported file joins the ids of
/// the program importing it).
pub(crate) fn parse_at(source: &str, first_id: u32) -> (ast::Program, Vec<Diagnostic>) {
    let builder = Builder::new(IdGen::starting_at(first_id));
    let mut recovered = Vec::new();
    // When a construct is nested too deeply, the parser is stopped by a lexical error of its
    // own (lalrpop gives up at once on those, where the end of the input would make it
    // recover from every construct still open); that error is not reported.
    let mut lexer = lexer::Lexer::new(source);
    let mut stopped = false;
    let tokens = std::iter::from_fn(|| {
        if stopped {
            return None;
        }
        if builder.gave_up() {
            stopped = true;
            return Some(Err(LexError::stop()));
        }
        lexer.next()
    });
    let result = grammar::ProgramParser::new().parse(&builder, &mut recovered, tokens);
    let mut errors: Vec<_> = recovered
        .into_iter()
        .map(|recovery| recovery.error)
        .collect();
    let (imports, (body, lone_span)) = match result {
        Ok(parsed) => parsed,
        Err(error) => {
            errors.push(error);
            (Vec::new(), (ast::ProgBody::Missing, None))
        }
    };
    let span = lone_span.unwrap_or_else(|| {
        let start = match &body {
            ast::ProgBody::Script(fields) => fields.first().map_or(0, |f| f.span.start as usize),
            _ => 0,
        };
        Span::new(start, source.len())
    });
    let mut diagnostics: Vec<Diagnostic> = errors
        .into_iter()
        .filter(|error| !matches!(error, ParseError::User { error } if error.is_stop()))
        .map(|error| parse_error(source, error))
        .collect();
    diagnostics.extend(builder.diagnostics());
    if let ast::ProgBody::Script(fields) = &body {
        // As moc, `stable`/`flexible` cannot start a declaration outside an actor.
        for field in fields {
            if let Some((_, span)) = field.stability {
                let text = source
                    .get(span.start as usize..span.end as usize)
                    .unwrap_or("");
                diagnostics.push(diag::syntax(span, format!("unexpected token '{text}'")));
            }
        }
    }
    diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
    diagnostics.dedup();
    (
        ast::Program {
            imports,
            body,
            span,
            prim_aliases: Vec::new(),
            id_count: builder.ids.count(),
        },
        diagnostics,
    )
}

fn parse_error(source: &str, error: ParseError<usize, Tok<'_>, LexError>) -> Diagnostic {
    match error {
        ParseError::InvalidToken { location } => diag::syntax(
            Span::new(location, location + 1),
            "unexpected character".to_string(),
        ),
        ParseError::UnrecognizedEof { location, expected } => diag::syntax(
            Span::new(location, location),
            format!("unexpected end of input{}", expected_list(&expected)),
        ),
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => diag::syntax(
            Span::new(l, r),
            format!(
                "unexpected token '{}'{}",
                token_text(source, l, r, &tok),
                expected_list(&expected)
            ),
        ),
        ParseError::ExtraToken { token: (l, tok, r) } => diag::syntax(
            Span::new(l, r),
            format!("unexpected token '{}'", token_text(source, l, r, &tok)),
        ),
        ParseError::User { error } => {
            diag::syntax(Span::new(error.start, error.end), error.message)
        }
    }
}

fn token_text(source: &str, l: usize, r: usize, tok: &Tok<'_>) -> String {
    source
        .get(l..r)
        .map_or_else(|| tok.to_string(), str::to_string)
}

fn expected_list(expected: &[String]) -> String {
    if expected.is_empty() {
        return String::new();
    }
    // Tokens that can start an expression are summarised as one `<exp>` entry, so that the
    // list stays as short as moc's.
    const EXP_START: &[&str] = &[
        "Id",
        "NatLit",
        "TextLit",
        "BytesLit",
        "\"await\"",
        "\"true\"",
        "\"false\"",
        "\"null\"",
        "\"not\"",
        "\"(\"",
        "\"{\"",
        "\"?\"",
        "\"+\"",
        "\"-\"",
        "\"return\"",
        "\"if\"",
        "\"ignore\"",
        "\"object\"",
        "\"actor\"",
        "\"switch\"",
        "\"while\"",
        "\"for\"",
        "FloatLit",
        "CharLit",
        "\"[\"",
        "\"#\"",
    ];
    let starts_exp = expected
        .iter()
        .any(|name| EXP_START.contains(&name.as_str()));
    let mut names: Vec<String> = expected
        .iter()
        .filter(|name| !EXP_START.contains(&name.as_str()))
        .map(|name| match name.as_str() {
            "Id" => "<id>".to_string(),
            "NatLit" => "<nat>".to_string(),
            "TextLit" => "<text>".to_string(),
            other => other.trim_matches('"').to_string(),
        })
        .collect();
    if starts_exp {
        names.push("<exp>".to_string());
    }
    format!(
        ", expected one of token or <phrase> sequence:\n  {}",
        names.join("\n  ")
    )
}

// ---- helpers for the grammar's actions ----

pub(crate) fn span(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

pub(crate) fn mk(ctx: &Builder, kind: ExprKind, l: usize, r: usize) -> Expr {
    ctx.expr(kind, span(l, r))
}

/// The values of boxed nonterminals (see the grammar's opening comment), unboxed into the
/// vector the tree holds.
pub(crate) fn unbox<T>(items: Vec<Box<T>>) -> Vec<T> {
    items.into_iter().map(|item| *item).collect()
}

/// `-` or `+` applied to a bare numeric literal is an `Int` literal, as in moc.
pub(crate) fn neg_literal(ctx: &Builder, op: UnOp, e: Expr, l: usize, r: usize) -> Expr {
    match e.kind {
        ExprKind::Num(value, false) => {
            let value = if op == UnOp::Neg { -value } else { value };
            mk(ctx, ExprKind::Num(value, true), l, r)
        }
        kind => mk(ctx, ExprKind::Unary(op, Box::new(Expr { kind, ..e })), l, r),
    }
}

/// The value of a literal as written: decimal or `0x` hex, with `_` separators.
pub(crate) fn parse_nat(text: &str) -> BigInt {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let parsed = match digits.strip_prefix("0x") {
        Some(hex) => BigInt::parse_bytes(hex.as_bytes(), 16),
        None => BigInt::parse_bytes(digits.as_bytes(), 10),
    };
    parsed.unwrap_or_else(|| BigInt::new(Sign::NoSign, Vec::new()))
}

/// The arguments of a call: a tuple argument is spread, anything else is one argument.
pub(crate) fn call_args(arg: Expr) -> Vec<Expr> {
    match arg.kind {
        ExprKind::Tuple(items) => items,
        kind => vec![Expr { kind, ..arg }],
    }
}

/// Braces: a record literal when the items are fields (`a = e`, `var a = e`, or a bare name
/// `a`, which moc reads as `a = a`) and at least one is written as a field or all are `var`s;
/// otherwise a block. A lone bare name (`{ x }`) stays a block, whose value is `x`, so that
/// function bodies such as `{ total }` keep their meaning.
pub(crate) fn brace(ctx: &Builder, decs: Vec<Dec>, l: usize, r: usize) -> Expr {
    let any_field = decs.iter().any(|d| matches!(d, Dec::Field(..)));
    let all_vars = !decs.is_empty() && decs.iter().all(|d| matches!(d, Dec::Value(v) if v.mutable));
    let convertible = decs.iter().all(|d| {
        matches!(d, Dec::Field(..))
            || matches!(d, Dec::Value(v) if v.mutable)
            || matches!(d, Dec::Expr(e) if matches!(e.kind, ExprKind::Var(_)))
    });
    if (any_field || all_vars) && convertible {
        let fields = decs
            .into_iter()
            .filter_map(|d| match d {
                Dec::Field(f, _) => Some(f),
                Dec::Value(v) => Some(ExpField {
                    mutable: true,
                    name: v.name,
                    annot: v.annot,
                    value: v.init,
                }),
                Dec::Expr(e) => match &e.kind {
                    ExprKind::Var(name) => Some(ExpField {
                        mutable: false,
                        name: name.clone(),
                        annot: None,
                        value: e,
                    }),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        return mk(ctx, ExprKind::Record(fields), l, r);
    }
    mk(ctx, ExprKind::Block(decs), l, r)
}

/// `{ a and b with fields }`: the bases are the operands of the `and` chain, left to right.
pub(crate) fn combine(
    ctx: &Builder,
    bases: Expr,
    fields: Vec<ExpField>,
    l: usize,
    r: usize,
) -> Expr {
    fn flatten(e: Expr, out: &mut Vec<Expr>) {
        match e.kind {
            ExprKind::And(a, b) => {
                flatten(*a, out);
                flatten(*b, out);
            }
            _ => out.push(e),
        }
    }
    let mut parts = Vec::new();
    flatten(bases, &mut parts);
    mk(ctx, ExprKind::Combine(parts, fields), l, r)
}

/// The program's body: a lone actor or module is a canister or a library (with the range of
/// its declaration), anything else a script.
pub(crate) fn program_body(mut fields: Vec<ast::Field>) -> (ast::ProgBody, Option<Span>) {
    let lone = fields.len() == 1
        && fields[0].visibility == ast::Visibility::Private
        && fields[0].stability.is_none();
    if lone {
        if let Some(field) = fields.pop() {
            match field.dec {
                Dec::Object(o) if o.sort == ast::ObjSort::Actor => {
                    let name = (!o.name.name.is_empty()).then_some(o.name);
                    let body = ast::ProgBody::Actor(ast::Actor {
                        name,
                        fields: o.fields,
                    });
                    return (body, Some(o.span));
                }
                Dec::Object(o) if o.sort == ast::ObjSort::Module => {
                    return (ast::ProgBody::Module(o.fields), Some(o.span))
                }
                dec => fields.push(ast::Field { dec, ..field }),
            }
        }
    }
    (ast::ProgBody::Script(fields), None)
}

/// A name in a pattern: `_` is the wildcard, anything else binds.
pub(crate) fn pat_ident(ctx: &Builder, x: Ident, l: usize, r: usize) -> Pat {
    let kind = if x.name == "_" {
        PatKind::Wild
    } else {
        PatKind::Var(x, ctx.ids.bind())
    };
    ctx.pat(kind, span(l, r))
}

/// Parses a type written as text (the primitives' types); `None` when it does not parse.
pub(crate) fn parse_type(text: &str) -> Option<ast::Type> {
    let builder = Builder::default();
    let mut recovered = Vec::new();
    let parsed =
        grammar::TypeParser::new().parse(&builder, &mut recovered, lexer::Lexer::new(text));
    match parsed {
        Ok(ty) if recovered.is_empty() && builder.diagnostics().is_empty() => Some(ty),
        _ => None,
    }
}
