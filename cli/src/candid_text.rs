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
        let prog = did
            .parse::<candid_parser::IDLProg>()
            .map_err(|error| format!("the Candid service does not parse: {error}"))?;
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
    candid_parser::parse_idl_args(text)
        .map_err(|error| format!("the arguments are not valid textual Candid: {error}"))
}

/// Renders reply bytes without knowing the types (used when no interface is available).
pub fn render_untyped(bytes: &[u8]) -> Result<String, String> {
    IDLArgs::from_bytes(bytes)
        .map(|args| args.to_string())
        .map_err(|error| format!("the reply is not valid Candid: {error}"))
}
