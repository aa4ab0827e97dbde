//! A check of the string literals of Candid text before `candid_parser` reads it.
//!
//! `candid_parser`'s lexer turns a `\xx` escape into one raw byte of the Rust `String` it
//! builds, without checking that the bytes are UTF-8 (they are meant for `blob "..."`
//! literals). A string that is not UTF-8 is then a `String` that breaks whatever formats it:
//! the parser's own error message for such a token panics. So a literal whose bytes are not
//! UTF-8 is refused here, with its line, unless it is the text of a `blob` (where the library
//! reads the bytes as bytes). Escapes are decoded as the library decodes them; an escape it
//! would reject is left for it to reject. Comments are skipped. Nothing else is checked.

/// A string literal whose bytes are not UTF-8, by its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
}

/// Checks every string literal of `text`; with `blobs`, the literal after the keyword `blob`
/// may hold any bytes (textual arguments), without, none may (a service).
pub fn check(text: &str, blobs: bool) -> Result<(), NotUtf8> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut i = 0;
    // Where the last word before the current position ended, to tell `blob "..."`.
    let mut last_word: &[u8] = b"";
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    line += usize::from(bytes[i] == b'\n');
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                let start_line = line;
                let (decoded, end, lines) = literal(bytes, i + 1);
                line += lines;
                i = end;
                let is_blob = blobs && last_word == b"blob";
                if !is_blob && std::str::from_utf8(&decoded).is_err() {
                    return Err(NotUtf8 { line: start_line });
                }
                last_word = b"";
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                last_word = &bytes[start..i];
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                last_word = b"";
                i += 1;
            }
        }
    }
    Ok(())
}

/// The bytes of the literal whose contents start at `i`, where it ends (after its closing
/// quote, or at the end of the text), and how many line breaks it holds.
fn literal(bytes: &[u8], mut i: usize) -> (Vec<u8>, usize, usize) {
    let mut decoded = Vec::new();
    let mut lines = 0;
    while i < bytes.len() && bytes[i] != b'"' {
        if bytes[i] != b'\\' {
            lines += usize::from(bytes[i] == b'\n');
            decoded.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
        if hex(bytes.get(i + 1)) && hex(bytes.get(i + 2)) {
            let digits = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
            decoded.push(u8::from_str_radix(digits, 16).unwrap_or(0));
            i += 3;
        } else {
            // `\n`, `\u{...}` and the like are UTF-8 once decoded; the library checks them.
            decoded.push(b'?');
            i += 2;
        }
    }
    (decoded, (i + 1).min(bytes.len()), lines)
}
