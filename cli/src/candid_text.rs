//! Candid on the host side: a canister's service read from its `.did` text, arguments from
//! textual Candid, replies to textual Candid (the `candid` and `candid_parser` crates).

use candid::types::{FuncMode, Function, Type};
use candid::{IDLArgs, TypeEnv};

/// A parsed Candid service: the type environment and the service's methods.
pub struct Interface {
    env: TypeEnv,
    service: Type,
}

impl Interface {
    /// Parses the text of a `.did` file (or of the `candid:service` custom section).
    pub fn parse(did: &str) -> Result<Interface, String> {
        crate::candid_depth::check(did).map_err(|deep| {
            format!(
                "the Candid service cannot be read: line {}: {}",
                deep.line, deep.message
            )
        })?;
        // `str::parse`, not `pretty_parse`: that one also writes its own coloured report to
        // stderr, beside the error this returns.
        crate::candid_strings::check(did, false).map_err(|bad| {
            format!(
                "the Candid service cannot be read: line {}: a text literal whose bytes are not UTF-8",
                bad.line
            )
        })?;
        let prog = did.parse::<candid_parser::IDLProg>().map_err(|error| {
            format!(
                "the Candid service does not parse: {}",
                describe_error(&error, did)
            )
        })?;
        let mut env = TypeEnv::new();
        let service = candid_parser::check_prog(&mut env, &prog)
            .map_err(|error| format!("the Candid service is not well-typed: {error}"))?
            .ok_or_else(|| "the Candid text declares no service".to_string())?;
        Ok(Interface { env, service })
    }

    fn method<'a>(&'a self, name: &'a str) -> Result<&'a Function, String> {
        self.env
            .get_method(&self.service, name)
            .map_err(|_| format!("the canister has no method `{name}`"))
    }

    pub fn is_query(&self, name: &str) -> bool {
        self.method(name)
            .map(|function| function.modes.contains(&FuncMode::Query))
            .unwrap_or(false)
    }

    /// Encodes textual arguments (`(1, "x")`; absent means `()`) at the method's argument types.
    pub fn encode_args(&self, name: &str, text: Option<&str>) -> Result<Vec<u8>, String> {
        let function = self.method(name)?;
        let args = parse_args(text.unwrap_or("()"))?;
        args.to_bytes_with_types(&self.env, &function.args)
            .map_err(|error| format!("the arguments do not match `{name}`'s types: {error}"))
    }

    /// Renders reply bytes as textual Candid at the method's result types, e.g. `(3 : nat)`.
    pub fn render_reply(&self, name: &str, bytes: &[u8]) -> Result<String, String> {
        let function = self.method(name)?;
        IDLArgs::from_bytes_with_types(bytes, &self.env, &function.rets)
            .map(|args| args.to_string())
            .map_err(|error| format!("the reply is not valid Candid for `{name}`: {error}"))
    }
}

/// Parses textual Candid arguments.
pub fn parse_args(text: &str) -> Result<IDLArgs, String> {
    crate::candid_depth::check(text).map_err(|deep| {
        format!(
            "the arguments cannot be read: line {}: {}",
            deep.line, deep.message
        )
    })?;
    crate::candid_strings::check(text, true).map_err(|bad| {
        format!(
            "the arguments cannot be read: line {}: a text literal whose bytes are not UTF-8",
            bad.line
        )
    })?;
    candid_parser::parse_idl_args(text).map_err(|error| {
        format!(
            "the arguments are not valid textual Candid: {}",
            describe_error(&error, text)
        )
    })
}

/// A `candid_parser` error as a sentence with a line and column, written from the error's
/// parts: the library's own message names the unexpected token by formatting it, which
/// panics for a string token that is not UTF-8 (see `candid_strings`), and gives byte offsets.
pub fn describe_error(error: &candid_parser::Error, text: &str) -> String {
    use candid_parse_error::ParseError as ParserError;
    let at = |offset: usize| {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("line {line}, column {column}")
    };
    let piece = |start: usize, end: usize| {
        let shown: String = text
            .get(start..end)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        format!("`{shown}`")
    };
    let expected = |list: &[String]| match list {
        [] => String::new(),
        [one] => format!(", expected {one}"),
        many => format!(", expected one of {}", many.join(", ")),
    };
    let candid_parser::Error::Parse(parse) = error else {
        return error.to_string();
    };
    match parse {
        ParserError::UnrecognizedToken {
            token: (start, _, end),
            expected: wanted,
        } => format!(
            "{}: unexpected {}{}",
            at(*start),
            piece(*start, *end),
            expected(wanted)
        ),
        ParserError::UnrecognizedEof {
            location,
            expected: wanted,
        } => format!(
            "{}: the text ends too early{}",
            at(*location),
            expected(wanted)
        ),
        ParserError::InvalidToken { location } => format!("{}: invalid token", at(*location)),
        ParserError::ExtraToken {
            token: (start, _, end),
        } => format!(
            "{}: unexpected {} after the end",
            at(*start),
            piece(*start, *end)
        ),
        ParserError::User { error } => format!("{}: {}", at(error.span.start), error.err),
    }
}

/// Renders reply bytes without knowing the types (used when no interface is available).
pub fn render_untyped(bytes: &[u8]) -> Result<String, String> {
    IDLArgs::from_bytes(bytes)
        .map(|args| args.to_string())
        .map_err(|error| format!("the reply is not valid Candid: {error}"))
}
