//! Candid text read on the host (`candid_text`, `candid_strings`): what `candid_parser` is
//! never given, and how its errors are told.

use minimo_cli::candid_text::parse_args;
use minimo_cli::upgrade_check::{candid_findings, CheckResult};

#[test]
fn a_blob_literal_may_hold_bytes_that_are_not_utf8() {
    let args = parse_args(r#"(blob "\ff\00\c3")"#).expect("a blob of any bytes");
    assert_eq!(args.to_string(), r#"(blob "\ff\00\c3")"#);
}

#[test]
fn a_text_literal_whose_bytes_are_not_utf8_is_refused_at_its_line() {
    let error = parse_args("(\n  \"ok\",\n  \"\\ff\"\n)").expect_err("refused");
    assert_eq!(
        error,
        "the arguments cannot be read: line 3: a text literal whose bytes are not UTF-8"
    );
}

#[test]
fn a_text_literal_of_escaped_utf8_bytes_is_read() {
    let args = parse_args(r#"("\c3\a9t\c3\a9")"#).expect("UTF-8 written as bytes");
    assert_eq!(args.to_string(), r#"("été")"#);
}

#[test]
fn a_parse_error_names_its_line_and_column_and_the_text_there() {
    let error = parse_args("(1,\n  ,)").expect_err("refused");
    assert!(
        error.starts_with(
            "the arguments are not valid textual Candid: line 2, column 3: unexpected `,`"
        ),
        "{error}"
    );
}

/// Found by the long run of the `signatures` fuzz target: `candid_parser` builds a string
/// token from `\xx` escapes without checking UTF-8, and formatting its parse error for such
/// a token panicked inside the upgrade check.
#[test]
fn an_installed_service_with_a_string_that_is_not_utf8_is_not_checked_and_says_why() {
    let findings = candid_findings("service : \"\\ff\\fe\"", "service : {}");
    let CheckResult::Unchecked(why) = findings else {
        panic!("{findings:?}");
    };
    assert_eq!(
        why,
        "the installed module's Candid service cannot be compared: line 1: a text literal \
         whose bytes are not UTF-8"
    );
}
