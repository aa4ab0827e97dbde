//! Reading a stable signature (`.most`) back: type definitions and stable variables.
//!
//! The type language here is the whole of what moc writes into a `.most` (primitives,
//! options, arrays, tuples, records, variants, generic definitions, shared functions, actor
//! types), wider than what minimo compiles, so that signatures of moc-built canisters can be
//! compared too. A hand-written recursive-descent parser: the format is small and its errors
//! only need to name the problem and its line. It recurses once per level of a type and
//! refuses a type nested deeper than the compiler's nesting limit, so that nothing that reads
//! a parsed signature recurses deeper than that per type.

use crate::syntax::nesting::MAX_NESTING;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum MType {
    /// A primitive (`Nat`, `Text`, ...) or a type parameter or definition: a name with
    /// arguments.
    Con(String, Vec<MType>),
    Tuple(Vec<MType>),
    Option(Box<MType>),
    Array(bool, Box<MType>),
    /// (mutable, name, type), in the order written.
    Record(Vec<(bool, String, MType)>),
    Variant(Vec<(String, MType)>),
    /// A shared function or an actor: compared as written.
    Opaque(String),
}

#[derive(Clone, Debug)]
pub(crate) struct TypeDef {
    pub params: Vec<String>,
    pub body: MType,
}

#[derive(Clone, Debug)]
pub(crate) struct Signature {
    pub defs: BTreeMap<String, TypeDef>,
    /// (name, mutable, type), as written.
    pub vars: Vec<(String, bool, MType)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Id(String),
    Sym(&'static str),
}

/// The tokens of a text, each with its 1-based line.
fn lex(text: &str) -> Result<Vec<(Tok, usize)>, String> {
    const SYMBOLS: &[&str] = &[
        "->", "(", ")", "[", "]", "{", "}", "<", ">", ";", ",", ":", "=", "?", "#",
    ];
    let mut toks = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line = 1;
    'outer: while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            if c == b'\n' {
                line += 1;
            }
            i += 1;
            continue;
        }
        if text[i..].starts_with("//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        for sym in SYMBOLS {
            if text[i..].starts_with(sym) {
                toks.push((Tok::Sym(sym), line));
                i += sym.len();
                continue 'outer;
            }
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'@' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            i = i.max(start + 1);
            toks.push((Tok::Id(text[start..i].to_string()), line));
            continue;
        }
        return Err(format!(
            "line {line}: unexpected character '{}'",
            char::from(c)
        ));
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    /// How many types enclose the one being parsed.
    depth: u32,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(tok, _)| tok)
    }

    /// The line of the next token (of the last one at the end).
    fn line(&self) -> usize {
        self.toks
            .get(self.pos)
            .or_else(|| self.toks.last())
            .map_or(1, |(_, line)| *line)
    }

    fn is(&self, sym: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(s)) if *s == sym)
    }

    fn is_id(&self, id: &str) -> bool {
        matches!(self.peek(), Some(Tok::Id(s)) if s == id)
    }

    fn expect(&mut self, sym: &str) -> Result<(), String> {
        if self.is(sym) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected '{sym}', found {}", self.describe()))
        }
    }

    /// The next token, for an error, with its line.
    fn describe(&self) -> String {
        match self.peek() {
            Some(Tok::Id(s)) => format!("'{s}' at line {}", self.line()),
            Some(Tok::Sym(s)) => format!("'{s}' at line {}", self.line()),
            None => "the end".to_string(),
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Id(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(format!("expected a name, found {}", self.describe())),
        }
    }

    fn signature(&mut self) -> Result<Signature, String> {
        let mut defs = BTreeMap::new();
        while self.is_id("type") {
            self.pos += 1;
            let name = self.ident()?;
            let mut params = Vec::new();
            if self.is("<") {
                self.pos += 1;
                loop {
                    params.push(self.ident()?);
                    if self.is(",") {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                self.expect(">")?;
            }
            self.expect("=")?;
            let body = self.ty()?;
            self.expect(";")?;
            defs.insert(name, TypeDef { params, body });
        }
        if !self.is_id("actor") {
            return Err(format!("expected 'actor', found {}", self.describe()));
        }
        self.pos += 1;
        self.expect("{")?;
        let mut vars = Vec::new();
        while !self.is("}") {
            if !self.is_id("stable") {
                return Err(format!("expected 'stable', found {}", self.describe()));
            }
            self.pos += 1;
            let mutable = self.is_id("var");
            if mutable {
                self.pos += 1;
            }
            let name = self.ident()?;
            self.expect(":")?;
            let ty = self.ty()?;
            vars.push((name, mutable, ty));
            if self.is(";") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.expect("}")?;
        if self.is(";") {
            self.pos += 1;
        }
        if self.pos != self.toks.len() {
            return Err(format!("unexpected {} after the actor", self.describe()));
        }
        Ok(Signature { defs, vars })
    }

    fn ty(&mut self) -> Result<MType, String> {
        if self.is_id("shared") || self.is_id("query") || self.is_id("actor") || self.is_id("async")
        {
            return self.opaque();
        }
        let start = self.pos;
        let t = self.ty_un()?;
        if self.is("->") {
            self.pos = start;
            return self.opaque();
        }
        Ok(t)
    }

    /// A function or actor type: kept as its token text.
    fn opaque(&mut self) -> Result<MType, String> {
        let mut depth = 0i32;
        let mut text = Vec::new();
        while let Some(tok) = self.peek() {
            let closing = matches!(tok, Tok::Sym(")" | "]" | "}" | ">"));
            if depth == 0 && (closing || matches!(tok, Tok::Sym(";" | ","))) {
                break;
            }
            match tok {
                Tok::Sym("(" | "[" | "{" | "<") => depth += 1,
                Tok::Sym(")" | "]" | "}" | ">") => depth -= 1,
                _ => {}
            }
            text.push(match tok {
                Tok::Id(s) => s.clone(),
                Tok::Sym(s) => s.to_string(),
            });
            self.pos += 1;
        }
        Ok(MType::Opaque(text.join(" ")))
    }

    /// One level of a type: every nested type passes through here.
    fn ty_un(&mut self) -> Result<MType, String> {
        if self.depth >= MAX_NESTING {
            return Err(format!(
                "line {}: type nested too deeply (more than {MAX_NESTING} levels)",
                self.line()
            ));
        }
        self.depth += 1;
        let ty = self.ty_level();
        self.depth -= 1;
        ty
    }

    fn ty_level(&mut self) -> Result<MType, String> {
        if self.is("?") {
            self.pos += 1;
            return Ok(MType::Option(Box::new(self.ty_un()?)));
        }
        if self.is("(") {
            self.pos += 1;
            let items = self.list(")")?;
            return Ok(if items.len() == 1 {
                items.into_iter().next().unwrap_or(MType::Tuple(Vec::new()))
            } else {
                MType::Tuple(items)
            });
        }
        if self.is("[") {
            self.pos += 1;
            let mutable = self.is_id("var");
            if mutable {
                self.pos += 1;
            }
            let elem = self.ty()?;
            self.expect("]")?;
            return Ok(MType::Array(mutable, Box::new(elem)));
        }
        if self.is("{") {
            self.pos += 1;
            if self.is("#") {
                return self.variant();
            }
            let mut fields = Vec::new();
            while !self.is("}") {
                let mutable = self.is_id("var");
                if mutable {
                    self.pos += 1;
                }
                let name = self.ident()?;
                self.expect(":")?;
                fields.push((mutable, name, self.ty()?));
                if self.is(";") {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            self.expect("}")?;
            return Ok(MType::Record(fields));
        }
        let name = self.ident()?;
        let mut args = Vec::new();
        if self.is("<") {
            self.pos += 1;
            args = self.list(">")?;
        }
        Ok(MType::Con(name, args))
    }

    fn variant(&mut self) -> Result<MType, String> {
        let mut tags = Vec::new();
        while self.is("#") {
            self.pos += 1;
            let name = self.ident()?;
            let payload = if self.is(":") {
                self.pos += 1;
                self.ty()?
            } else {
                MType::Tuple(Vec::new())
            };
            tags.push((name, payload));
            if self.is(";") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.expect("}")?;
        Ok(MType::Variant(tags))
    }

    fn list(&mut self, close: &str) -> Result<Vec<MType>, String> {
        let mut items = Vec::new();
        while !self.is(close) {
            items.push(self.ty()?);
            if self.is(",") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.expect(close)?;
        Ok(items)
    }
}

/// Parses a `.most` text.
pub(crate) fn parse(text: &str) -> Result<Signature, String> {
    let toks = lex(text)?;
    Parser {
        toks,
        pos: 0,
        depth: 0,
    }
    .signature()
}
