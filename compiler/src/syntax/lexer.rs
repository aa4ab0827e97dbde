//! The lexer: source text to spanned tokens, for the lalrpop parser.
//!
//! logos recognises the tokens; nested block comments and the decoding of text escapes are done
//! here by hand, because a regular language cannot count nesting. The lexer does not decide
//! what a token means in context (keywords are tokens, identifiers are identifiers).

use logos::Logos;
use std::fmt;

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\f]+")]
enum Raw {
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    #[token("/*")]
    BlockComment,

    #[token("actor")]
    Actor,
    #[token("module")]
    Module,
    #[token("import")]
    Import,
    #[token("let")]
    Let,
    #[token("var")]
    Var,
    #[token("func")]
    Func,
    #[token("public")]
    Public,
    #[token("private")]
    Private,
    #[token("system")]
    System,
    #[token("shared")]
    Shared,
    #[token("query")]
    Query,
    #[token("stable")]
    Stable,
    #[token("flexible")]
    Flexible,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("return")]
    Return,
    #[token("if")]
    If,
    #[token("else")]
    Else,
    #[token("ignore")]
    Ignore,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("null")]
    Null,
    #[token("and")]
    And,
    #[token("or")]
    Or,
    #[token("not")]
    Not,
    #[token("object")]
    Object,
    #[token("class")]
    Class,
    #[token("type")]
    Type,
    #[token("switch")]
    Switch,
    #[token("case")]
    Case,
    #[token("while")]
    While,
    #[token("for")]
    For,
    #[token("in")]
    In,
    #[token("loop")]
    Loop,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("label")]
    Label,
    #[token("do")]
    Do,
    #[token("debug")]
    Debug,
    #[token("try")]
    Try,
    #[token("catch")]
    Catch,
    #[token("throw")]
    Throw,
    #[token("with")]
    With,

    #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
    Ident,
    #[regex(r"[0-9][0-9_]*|0x[0-9a-fA-F][0-9a-fA-F_]*")]
    Nat,
    #[regex(r#""([^"\\\n]|\\.)*""#)]
    Text,
    #[regex(
        r"[0-9][0-9_]*\.[0-9][0-9_]*([eE][+-]?[0-9][0-9_]*)?|[0-9][0-9_]*[eE][+-]?[0-9][0-9_]*"
    )]
    Float,
    #[regex(r"'([^'\\\n]|\\[^\n][^'\n]*)'")]
    Char,

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("?")]
    Question,
    #[token("=")]
    Assign,
    #[token(":=")]
    ColonAssign,
    #[token("+=")]
    AddAssign,
    #[token("-=")]
    SubAssign,
    #[token("*=")]
    MulAssign,
    #[token("/=")]
    DivAssign,
    #[token("%=")]
    RemAssign,
    #[token("#=")]
    CatAssign,
    #[token("<<=")]
    ShlAssign,
    #[token("->")]
    Arrow,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("**")]
    Pow,
    #[token("#")]
    Hash,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("assert")]
    Assert,
    #[token("debug_show")]
    DebugShow,
    #[token("!")]
    Bang,
    #[token("&")]
    Amp,
    #[token("|")]
    Bar,
    #[token("^")]
    Caret,
    #[token("+%")]
    WrapAdd,
    #[token("-%")]
    WrapSub,
    #[token("*%")]
    WrapMul,
    #[token("**%")]
    WrapPow,
    #[token("<<")]
    Shl,
    #[token("<<>")]
    Rotl,
    #[token("<>>")]
    Rotr,
    #[token("&=")]
    AndAssign,
    #[token("|=")]
    OrAssign,
    #[token("^=")]
    XorAssign,
}

/// A token as the parser sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok<'a> {
    Actor,
    Module,
    Import,
    Let,
    Var,
    Func,
    Public,
    Private,
    System,
    Shared,
    Query,
    Stable,
    Flexible,
    Async,
    Await,
    Return,
    If,
    Else,
    Ignore,
    True,
    False,
    Null,
    And,
    Or,
    Not,
    Object,
    Class,
    Type,
    Switch,
    Case,
    While,
    For,
    In,
    Loop,
    Break,
    Continue,
    Label,
    Do,
    Debug,
    Try,
    Catch,
    Throw,
    With,
    Ident(&'a str),
    /// A float literal as written.
    Float(&'a str),
    /// A character literal, decoded.
    Char(char),
    /// The literal as written (underscores and `0x` included).
    Nat(&'a str),
    /// The decoded text.
    Text(String),
    /// A text literal whose byte escapes (`\ff`) leave bytes that are not UTF-8: it is only
    /// a `Blob` literal, which the checker decides by the expected type.
    Bytes(Vec<u8>),
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Colon,
    Dot,
    Question,
    Assign,
    ColonAssign,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    RemAssign,
    CatAssign,
    ShlAssign,
    ShrAssign,
    Arrow,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Pow,
    Hash,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Assert,
    DebugShow,
    Bang,
    Amp,
    Bar,
    Caret,
    WrapAdd,
    WrapSub,
    WrapMul,
    WrapPow,
    Shl,
    Rotl,
    Rotr,
    AndAssign,
    OrAssign,
    XorAssign,
    /// `<` not followed by whitespace: opens type arguments (`f<Nat>(x)`), as moc
    /// tells `<` apart by spacing.
    /// `>>` after whitespace.
    Shr,
    LAngle,
    /// `>` not preceded by whitespace: closes type arguments.
    RAngle,
}

impl fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Tok::Ident(s) | Tok::Nat(s) | Tok::Float(s) => return write!(f, "{s}"),
            Tok::Text(s) => return write!(f, "{s:?}"),
            Tok::Bytes(b) => return write!(f, "{:?}", String::from_utf8_lossy(b)),
            Tok::Actor => "actor",
            Tok::Module => "module",
            Tok::Import => "import",
            Tok::Let => "let",
            Tok::Var => "var",
            Tok::Func => "func",
            Tok::Public => "public",
            Tok::Private => "private",
            Tok::System => "system",
            Tok::Shared => "shared",
            Tok::Query => "query",
            Tok::Stable => "stable",
            Tok::Flexible => "flexible",
            Tok::Async => "async",
            Tok::Await => "await",
            Tok::Return => "return",
            Tok::If => "if",
            Tok::Else => "else",
            Tok::Ignore => "ignore",
            Tok::True => "true",
            Tok::False => "false",
            Tok::Null => "null",
            Tok::And => "and",
            Tok::Or => "or",
            Tok::Not => "not",
            Tok::Object => "object",
            Tok::Class => "class",
            Tok::Type => "type",
            Tok::Switch => "switch",
            Tok::Case => "case",
            Tok::While => "while",
            Tok::For => "for",
            Tok::In => "in",
            Tok::Loop => "loop",
            Tok::Break => "break",
            Tok::Continue => "continue",
            Tok::Label => "label",
            Tok::Do => "do",
            Tok::Debug => "debug",
            Tok::Try => "try",
            Tok::Catch => "catch",
            Tok::Throw => "throw",
            Tok::With => "with",
            Tok::Char(c) => return write!(f, "{c:?}"),
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Semi => ";",
            Tok::Comma => ",",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::Question => "?",
            Tok::Assign => "=",
            Tok::ColonAssign => ":=",
            Tok::AddAssign => "+=",
            Tok::SubAssign => "-=",
            Tok::MulAssign => "*=",
            Tok::DivAssign => "/=",
            Tok::RemAssign => "%=",
            Tok::CatAssign => "#=",
            Tok::ShlAssign => "<<=",
            Tok::ShrAssign => ">>=",
            Tok::Arrow => "->",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::Percent => "%",
            Tok::Pow => "**",
            Tok::Hash => "#",
            Tok::EqEq => "==",
            Tok::NotEq => "!=",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Assert => "assert",
            Tok::DebugShow => "debug_show",
            Tok::Bang => "!",
            Tok::Amp => "&",
            Tok::Bar => "|",
            Tok::Caret => "^",
            Tok::WrapAdd => "+%",
            Tok::WrapSub => "-%",
            Tok::WrapMul => "*%",
            Tok::WrapPow => "**%",
            Tok::Shl => "<<",
            Tok::Rotl => "<<>",
            Tok::Rotr => "<>>",
            Tok::AndAssign => "&=",
            Tok::OrAssign => "|=",
            Tok::XorAssign => "^=",
            Tok::LAngle => "<",
            Tok::Shr => ">>",
            Tok::RAngle => ">",
        };
        f.write_str(text)
    }
}

/// A lexical error, with the byte range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

impl LexError {
    /// The error that stops the parser after a construct nested too deeply (see
    /// `syntax::nesting`): it has no range and is never reported.
    pub fn stop() -> LexError {
        LexError {
            start: usize::MAX,
            end: usize::MAX,
            message: String::new(),
        }
    }

    pub fn is_stop(&self) -> bool {
        self.start == usize::MAX
    }
}

pub type Spanned<'a> = Result<(usize, Tok<'a>, usize), LexError>;

/// Iterates over the tokens of `source`, comments skipped.
pub struct Lexer<'a> {
    inner: logos::Lexer<'a, Raw>,
    source: &'a str,
}

impl<'a> Lexer<'a> {
    pub fn new(source: &'a str) -> Lexer<'a> {
        Lexer {
            inner: Raw::lexer(source),
            source,
        }
    }

    /// Skips a block comment whose `/*` was just read; nested comments count.
    fn skip_block_comment(&mut self) -> Result<(), LexError> {
        let start = self.inner.span().start;
        let rest = self.inner.remainder().as_bytes();
        let mut depth = 1usize;
        let mut i = 0;
        while i < rest.len() {
            if rest[i..].starts_with(b"/*") {
                depth += 1;
                i += 2;
            } else if rest[i..].starts_with(b"*/") {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    self.inner.bump(i);
                    return Ok(());
                }
            } else {
                i += 1;
            }
        }
        self.inner.bump(rest.len());
        Err(LexError {
            start,
            end: self.source.len(),
            message: "unclosed comment".to_string(),
        })
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        loop {
            let raw = self.inner.next()?;
            let span = self.inner.span();
            let slice = self.inner.slice();
            let raw = match raw {
                Ok(raw) => raw,
                Err(()) => {
                    return Some(Err(LexError {
                        start: span.start,
                        end: span.end,
                        message: format!("unexpected character '{}'", slice.escape_debug()),
                    }))
                }
            };
            let tok = match raw {
                Raw::LineComment => continue,
                Raw::BlockComment => match self.skip_block_comment() {
                    Ok(()) => continue,
                    Err(error) => return Some(Err(error)),
                },
                Raw::Ident => Tok::Ident(slice),
                Raw::Nat => Tok::Nat(slice),
                Raw::Float => Tok::Float(slice),
                Raw::Char => match unescape(&slice[1..slice.len() - 1]) {
                    Ok(text) if text.chars().count() == 1 => {
                        Tok::Char(text.chars().next().unwrap_or('\0'))
                    }
                    Ok(_) => {
                        return Some(Err(LexError {
                            start: span.start,
                            end: span.end,
                            message: "a character literal holds exactly one character".to_string(),
                        }))
                    }
                    Err(message) => {
                        return Some(Err(LexError {
                            start: span.start,
                            end: span.end,
                            message,
                        }))
                    }
                },
                Raw::Text => match unescape_bytes(&slice[1..slice.len() - 1]) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => Tok::Text(text),
                        Err(error) => Tok::Bytes(error.into_bytes()),
                    },
                    Err(message) => {
                        return Some(Err(LexError {
                            start: span.start,
                            end: span.end,
                            message,
                        }))
                    }
                },
                // `T <: Bound` in a type parameter list is `<` then `:`, not an opening angle.
                Raw::Lt if self.source[span.end..].starts_with(':') => Tok::Lt,
                Raw::Lt if !self.source[span.end..].starts_with(char::is_whitespace) => Tok::LAngle,
                Raw::Gt if !self.source[..span.start].ends_with(char::is_whitespace) => Tok::RAngle,
                Raw::Gt if self.source[span.end..].starts_with(">=") => {
                    // `>>=`: the shift-and-assign operator.
                    self.inner.bump(2);
                    return Some(Ok((span.start, Tok::ShrAssign, span.end + 2)));
                }
                Raw::Gt if self.source[span.end..].starts_with('>') => {
                    // A spaced `>>` is the shift operator; `>>` closing two type argument
                    // lists is written without the space.
                    self.inner.bump(1);
                    return Some(Ok((span.start, Tok::Shr, span.end + 1)));
                }
                other => simple(other),
            };
            return Some(Ok((span.start, tok, span.end)));
        }
    }
}

fn simple(raw: Raw) -> Tok<'static> {
    match raw {
        Raw::Actor => Tok::Actor,
        Raw::Module => Tok::Module,
        Raw::Import => Tok::Import,
        Raw::Let => Tok::Let,
        Raw::Var => Tok::Var,
        Raw::Func => Tok::Func,
        Raw::Public => Tok::Public,
        Raw::Private => Tok::Private,
        Raw::System => Tok::System,
        Raw::Shared => Tok::Shared,
        Raw::Query => Tok::Query,
        Raw::Stable => Tok::Stable,
        Raw::Flexible => Tok::Flexible,
        Raw::Async => Tok::Async,
        Raw::Await => Tok::Await,
        Raw::Return => Tok::Return,
        Raw::If => Tok::If,
        Raw::Else => Tok::Else,
        Raw::Ignore => Tok::Ignore,
        Raw::True => Tok::True,
        Raw::False => Tok::False,
        Raw::Null => Tok::Null,
        Raw::And => Tok::And,
        Raw::Or => Tok::Or,
        Raw::Not => Tok::Not,
        Raw::Object => Tok::Object,
        Raw::Class => Tok::Class,
        Raw::Type => Tok::Type,
        Raw::Switch => Tok::Switch,
        Raw::Case => Tok::Case,
        Raw::While => Tok::While,
        Raw::For => Tok::For,
        Raw::In => Tok::In,
        Raw::Loop => Tok::Loop,
        Raw::Break => Tok::Break,
        Raw::Continue => Tok::Continue,
        Raw::Label => Tok::Label,
        Raw::Do => Tok::Do,
        Raw::Debug => Tok::Debug,
        Raw::Try => Tok::Try,
        Raw::Catch => Tok::Catch,
        Raw::Throw => Tok::Throw,
        Raw::With => Tok::With,
        Raw::LParen => Tok::LParen,
        Raw::RParen => Tok::RParen,
        Raw::LBrace => Tok::LBrace,
        Raw::RBrace => Tok::RBrace,
        Raw::LBracket => Tok::LBracket,
        Raw::RBracket => Tok::RBracket,
        Raw::Semi => Tok::Semi,
        Raw::Comma => Tok::Comma,
        Raw::Colon => Tok::Colon,
        Raw::Dot => Tok::Dot,
        Raw::Question => Tok::Question,
        Raw::Assign => Tok::Assign,
        Raw::ColonAssign => Tok::ColonAssign,
        Raw::AddAssign => Tok::AddAssign,
        Raw::SubAssign => Tok::SubAssign,
        Raw::MulAssign => Tok::MulAssign,
        Raw::DivAssign => Tok::DivAssign,
        Raw::RemAssign => Tok::RemAssign,
        Raw::CatAssign => Tok::CatAssign,
        Raw::ShlAssign => Tok::ShlAssign,
        Raw::Arrow => Tok::Arrow,
        Raw::Plus => Tok::Plus,
        Raw::Minus => Tok::Minus,
        Raw::Star => Tok::Star,
        Raw::Slash => Tok::Slash,
        Raw::Percent => Tok::Percent,
        Raw::Pow => Tok::Pow,
        Raw::Hash => Tok::Hash,
        Raw::EqEq => Tok::EqEq,
        Raw::NotEq => Tok::NotEq,
        Raw::Lt => Tok::Lt,
        Raw::Le => Tok::Le,
        Raw::Gt => Tok::Gt,
        Raw::Ge => Tok::Ge,
        Raw::Assert => Tok::Assert,
        Raw::DebugShow => Tok::DebugShow,
        Raw::Bang => Tok::Bang,
        Raw::Amp => Tok::Amp,
        Raw::Bar => Tok::Bar,
        Raw::Caret => Tok::Caret,
        Raw::WrapAdd => Tok::WrapAdd,
        Raw::WrapSub => Tok::WrapSub,
        Raw::WrapMul => Tok::WrapMul,
        Raw::WrapPow => Tok::WrapPow,
        Raw::Shl => Tok::Shl,
        Raw::Rotl => Tok::Rotl,
        Raw::Rotr => Tok::Rotr,
        Raw::AndAssign => Tok::AndAssign,
        Raw::OrAssign => Tok::OrAssign,
        Raw::XorAssign => Tok::XorAssign,
        // Tokens with data and comments are handled by the caller.
        Raw::LineComment
        | Raw::BlockComment
        | Raw::Ident
        | Raw::Nat
        | Raw::Float
        | Raw::Char
        | Raw::Text => Tok::Semi,
    }
}

/// Decodes a character literal's escapes; the bytes must be UTF-8.
fn unescape(body: &str) -> Result<String, String> {
    String::from_utf8(unescape_bytes(body)?)
        .map_err(|_| "character literal is not valid UTF-8".to_string())
}

/// Decodes Motoko's text escapes: `\n \r \t \\ \' \"`, `\u{X..}` and `\XX` (one byte in hex,
/// so the result need not be UTF-8).
fn unescape_bytes(body: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err("unfinished escape".to_string());
        };
        match e {
            'n' => bytes.push(b'\n'),
            'r' => bytes.push(b'\r'),
            't' => bytes.push(b'\t'),
            '\\' => bytes.push(b'\\'),
            '\'' => bytes.push(b'\''),
            '"' => bytes.push(b'"'),
            'u' => {
                if chars.next().map(|(_, c)| c) != Some('{') {
                    return Err("expected { after \\u".to_string());
                }
                let mut hex = String::new();
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    hex.push(c);
                }
                let code = u32::from_str_radix(&hex.replace('_', ""), 16)
                    .map_err(|_| format!("bad unicode escape \\u{{{hex}}}"))?;
                let c = char::from_u32(code)
                    .ok_or_else(|| format!("bad unicode escape \\u{{{hex}}}"))?;
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            h if h.is_ascii_hexdigit() => {
                let Some((_, l)) = chars.next() else {
                    return Err("unfinished byte escape".to_string());
                };
                let byte = u8::from_str_radix(&format!("{h}{l}"), 16)
                    .map_err(|_| format!("bad byte escape \\{h}{l}"))?;
                bytes.push(byte);
            }
            other => return Err(format!("unknown escape \\{other}")),
        }
    }
    Ok(bytes)
}
