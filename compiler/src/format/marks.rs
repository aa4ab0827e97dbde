//! Layout marks: a document carried as one text. Generated code that prints a script's final
//! value cannot build a [`Doc`] itself, so it writes the value's text with these control
//! characters between the pieces, and the host turns the text back into a document. The
//! value printer escapes every character below 0x20 of the values it prints (texts, chars)
//! and prints blobs in hex, so a mark never comes from the data.
//!
//! The vocabulary is exactly the boxes and breaks of moc's value printer (`Format`'s
//! notation on the right).

use super::{BoxKind, Doc};

/// `@[<1>`: tuples, arrays, options, parentheses.
pub(crate) const OPEN_B1: char = '\u{01}';
/// `@[<hv 2>`: records.
pub(crate) const OPEN_HV2: char = '\u{02}';
/// `@[<2>`: one record field.
pub(crate) const OPEN_B2: char = '\u{03}';
/// `@[`: a variant with a payload.
pub(crate) const OPEN_B0: char = '\u{04}';
/// `@]`
pub(crate) const CLOSE: char = '\u{05}';
/// `@ `: after `,` and `;` and `=`.
pub(crate) const SPACE: char = '\u{06}';
/// `@;<0 0>`: after a record's `{`.
pub(crate) const CUT: char = '\u{07}';
/// `@;<0 -2>`: before a record's `}`.
pub(crate) const CUT_BACK2: char = '\u{08}';
/// `@;<0 1>`: between a variant's tag and its payload.
pub(crate) const CUT_IN1: char = '\u{0e}';

/// The document a marked text describes. Unknown control characters are kept as text.
pub(crate) fn parse(marked: &str) -> Doc {
    let mut doc = Doc::default();
    let mut text = String::new();
    for c in marked.chars() {
        let mark: Option<fn(&mut Doc)> = match c {
            OPEN_B1 => Some(|d| {
                d.open(BoxKind::B, 1);
            }),
            OPEN_HV2 => Some(|d| {
                d.open(BoxKind::HV, 2);
            }),
            OPEN_B2 => Some(|d| {
                d.open(BoxKind::B, 2);
            }),
            OPEN_B0 => Some(|d| {
                d.open(BoxKind::B, 0);
            }),
            CLOSE => Some(|d| {
                d.close();
            }),
            SPACE => Some(|d| {
                d.space();
            }),
            CUT => Some(|d| {
                d.cut();
            }),
            CUT_BACK2 => Some(|d| {
                d.brk(0, -2);
            }),
            CUT_IN1 => Some(|d| {
                d.brk(0, 1);
            }),
            _ => None,
        };
        match mark {
            Some(apply) => {
                if !text.is_empty() {
                    doc.text(&text);
                    text.clear();
                }
                apply(&mut doc);
            }
            None => text.push(c),
        }
    }
    if !text.is_empty() {
        doc.text(&text);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_text_lays_out_as_its_boxes_say() {
        let marked = format!("{OPEN_B1}(1,{SPACE}2){CLOSE}");
        assert_eq!(parse(&marked).render_at(80), "(1, 2)");
    }

    #[test]
    fn a_record_that_does_not_fit_puts_each_field_on_a_line() {
        let field = |name: &str| format!("{OPEN_B2}{name} ={SPACE}\"{}\"{CLOSE}", "x".repeat(30));
        let marked = format!(
            "{OPEN_HV2}{{{CUT}{};{SPACE}{}{CUT_BACK2}}}{CLOSE}",
            field("alpha"),
            field("beta")
        );
        let expected = format!(
            "{{\n  alpha = \"{x}\";\n  beta = \"{x}\"\n}}",
            x = "x".repeat(30)
        );
        assert_eq!(parse(&marked).render_at(80), expected);
    }
}
