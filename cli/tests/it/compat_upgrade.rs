//! Safe upgrades end to end: `minimo deploy`, `minimo upgrade` and `minimo drun
//! --check-upgrades` refusing or accepting upgrades by their stable and Candid findings, and
//! the canister's state afterwards.

use std::path::{Path, PathBuf};

use crate::support::{stderr, Sandbox};

const AGE_INT: &str = "actor {
  stable var age : Int = 41;
  public func birthday() : async Int { age += 1; age };
  public func get() : async Int { age };
}";

const AGE_NAT: &str = "actor {
  stable var age : Nat = 0;
  public func birthday() : async Nat { age += 1; age };
  public func get() : async Nat { age };
}";

const AGE_AND_NAME: &str = "actor {
  stable var age : Int = 41;
  stable var name : Text = \"Ada\";
  public func birthday() : async Int { age += 1; age };
  public func get() : async Int { age };
  public func getName() : async Text { name };
}";

/// The same interface without `age`: the stable variable is dropped.
const NAME_ONLY: &str = "actor {
  stable var name : Text = \"nobody\";
  public func birthday() : async Int { 0 };
  public func get() : async Int { 0 };
  public func getName() : async Text { name };
}";

/// `age` declared again: it starts from its initializer if its data was dropped.
const AGE_AGAIN: &str = "actor {
  stable var age : Int = 7;
  stable var name : Text = \"nobody\";
  public func birthday() : async Int { age += 1; age };
  public func get() : async Int { age };
  public func getName() : async Text { name };
}";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn an_upgrade_from_int_to_nat_is_refused_with_or_without_yes_and_explained() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let v1 = write(dir, "v1.mo", AGE_INT);
    let v2 = write(dir, "v2.mo", AGE_NAT);
    sandbox.ok(&["deploy", arg(&v1), "--name", "person"]);
    assert_eq!(sandbox.ok(&["call", "person", "birthday"]), "(42 : int)");
    for extra in [&[][..], &["--yes"][..]] {
        let mut args = vec!["upgrade", "person", arg(&v2)];
        args.extend_from_slice(extra);
        let output = sandbox.minimo(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let text = stderr(&output);
        assert!(text.contains("[M0170]"), "{text}");
        assert!(
            text.contains(
                "stable variable age: its type changed from Int to Nat, and Int is not a subtype of Nat (a negative Int has no Nat value)"
            ),
            "{text}"
        );
        assert!(text.contains("upgrade refused"), "{text}");
        assert!(text.contains("no flag overrides this"), "{text}");
    }
    assert_eq!(sandbox.ok(&["call", "person", "get"]), "(42 : int)");
}

#[test]
fn a_data_loss_upgrade_needs_yes_and_then_drops_only_that_variable() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let v1 = write(dir, "v1.mo", AGE_AND_NAME);
    let v2 = write(dir, "v2.mo", NAME_ONLY);
    let v3 = write(dir, "v3.mo", AGE_AGAIN);
    sandbox.ok(&["deploy", arg(&v1), "--name", "person"]);
    assert_eq!(sandbox.ok(&["call", "person", "birthday"]), "(42 : int)");

    let refused = sandbox.minimo(&["upgrade", "person", arg(&v2)]);
    assert_eq!(refused.status.code(), Some(1));
    let text = stderr(&refused);
    assert!(text.contains("[M0169]"), "{text}");
    assert!(text.contains("the upgrade drops its data"), "{text}");
    assert!(text.contains("--yes"), "{text}");
    assert_eq!(sandbox.ok(&["call", "person", "get"]), "(42 : int)");

    let accepted = sandbox.minimo(&["upgrade", "person", arg(&v2), "--yes"]);
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr(&accepted));
    assert!(stderr(&accepted).contains("upgrade accepted: 1 warning confirmed with --yes"));
    assert_eq!(sandbox.ok(&["call", "person", "getName"]), "(\"Ada\")");

    // Declaring `age` again brings back its initializer, not the old 42: the data is gone.
    sandbox.ok(&["upgrade", "person", arg(&v3)]);
    assert_eq!(sandbox.ok(&["call", "person", "get"]), "(7 : int)");
    assert_eq!(sandbox.ok(&["call", "person", "getName"]), "(\"Ada\")");
}

#[test]
fn an_upgrade_report_has_a_heading_per_check_and_a_verdict() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let v1 = write(dir, "v1.mo", AGE_AND_NAME);
    let v2 = write(dir, "v2.mo", NAME_ONLY);
    sandbox.ok(&["deploy", arg(&v1), "--name", "person"]);
    let text = stderr(&sandbox.minimo(&["upgrade", "person", arg(&v2)]));
    let stable = text.find("Stable variables (checked against");
    let candid = text.find("Candid interface (checked against");
    let verdict = text.find("upgrade refused:");
    assert!(
        stable.is_some() && candid.is_some() && verdict.is_some(),
        "{text}"
    );
    assert!(stable < candid && candid < verdict, "{text}");
}

fn drun(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.minimo(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn drun_checks_upgrades_only_when_asked() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    write(dir, "v1.mo", AGE_INT);
    write(dir, "v2.mo", AGE_NAT);
    let script = write(
        dir,
        "script.drun",
        "install $ID v1.mo \"\"\n\
         ingress $ID birthday \"DIDL\\x00\\x00\"\n\
         upgrade $ID v2.mo \"\"\n\
         ingress $ID get \"DIDL\\x00\\x00\"\n",
    );
    let checked = drun(&sandbox, &["drun", "--check-upgrades", arg(&script)]);
    assert!(
        checked.contains("ingress Err: upgrade refused: the new program cannot take over"),
        "{checked}"
    );
    assert!(checked.contains("stable variable age: its type changed from Int to Nat"));
    // (42 : int) is 4449444c00017c2a: the canister kept its code and its value.
    assert!(
        checked
            .trim_end()
            .ends_with("ingress Completed: Reply: 0x4449444c00017c2a"),
        "{checked}"
    );
    let unchecked = drun(&sandbox, &["drun", arg(&script)]);
    assert!(!unchecked.contains("refused"), "{unchecked}");
}
