//! The Internet Computer System API (`ic0`), declared once.
//!
//! The code generator reads this table to emit a canister's imports, and the VM reads it to
//! register its host functions; a test in each crate asserts that both agree with it. Names and
//! signatures are those of the Internet Computer's interface specification (32-bit addresses
//! for the heap, 64-bit for stable memory). This crate holds declarations only: no behaviour.

/// A Wasm value type as it appears in an `ic0` signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValType {
    I32,
    I64,
}

/// One `ic0` function: its import name and its Wasm signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemFunction {
    pub name: &'static str,
    pub params: &'static [ValType],
    pub results: &'static [ValType],
}

/// The module name every System API import comes from.
pub const MODULE: &str = "ic0";

use ValType::{I32, I64};

const fn f(
    name: &'static str,
    params: &'static [ValType],
    results: &'static [ValType],
) -> SystemFunction {
    SystemFunction {
        name,
        params,
        results,
    }
}

/// Every System API function that minimo's canisters may import, in a fixed order.
///
/// The order is the import order of generated modules, so adding a function at the end keeps
/// earlier function indices stable.
pub const SYSTEM_API: &[SystemFunction] = &[
    f("msg_arg_data_size", &[], &[I32]),
    f("msg_arg_data_copy", &[I32, I32, I32], &[]),
    f("msg_caller_size", &[], &[I32]),
    f("msg_caller_copy", &[I32, I32, I32], &[]),
    f("msg_reply_data_append", &[I32, I32], &[]),
    f("msg_reply", &[], &[]),
    f("msg_reject", &[I32, I32], &[]),
    f("canister_self_size", &[], &[I32]),
    f("canister_self_copy", &[I32, I32, I32], &[]),
    f("debug_print", &[I32, I32], &[]),
    f("trap", &[I32, I32], &[]),
    f("stable64_size", &[], &[I64]),
    f("stable64_grow", &[I64], &[I64]),
    f("stable64_read", &[I64, I64, I64], &[]),
    f("stable64_write", &[I64, I64, I64], &[]),
    f("time", &[], &[I64]),
    f("performance_counter", &[I32], &[I64]),
];

/// Looks a System API function up by name.
pub fn lookup(name: &str) -> Option<&'static SystemFunction> {
    SYSTEM_API.iter().find(|function| function.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, a) in SYSTEM_API.iter().enumerate() {
            for b in &SYSTEM_API[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn stable_memory_functions_use_64_bit_addresses() {
        for name in ["stable64_read", "stable64_write"] {
            let function = lookup(name).expect("declared");
            assert_eq!(function.params, &[I64, I64, I64]);
        }
    }
}
