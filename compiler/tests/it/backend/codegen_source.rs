//! Motoko sources through the whole pipeline (parse, check, lower, emit) and run in the VM:
//! the same scenarios as the hand-built IR tests, written as users write them.

use candid::{Decode, Encode, Int, Nat};

use super::codegen_support::*;

fn compile(source: &str) -> Vec<u8> {
    match minimo_compiler::compile(
        "test.mo",
        source,
        &minimo_compiler::codegen::Options::default(),
    ) {
        Ok(compiled) => {
            if let Err(error) = wasmparser::Validator::new().validate_all(&compiled.wasm) {
                panic!("the emitted module does not validate: {error}");
            }
            compiled.wasm
        }
        Err(diagnostics) => panic!(
            "the program does not compile:\n{}",
            minimo_compiler::render(&diagnostics, "test.mo", source)
        ),
    }
}

fn up(method: &'static str) -> Step {
    Step::Update(method, NO_ARGS.to_vec())
}

const COUNTER: &str = r#"
actor Counter {
  stable var value : Nat = 0;
  var calls : Nat = 0;
  public func inc() : async Nat { value += 1; calls += 1; value };
  public query func calls_() : async Nat { calls };
};
"#;

#[test]
fn source_counter_counts_across_an_upgrade() {
    let v2 = COUNTER.replace("value += 1", "value += 3");
    let results = run_both(
        &compile(COUNTER),
        &[
            up("inc"),
            up("inc"),
            up("inc"),
            Step::Upgrade(compile(&v2)),
            up("inc"),
            up("inc"),
        ],
    );
    let values: Vec<Nat> = [0, 1, 2, 4, 5]
        .iter()
        .map(|index| decode_nat(&results[*index]))
        .collect();
    let expected: Vec<Nat> = [1u32, 2, 3, 6, 9].into_iter().map(Nat::from).collect();
    assert_eq!(values, expected);
}

#[test]
fn source_big_numbers_and_texts() {
    let source = r#"
actor {
  public query func square(n : Nat) : async Nat { n * n };
  public query func greet(name : Text) : async Text { "Hello, " # name # "!" };
  public query func diff(a : Int, b : Int) : async Int { a - b };
};
"#;
    let wasm = compile(source);
    let big = Nat::from(num_bigint::BigUint::from(1u32) << 100);
    let results = run_both(
        &wasm,
        &[
            Step::Query("square", Encode!(&big).expect("encodes")),
            Step::Query("greet", Encode!(&"you").expect("encodes")),
            Step::Query(
                "diff",
                Encode!(&Int::from(1), &Int::from(5)).expect("encodes"),
            ),
        ],
    );
    assert_eq!(
        decode_nat(&results[0]),
        Nat::from(num_bigint::BigUint::from(1u32) << 200)
    );
    assert_eq!(
        Decode!(reply(&results[1]), String).expect("text"),
        "Hello, you!"
    );
    assert_eq!(decode_int(&results[2]), Int::from(-4));
}

#[test]
fn source_nat_underflow_traps() {
    let source = r#"
actor {
  public func sub(a : Nat, b : Nat) : async Nat { a - b };
};
"#;
    let arg = Encode!(&Nat::from(1u32), &Nat::from(2u32)).expect("encodes");
    let results = run_both(&compile(source), &[Step::Update("sub", arg)]);
    assert!(error_message(&results[0]).contains("arithmetic overflow"));
}

#[test]
fn source_stable_variable_widens_from_nat_to_int_and_gains_a_neighbour() {
    let v1 = r#"
actor {
  stable var total : Nat = 10;
  flexible var hits : Nat = 0;
  public func add(n : Nat) : async Nat { total += n; hits += 1; total };
};
"#;
    let v2 = r#"
actor {
  stable var total : Int = 0;
  stable var name : Text = "fresh";
  public func sub(n : Int) : async Int { total -= n; total };
  public query func describe() : async (Text, Int) { (name, total) };
};
"#;
    let results = run_both(
        &compile(v1),
        &[
            Step::Update("add", Encode!(&Nat::from(5u32)).expect("encodes")),
            Step::Upgrade(compile(v2)),
            Step::Update("sub", Encode!(&Int::from(20)).expect("encodes")),
            Step::Query("describe", NO_ARGS.to_vec()),
        ],
    );
    assert_eq!(decode_nat(&results[0]), Nat::from(15u32));
    assert_eq!(decode_int(&results[2]), Int::from(-5));
    let described = Decode!(reply(&results[3]), String, Int).expect("two results");
    assert_eq!(described, ("fresh".to_string(), Int::from(-5)));
}

#[test]
fn source_int_to_nat_upgrade_is_rolled_back() {
    let v1 = r#"
actor {
  stable var total : Int = 0;
  public func dec() : async Int { total -= 1; total };
};
"#;
    let v2 = r#"
actor {
  stable var total : Nat = 0;
  public func dec() : async Nat { total };
};
"#;
    let results = run_both(
        &compile(v1),
        &[up("dec"), Step::Upgrade(compile(v2)), up("dec")],
    );
    assert!(error_message(&results[1]).contains("cannot convert"));
    assert_eq!(decode_int(&results[2]), Int::from(-2));
}
