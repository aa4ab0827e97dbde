//! A class declares a type of the same name: generic in the class's type parameters, and
//! possibly recursive (its methods take and return the class's own type). These tests check
//! that such types agree inside and outside the class body, that messages name them as moc
//! does, and that programs using them run. They do not cover the code generator's record
//! layout, which the run tests exercise only through results.

use super::run_scripts::prints;

/// The errors of a program, as `code message` lines.
fn errors(source: &str) -> Vec<String> {
    minimo_compiler::check("test.mo", source)
        .into_iter()
        .filter(|d| d.severity == minimo_compiler::Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

const CELL: &str = "
    class Cell<X>(v : X) {
      var value = v;
      public func get() : X { value };
      public func copyFrom(other : Cell<X>) { value := other.get() };
      public func clone() : Cell<X> { Cell<X>(value) };
      public func pair(other : Cell<X>) : (Cell<X>, Cell<X>) { (clone(), other.clone()) };
    };
";

/// `Cell<Nat>` unfolded once, as messages print it.
const CELL_NAT: &str = "{clone : () -> Cell<Nat>; copyFrom : Cell<Nat> -> (); get : () -> Nat; pair : Cell<Nat> -> (Cell<Nat>, Cell<Nat>)}";

#[test]
fn a_class_type_may_mention_itself_in_its_methods() {
    let source = format!(
        "{CELL}
        let a = Cell<Nat>(1);
        let b : Cell<Nat> = a.clone();
        b.copyFrom(a.pair(b).1);
        let n : Nat = b.clone().clone().get();"
    );
    assert_eq!(errors(&source), Vec::<String>::new());
}

/// As moc's messages do, the name comes first and its unfolding after it; the unfolding
/// names the class again rather than unfolding it further.
#[test]
fn a_mismatch_names_the_class_type() {
    let source = format!("{CELL}\nlet n : Nat = Cell<Nat>(1).clone();");
    let expected =
        "M0096 expression of type\n  Cell<Nat> = BODY_NAT\ncannot produce expected type\n  Nat";
    assert_eq!(
        errors(&source),
        vec![expected.replace("BODY_NAT", CELL_NAT)]
    );
}

#[test]
fn class_types_at_different_arguments_differ() {
    let source = format!("{CELL}\nlet c : Cell<Text> = Cell<Nat>(1);");
    let expected = format!(
        "M0096 expression of type\n  Cell<Nat> = {CELL_NAT}\ncannot produce expected type\n  \
         Cell<Text> = {}",
        CELL_NAT.replace("Nat", "Text")
    );
    assert_eq!(errors(&source), vec![expected]);
}

#[test]
fn a_class_type_agrees_with_an_object_type_of_its_fields() {
    let source = "
        class Counter(start : Nat) {
          var n = start;
          public func get() : Nat { n };
          public func add(other : Counter) { n += other.get() };
        };
        type Getter = { get : () -> Nat };
        let g : Getter = Counter(3);
        let c : Counter = object {
          public func get() : Nat { 1 };
          public func add(other : Counter) {};
        };";
    assert_eq!(errors(source), Vec::<String>::new());
}

#[test]
fn a_generic_class_with_recursive_methods_runs() {
    let source = format!(
        "{CELL}
        let a = Cell<Text>(\"a\");
        let b = a.clone();
        b.copyFrom(Cell<Text>(\"b\"));
        a.get() # b.get()"
    );
    assert_eq!(prints(&source), vec!["\"ab\" : Text"]);
}

#[test]
fn a_class_taking_its_own_instances_runs() {
    let source = "
        class Counter(start : Nat) {
          var n = start;
          public func get() : Nat { n };
          public func add(other : Counter) { n += other.get() };
          public func clone() : Counter { Counter(n) };
        };
        let a = Counter(2);
        let b = a.clone();
        b.add(a);
        a.add(b);
        a.get()";
    assert_eq!(prints(source), vec!["6 : Nat"]);
}
