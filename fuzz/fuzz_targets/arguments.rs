//! Fuzz target: up to four messages with arguments of any shape to a freshly installed fixture
//! canister (`minimo_testkit::canister`). The fixtures are compiled once per process.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minimo_testkit::canister::{check_messages, Fixtures};

thread_local! {
    static FIXTURES: Fixtures = Fixtures::new();
}

fuzz_target!(|data: &[u8]| {
    FIXTURES.with(|fixtures| {
        if let Err(why) = check_messages(fixtures, data) {
            panic!("{why}");
        }
    });
});
