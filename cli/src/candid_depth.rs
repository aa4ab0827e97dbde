//! A cheap scan of Candid text (a `.did` service, textual arguments) before `candid_parser`
//! sees it: the parser, its type checker and the subtype check recurse once per level of a
//! type, and through every definition a type names, so text nested deeper than
//! [`MAX_NESTING`] levels, or a definition that unfolds deeper than [`MAX_UNFOLDED`] levels
//! through the definitions it names, is refused here with its line instead of overflowing the
//! stack (or, for records, taking time quadratic in the depth).
//!
//! The scan knows only tokens: brackets, the `opt`/`vec` prefixes, `type NAME = ...;` at the
//! top level, and the names a definition mentions. It does not check that the text is valid
//! Candid; `candid_parser` does that afterwards.

use std::collections::HashMap;

use minimo_compiler::CANDID_KEYWORDS;

/// The most levels a Candid type may be written deep (the compiler's nesting limit).
pub const MAX_NESTING: u32 = 1_000;

/// The most levels a definition may reach through the definitions it names.
pub const MAX_UNFOLDED: u32 = 10_000;

/// Why a text was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooDeep {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// One top-level definition: its depth as written and the names it mentions.
struct Definition {
    line: usize,
    depth: u32,
    names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    Open,
    Close,
    Colon,
    Semi,
    Other,
}

/// The tokens of a Candid text with their lines (comments and strings skipped).
fn tokens(text: &str) -> Vec<(Token<'_>, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        i += 1;
        match c {
            b'\n' => line += 1,
            b'/' if bytes.get(i) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i) == Some(&b'*') => {
                i += 1;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                while i < bytes.len() && bytes[i] != b'"' {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'\n' => line += 1,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                out.push((Token::Other, line));
            }
            b'(' | b'{' => out.push((Token::Open, line)),
            b')' | b'}' => out.push((Token::Close, line)),
            b':' => out.push((Token::Colon, line)),
            b';' => out.push((Token::Semi, line)),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((Token::Word(&text[start..i]), line));
            }
            c if c.is_ascii_whitespace() => {}
            _ => out.push((Token::Other, line)),
        }
    }
    out
}

/// Refuses a text nested or unfolding too deeply; `Ok` says nothing else about it.
pub fn check(text: &str) -> Result<(), TooDeep> {
    let tokens = tokens(text);
    let mut definitions: HashMap<&str, Definition> = HashMap::new();
    // The definition being read (its name), at the top level only.
    let mut current: Option<&str> = None;
    let mut expect_name = false;
    // The depth the innermost bracket opened at, those of the enclosing ones, and how many
    // `opt`/`vec` prefixes have been read since the last other token.
    let mut enclosing: Vec<u32> = Vec::new();
    let mut base = 0u32;
    let mut prefixes = 0u32;
    for (k, (token, line)) in tokens.iter().enumerate() {
        let line = *line;
        match token {
            Token::Word(word) => {
                if expect_name {
                    expect_name = false;
                    current = Some(word);
                    definitions.insert(
                        word,
                        Definition {
                            line,
                            depth: 0,
                            names: Vec::new(),
                        },
                    );
                    continue;
                }
                match *word {
                    "type" if enclosing.is_empty() => expect_name = true,
                    "opt" | "vec" => prefixes += 1,
                    // These come before the brackets of their type: the prefixes before them
                    // still enclose it.
                    "record" | "variant" | "func" | "service" => {}
                    _ => {
                        prefixes = 0;
                        let label = matches!(tokens.get(k + 1), Some((Token::Colon, _)));
                        if let (false, false, Some(def)) =
                            (label, CANDID_KEYWORDS.contains(word), current)
                        {
                            if let Some(definition) = definitions.get_mut(def) {
                                definition.names.push(word.to_string());
                            }
                        }
                    }
                }
            }
            Token::Open => {
                enclosing.push(base);
                base = base.saturating_add(prefixes).saturating_add(1);
                prefixes = 0;
            }
            Token::Close => {
                base = enclosing.pop().unwrap_or(0);
                prefixes = 0;
            }
            Token::Semi if enclosing.is_empty() => {
                current = None;
                prefixes = 0;
            }
            _ => prefixes = 0,
        }
        let depth = base.saturating_add(prefixes);
        if depth > MAX_NESTING {
            return Err(TooDeep {
                line,
                message: format!("Candid type nested too deeply (more than {MAX_NESTING} levels)"),
            });
        }
        if let Some(definition) = current.and_then(|def| definitions.get_mut(def)) {
            definition.depth = definition.depth.max(depth);
        }
    }
    check_unfolded(&definitions)
}

/// The depth of each definition through the definitions it names (a name met again while
/// unfolding it adds nothing: the subtype check stops there too), computed with a stack of
/// its own.
fn check_unfolded(definitions: &HashMap<&str, Definition>) -> Result<(), TooDeep> {
    let mut unfolded: HashMap<&str, u32> = HashMap::new();
    let mut open: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut names: Vec<&&str> = definitions.keys().collect();
    names.sort_by_key(|name| definitions[**name].line);
    for root in names {
        if unfolded.contains_key(*root) {
            continue;
        }
        // Each frame: a definition and how many of its names have been looked at.
        let mut frames: Vec<(&str, usize)> = vec![(root, 0)];
        open.insert(root);
        while let Some((def, seen)) = frames.last_mut() {
            let definition = &definitions[*def];
            if let Some(name) = definition.names.get(*seen) {
                *seen += 1;
                if let Some((known, _)) = definitions.get_key_value(name.as_str()) {
                    if !unfolded.contains_key(known) && !open.contains(known) {
                        open.insert(known);
                        frames.push((known, 0));
                    }
                }
                continue;
            }
            let below = definition
                .names
                .iter()
                .filter_map(|name| unfolded.get(name.as_str()))
                .max()
                .copied()
                .unwrap_or(0);
            let total = definition.depth.saturating_add(below);
            if total > MAX_UNFOLDED {
                return Err(TooDeep {
                    line: definition.line,
                    message: format!(
                        "Candid type {def} is nested too deeply through the definitions it names (more than {MAX_UNFOLDED} levels)"
                    ),
                });
            }
            let def = *def;
            open.remove(def);
            unfolded.insert(def, total);
            frames.pop();
        }
    }
    Ok(())
}
