//! Fuzz target: drun scripts through `minimo drun`'s reader and runner, with modules served
//! from memory (`minimo_testkit::drun`). The first byte picks the upgrade checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minimo_testkit::drun::{check_script_bytes, ScriptModules};

thread_local! {
    static MODULES: ScriptModules = ScriptModules::new();
}

fuzz_target!(|data: &[u8]| {
    MODULES.with(|modules| {
        if let Err(why) = check_script_bytes(modules, data) {
            panic!("{why}");
        }
    });
});
