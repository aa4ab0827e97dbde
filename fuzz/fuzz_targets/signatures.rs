//! Fuzz target: two texts (split at the first zero byte) through the `.most` and `.did`
//! readers and both halves of the upgrade check (`minimo_testkit::signatures`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = minimo_testkit::signatures::split_pair(data);
    if let Err(why) = minimo_testkit::signatures::check_pair(&old, &new) {
        panic!("{why}");
    }
});
