//! Forms whose meaning the checker decides by types: text literals with byte escapes (a
//! `Blob` at type `Blob`, moc's M0049 at type `Text`), `{ a and b }` (an object combination
//! when the operands are objects, a `Bool` conjunction otherwise), type names in printed
//! types (shown only where they are in scope), and the message context of shared functions
//! (`shared (msg)`, `shared ({caller})`). Scripts run in the VM; errors are compared with
//! moc's codes and wording.

use super::run_scripts::prints;

fn errors(source: &str) -> Vec<(&'static str, String)> {
    minimo_compiler::check("test.mo", source)
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect()
}

#[test]
fn blob_literal_keeps_bytes_that_are_not_utf8() {
    assert_eq!(
        prints(r#"let b : Blob = "\00\ff\41"; b"#),
        vec![r#""\00\FF\41" : Blob"#]
    );
}

#[test]
fn text_literal_that_is_not_utf8_is_m0049() {
    assert_eq!(
        errors(r#"let t : Text = "a\ffb\n"; t"#),
        vec![(
            "M0049",
            r#"string literal "a\255b\n": is not valid utf8"#.to_string()
        )]
    );
}
