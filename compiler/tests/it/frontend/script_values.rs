//! The final value of a script as moc's interpreter prints it: its value printer (signs,
//! escapes, parentheses) and its layout (`@[<hv 2>value :@ type@]` at 80 columns, with the
//! boxes of each value). The expected texts are what moc 0.13.6 prints for these programs.

use super::run_scripts::prints;

/// The last line group a script prints: its final value.
fn result(source: &str) -> String {
    prints(source).pop().unwrap_or_default()
}

#[test]
fn a_short_result_is_value_colon_type_on_one_line() {
    assert_eq!(result("let x = 2; x + 3"), "5 : Nat");
}

#[test]
fn int_has_no_plus_sign_but_fixed_width_signed_ints_do() {
    let source = "(7 : Int, -7 : Int, 5 : Int8, -5 : Int8, 0 : Int8, 1000000)";
    assert_eq!(
        result(source),
        "(7, -7, +5, -5, 0, 1_000_000) : (Int, Int, Int8, Int8, Int8, Nat)"
    );
}

#[test]
fn an_option_parenthesizes_a_signed_number_an_option_and_a_variant() {
    let source = "(?(-7 : Int), ?(5 : Int8), ?(-1.5), ?(?7), ?null, ?(#a : {#a}), ?(1 : Int))";
    assert_eq!(
        result(source),
        "(?(-7), ?(+5), ?-1.5, ?(?7), ?null, ?(#a), ?1) :\n  \
         (?Int, ?Int8, ?Float, ??Nat, ?Null, ?{#a}, ?Int)"
    );
}

#[test]
fn texts_and_chars_are_escaped() {
    let source = "(\"\\u{1}\\u{7f}é日本\", '\\n', '\\'', \"\\\\\", \"a'b\", \"q\\\"uote\\n\\t\")";
    assert_eq!(
        result(source),
        "(\"\\u{01}\\u{7f}\\u{e9}\\u{65e5}\\u{672c}\", '\\n', '\\'', \"\\\\\", \"a\\'b\",\n \
         \"q\\\"uote\\n\\t\") :\n  (Text, Char, Char, Text, Text, Text)"
    );
}

#[test]
fn a_blob_shows_every_byte_in_hex_and_floats_have_digit_groups() {
    let source = "let b : Blob = \"\\00\\01ab\"; (b, 0.1, 100.0, 1.5e300, 2e-5)";
    assert_eq!(
        result(source),
        "(\"\\00\\01\\61\\62\", 0.100_000_000_000_000_01, 100, 1.500_000_000_000_000_1e+300,\n \
         2.000_000_000_000_000_2e-05) :\n  (Blob, Float, Float, Float, Float)"
    );
}

#[test]
fn a_box_opened_past_column_68_starts_a_new_line_after_its_separator() {
    // `Format` cannot open a box beyond its maximum indentation: the line breaks where the
    // box opens, after the space that followed the comma (moc prints that space too).
    let source = "let b : Blob = \"\\00\\01ab\"; \
                  (b, 0.1, 100.0, 1.5e300, 2e-5, (1 : Int64), (-1 : Int64), 4294967295 : Nat32, \
                  ?null, [?1, null], ())";
    assert_eq!(
        result(source),
        "(\"\\00\\01\\61\\62\", 0.100_000_000_000_000_01, 100, 1.500_000_000_000_000_1e+300,\n \
         2.000_000_000_000_000_2e-05, +1, -1, 4_294_967_295, ?null, [?1, null], \n \
         ()) :\n  (Blob, Float, Float, Float, Float, Int64, Int64, Nat32, ?Null, [?Nat], ())"
    );
}

#[test]
fn a_record_too_long_for_a_line_puts_each_field_on_its_own_line() {
    let source = "let r = {alpha = \"aaaaaaaaaaaaaaaaaaaa\"; beta = \"bbbbbbbbbbbbbbbbbbbbbbbb\"; \
                  gamma = {delta = \"dddddddddddddddd\"; eps = [1, 2, 3]}; zeta = ?{x = 1}}; r";
    assert_eq!(
        result(source),
        "{\n  alpha = \"aaaaaaaaaaaaaaaaaaaa\";\n  beta = \"bbbbbbbbbbbbbbbbbbbbbbbb\";\n  \
         gamma = {delta = \"dddddddddddddddd\"; eps = [1, 2, 3]};\n  zeta = ?{x = 1}\n} :\n  \
         {\n    alpha : Text;\n    beta : Text;\n    gamma : {delta : Text; eps : [Nat]};\n    \
         zeta : ?{x : Nat}\n  }"
    );
}

#[test]
fn records_in_an_array_break_inside_the_array_box() {
    let source = "type P = {name : Text; age : Nat; email : Text; tags : [Text]}; \
                  let ps : [P] = [{name = \"Alice Liddell\"; age = 30; email = \"alice@example.com\"; \
                  tags = [\"a\", \"b\"]}, {name = \"Bob\"; age = 40; email = \"bob@example.org\"; \
                  tags = []}]; ps";
    assert_eq!(
        result(source),
        "[{\n   age = 30;\n   email = \"alice@example.com\";\n   name = \"Alice Liddell\";\n   \
         tags = [\"a\", \"b\"]\n }, {age = 40; email = \"bob@example.org\"; name = \"Bob\"; tags = []}] :\n  [P]"
    );
}

#[test]
fn a_variant_payload_breaks_after_the_tag() {
    let source = "type Tree = {#leaf; #node : (Tree, Nat, Tree)}; \
                  let t : Tree = #node(#node(#leaf, 1, #leaf), 2, #node(#node(#leaf, 3, #leaf), 4, \
                  #node(#leaf, 5, #node(#leaf, 6, #leaf)))); t";
    assert_eq!(
        result(source),
        "#node\n (#node(#leaf, 1, #leaf), 2,\n  \
         #node(#node(#leaf, 3, #leaf), 4, #node(#leaf, 5, #node(#leaf, 6, #leaf)))) :\n  \
         {#leaf; #node : (Tree, Nat, Tree)}"
    );
}

#[test]
fn mutable_arrays_and_functions_print_as_moc_prints_them() {
    assert_eq!(result("[var 1, 2]"), "[var 1, 2] : [var Nat]");
    assert_eq!(result("(func (x : Nat) : Nat = x)"), "<func> : Nat -> Nat");
}

#[test]
fn a_let_bound_alias_is_unfolded_and_a_nested_one_is_not() {
    let source = "type P = {x : Nat; y : Nat}; type L = ?(Nat, L); \
                  let p : P = {x = 1; y = 2}; let ps : [P] = [p]; let l : L = ?(1, null); \
                  var v : P = p; (p, ps, l, v)";
    assert_eq!(
        result(source),
        "({x = 1; y = 2}, [{x = 1; y = 2}], ?(1, null), {x = 1; y = 2}) :\n  \
         ({x : Nat; y : Nat}, [P], ?(Nat, L), P)"
    );
}

#[test]
fn a_script_ending_with_unit_prints_unit() {
    assert_eq!(
        prints("import Debug \"mo:base/Debug\"; Debug.print(\"hi\");"),
        vec!["hi", "() : ()"]
    );
    assert_eq!(prints("var y = 2; y := 3;"), vec!["() : ()"]);
}

#[test]
fn a_script_ending_with_a_declaration_prints_what_it_binds() {
    assert_eq!(result("let x = 1;"), "1 : Nat");
    assert_eq!(result("let (a, b) = (1, 2);"), "(1, 2) : (Nat, Nat)");
    assert_eq!(result("func f() {};"), "<func> : () -> ()");
    assert_eq!(
        result("let o = object { public let a = 1; public func f() : Nat { 2 } };"),
        "{a = 1; f = <func>} : {a : Nat; f : () -> Nat}"
    );
}
