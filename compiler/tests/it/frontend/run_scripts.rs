//! Scripts compiled by the front end and run in the VM: closures, objects, classes, loops
//! with labels, `for` over iterators. Each test checks the debug prints of the install,
//! which runs the whole script.

use minimo_runtime::{Canister, Vm};

/// Compiles and runs a script; its debug prints (the final value laid out as `minimo run`
/// prints it), or the error the install ended with.
pub(super) fn run(source: &str) -> Result<Vec<String>, String> {
    let compiled = match minimo_compiler::compile("test.mo", source, &Default::default()) {
        Ok(compiled) => compiled,
        Err(errors) => panic!("{}", minimo_compiler::render(&errors, "test.mo", source)),
    };
    assert!(compiled.script, "a script");
    if let Err(error) = wasmparser::Validator::new().validate_all(&compiled.wasm) {
        panic!("the emitted module does not validate: {error}");
    }
    let vm = match Vm::new(minimo_runtime::Options::default()) {
        Ok(vm) => vm,
        Err(error) => panic!("the VM starts: {error:?}"),
    };
    let (result, mut prints) = Canister::install(&vm, "script", &compiled.wasm, b"DIDL\x00\x00");
    if let (Ok(_), Some(printer), Some(last)) = (&result, &compiled.result, prints.last_mut()) {
        *last = printer.render(last);
    }
    match result {
        Ok(_) => Ok(prints),
        Err(error) => Err(format!("{error:?} after {prints:?}")),
    }
}

pub(super) fn prints(source: &str) -> Vec<String> {
    match run(source) {
        Ok(prints) => prints,
        Err(error) => panic!("the script failed: {error}"),
    }
}

#[test]
fn final_expression_is_printed_with_its_type() {
    assert_eq!(prints("let x = 2; x + 3"), vec!["5 : Nat"]);
}

#[test]
fn closure_counter_shares_a_captured_var() {
    let source = "
        func makeCounter(start : Nat) : (() -> Nat, () -> ()) {
          var n = start;
          (func () : Nat { n += 1; n }, func () { n := start })
        };
        let (next, reset) = makeCounter(10);
        ignore next();
        ignore next();
        reset();
        next()";
    assert_eq!(prints(source), vec!["11 : Nat"]);
}

#[test]
fn recursive_local_function_calls_itself() {
    let source = "
        func fact(n : Nat) : Nat { if (n == 0) 1 else n * fact(n - 1) };
        fact(10)";
    assert_eq!(prints(source), vec!["3_628_800 : Nat"]);
}

#[test]
fn functions_are_passed_and_returned() {
    let source = "
        func twice(f : Int -> Int) : Int -> Int { func (x : Int) : Int { f(f(x)) } };
        let add3 = func (x : Int) : Int { x + 3 };
        twice(add3)(1)";
    assert_eq!(prints(source), vec!["7 : Int"]);
}

#[test]
fn object_methods_share_private_state() {
    let source = "
        let account = object {
          var balance : Int = 100;
          public func deposit(n : Nat) : Int { balance += n; balance };
        };
        ignore account.deposit(5);
        account.deposit(10)";
    assert_eq!(prints(source), vec!["115 : Int"]);
}

#[test]
fn class_instances_have_their_own_state() {
    let source = "
        class Counter(start : Nat) {
          var count = start;
          public func inc() : Nat { count += 1; count };
        };
        let a = Counter(0);
        let b = Counter(10);
        ignore a.inc();
        (a.inc(), b.inc())";
    assert_eq!(prints(source), vec!["(2, 11) : (Nat, Nat)"]);
}

#[test]
fn labelled_break_and_continue_leave_the_right_loop() {
    let source = "
        var pairs = 0;
        label outer for (a in [1, 2, 3, 4].vals()) {
          label inner for (b in [1, 2, 3, 4].vals()) {
            if (b > a) continue outer;
            if (a == 4) break outer;
            pairs += 1;
          };
        };
        var n = 0;
        label forever loop { n += 1; if (n == 5) break forever };
        let r = label compute : Nat { for (k in [10, 20, 30].vals()) { if (k > 15) break compute (k * 2) }; 0 };
        (pairs, n, r)";
    assert_eq!(prints(source), vec!["(6, 5, 40) : (Nat, Nat, Nat)"]);
}

#[test]
fn for_runs_over_any_iterator_object() {
    let source = "
        class Range(lo : Nat, hi : Nat) {
          var i = lo;
          public func next() : ?Nat { if (i > hi) null else { i += 1; ?(i - 1) } };
        };
        var sum = 0;
        for (x in Range(1, 4)) { sum += x };
        sum";
    assert_eq!(prints(source), vec!["10 : Nat"]);
}

#[test]
fn script_actor_methods_are_awaited_directly() {
    let source = "
        actor Bank {
          var total = 0;
          public func deposit(n : Nat) : async Nat { total += n; total };
        };
        ignore await Bank.deposit(5);
        await Bank.deposit(7)";
    assert_eq!(prints(source), vec!["12 : Nat"]);
}

#[test]
fn sibling_local_functions_are_mutually_recursive() {
    let source = "
        func isEven(n : Nat) : Bool { if (n == 0) true else isOdd(n - 1) };
        func isOdd(n : Nat) : Bool { if (n == 0) false else isEven(n - 1) };
        (isEven(10), isOdd(7), isEven(3))";
    assert_eq!(
        prints(source),
        vec!["(true, true, false) : (Bool, Bool, Bool)"]
    );
}

#[test]
fn class_method_calls_a_method_declared_after_it() {
    let source = "
        class Store() {
          var items = 0;
          public func put() = ignore replace();
          public func replace() : Nat { items += 1; items };
          public func size() : Nat = items;
        };
        let s = Store();
        s.put();
        s.put();
        s.size()";
    assert_eq!(prints(source), vec!["2 : Nat"]);
}

#[test]
fn module_function_uses_a_later_class_of_the_module() {
    let source = "
        module M {
          public func make(n : Nat) : Cell = Cell(n);
          public class Cell(n : Nat) { public func get() : Nat = n };
        };
        M.make(7).get()";
    assert_eq!(prints(source), vec!["7 : Nat"]);
}

#[test]
fn calling_a_function_whose_later_dependency_has_not_run_traps() {
    let source = "
        module M {
          public func a() : Nat = b();
          public let early = a();
          func b() : Nat = 1;
        };
        M.early";
    let error = run(source).expect_err("the early call traps");
    assert!(
        error.contains("a function was called before its declaration was evaluated"),
        "{error}"
    );
}

#[test]
fn direct_use_of_a_later_local_function_is_reported_unsupported() {
    let source = "let x = f(); func f() : Nat = 1; x";
    let errors = match minimo_compiler::compile("test.mo", source, &Default::default()) {
        Ok(_) => panic!("the program lowers"),
        Err(errors) => minimo_compiler::render(&errors, "test.mo", source),
    };
    assert!(
        errors.contains("a use of a local function before its declaration has run"),
        "{errors}"
    );
}

#[test]
fn debug_show_parenthesizes_option_payloads_with_a_sign() {
    // moc's output for these lines.
    let source = r#"import Debug "mo:base/Debug";
        Debug.print(debug_show (?(5 : Int), ?(-5 : Int), ?(1.5), ?(-1.5), ?(0 : Int), ?(3 : Int8), ?(-3 : Int8)));
        Debug.print(debug_show (?(?(-1 : Int)), ?null, [?(2 : Int)], ?{a = -1 : Int}));"#;
    assert_eq!(
        prints(source),
        vec![
            "(?(+5), ?(-5), ?1.5, ?(-1.5), ?0, ?(+3), ?(-3))",
            "(?(?(-1)), ?null, [?(+2)], ?{a = -1})",
            "() : ()"
        ]
    );
}

#[test]
fn script_actor_method_awaits_another_method_of_the_same_actor() {
    let source = "
        actor Bank {
          var balance : Nat = 100;
          public func withdraw(n : Nat) : async Nat { balance -= n; balance };
          public func twice(n : Nat) : async Nat { ignore await withdraw(n); await withdraw(n) };
        };
        await Bank.twice(10)";
    assert_eq!(prints(source), vec!["80 : Nat"]);
}
