//! Instruction counts of generated code, measured in the VM (wasmtime fuel, which counts Wasm
//! instructions much as the Internet Computer does). Run with
//! `cargo bench -p minimo-cli --bench instructions`; it prints one line per figure, so a
//! regression shows up as a changed number. The reference figures are moc 0.13.6's for the
//! same programs on the same kind of host (the goal is at most half of them). The VM is
//! configured as the `minimo` command configures it (progress reports on), so the figures are
//! those a user's messages are charged.

use std::path::Path;

use minimo_cli::vm_settings::{self, VmSettings};
use minimo_compiler::codegen;
use minimo_runtime::{Canister, Response, Vm};

fn main() {
    let vm =
        Vm::new(vm_settings::options(&VmSettings::default(), None, None)).expect("the VM starts");
    println!("{:<44} {:>16} {:>16}", "figure", "minimo", "moc 0.13.6");
    counter(&vm);
    sum_of_squares(&vm);
    stable_entries(&vm, "stable_entries.mo", "array", 10_000);
    stable_entries(&vm, "stable_list.mo", "recursive list", 10_000);
    stable_entries(&vm, "stable_list.mo", "recursive list", 100_000);
    hashmap_put(&vm);
    stable_registry(&vm);
}

fn program(name: &str) -> Result<Vec<u8>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/programs")
        .join(name);
    let source = std::fs::read_to_string(&path).map_err(|error| error.to_string())?;
    minimo_compiler::compile(name, &source, &codegen::Options::default())
        .map(|compiled| compiled.wasm)
        .map_err(|diagnostics| {
            minimo_compiler::render(&diagnostics, name, &source)
                .lines()
                .next()
                .unwrap_or("does not compile")
                .to_string()
        })
}

fn install(vm: &Vm, name: &str) -> Option<Canister> {
    match program(name) {
        Err(reason) => {
            println!("{name}: not measured yet ({reason})");
            None
        }
        Ok(wasm) => match Canister::install(vm, "bench", &wasm, b"DIDL\x00\x00") {
            (Ok(canister), _) => Some(canister),
            (Err(error), _) => {
                println!("{name}: install failed: {}: {}", error.code, error.message);
                None
            }
        },
    }
}

/// Instructions of one call, or None (printed) when it failed.
fn call(vm: &Vm, canister: &mut Canister, method: &str, arg: &[u8]) -> Option<u64> {
    let outcome = canister.update(vm, method, arg);
    match outcome.result {
        Ok(Response::Reply(_)) => Some(outcome.instructions),
        Ok(Response::Reject(message)) => {
            println!("{method}: rejected: {message}");
            None
        }
        Err(error) => {
            println!("{method}: {}: {}", error.code, error.message);
            None
        }
    }
}

fn row(figure: &str, minimo: impl std::fmt::Display, moc: &str) {
    println!("{figure:<44} {minimo:>16} {moc:>16}");
}

fn nat_arg(n: u64) -> Vec<u8> {
    let mut arg = b"DIDL\x00\x01\x7d".to_vec();
    let mut rest = n;
    loop {
        let byte = (rest & 0x7f) as u8;
        rest >>= 7;
        if rest == 0 {
            arg.push(byte);
            break;
        }
        arg.push(byte | 0x80);
    }
    arg
}

fn counter(vm: &Vm) {
    let Some(mut canister) = install(vm, "counter.mo") else {
        return;
    };
    let calls = 100;
    let mut total = 0;
    for _ in 0..calls {
        let Some(instructions) = call(vm, &mut canister, "inc", b"DIDL\x00\x00") else {
            return;
        };
        total += instructions;
    }
    row("counter: instructions per inc() call", total / calls, "-");
}

fn sum_of_squares(vm: &Vm) {
    let Some(mut canister) = install(vm, "sum_of_squares.mo") else {
        return;
    };
    let n = 10_000;
    let Some(empty) = call(vm, &mut canister, "run", &nat_arg(0)) else {
        return;
    };
    let Some(full) = call(vm, &mut canister, "run", &nat_arg(n)) else {
        return;
    };
    row(
        "s += i * i over Nat: instructions per iteration",
        (full - empty) / n,
        "~1,090",
    );
}

/// Fills the program's stable variable with `n` entries, upgrades to the same program, and
/// prints the figures only if `size()` then still answers `n`.
fn stable_entries(vm: &Vm, file: &str, shape: &str, n: u64) {
    let Some(wasm) = program(file).ok() else {
        let _ = install(vm, file);
        return;
    };
    let Some(mut canister) = install(vm, file) else {
        return;
    };
    if call(vm, &mut canister, "fill", &nat_arg(n)).is_none() {
        return;
    }
    let outcome = canister.upgrade(vm, &wasm, b"DIDL\x00\x00");
    if let Err(error) = outcome.result {
        println!(
            "upgrade of a {n}-entry {shape}: {}: {}",
            error.code, error.message
        );
        return;
    }
    let size = canister.query(vm, "size", b"DIDL\x00\x00");
    if size.result != Ok(Response::Reply(nat_arg(n))) {
        println!(
            "upgrade of a {n}-entry {shape}: size() afterwards answered {:?}",
            size.result
        );
        return;
    }
    let entries = with_separators(n);
    row(
        &format!("upgrade of {entries} (Text, Nat) {shape}: per entry"),
        outcome.instructions / n,
        "~1,950",
    );
    row(
        &format!("upgrade of {entries}-entry {shape}: instructions"),
        outcome.instructions,
        "-",
    );
    row(
        &format!("upgrade of {entries}-entry {shape}: stable bytes"),
        canister.stable_memory_size(),
        "-",
    );
}

/// `100000` as `100,000`.
fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn text_arg(text: &str) -> Vec<u8> {
    let mut arg = b"DIDL\x00\x01\x71".to_vec();
    arg.extend(nat_arg(text.len() as u64).split_off(7));
    arg.extend_from_slice(text.as_bytes());
    arg
}

fn hashmap_put(vm: &Vm) {
    let Some(mut canister) = install(vm, "hashmap_put.mo") else {
        return;
    };
    let n = 10_000;
    if call(vm, &mut canister, "prepare", &nat_arg(n)).is_none() {
        return;
    }
    let Some(total) = call(vm, &mut canister, "fill", b"DIDL\x00\x00") else {
        return;
    };
    row(
        "HashMap.put, Text keys, to 10,000: per put",
        total / n,
        "~4,000",
    );
}

/// The documentation's StableRegistry (examples/registry) with 10,000 registered names.
fn stable_registry(vm: &Vm) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/registry/stable_registry.mo");
    let name = "stable_registry.mo";
    let wasm = match std::fs::read_to_string(&path) {
        Ok(source) => match minimo_compiler::compile(name, &source, &codegen::Options::default()) {
            Ok(compiled) => compiled.wasm,
            Err(_) => {
                println!("{name}: not measured yet (does not compile)");
                return;
            }
        },
        Err(error) => {
            println!("{name}: {error}");
            return;
        }
    };
    let mut canister = match Canister::install(vm, "bench", &wasm, b"DIDL\x00\x00") {
        (Ok(canister), _) => canister,
        (Err(error), _) => {
            println!("{name}: install failed: {}: {}", error.code, error.message);
            return;
        }
    };
    let n = 10_000u64;
    let mut total = 0;
    for i in 0..n {
        let Some(instructions) = call(
            vm,
            &mut canister,
            "register",
            &text_arg(&format!("user-{i:05}")),
        ) else {
            return;
        };
        total += instructions;
    }
    row("StableRegistry: per register() call", total / n, "-");
    let outcome = canister.upgrade(vm, &wasm, b"DIDL\x00\x00");
    if let Err(error) = outcome.result {
        println!("StableRegistry upgrade: {}: {}", error.code, error.message);
        return;
    }
    row(
        "StableRegistry upgrade, 10,000 names: per name",
        outcome.instructions / n,
        "~1,950",
    );
    row(
        "StableRegistry upgrade, 10,000 names: instructions",
        outcome.instructions,
        "-",
    );
    row(
        "StableRegistry upgrade, 10,000 names: stable bytes",
        canister.stable_memory_size(),
        "-",
    );
}
