//! Fuzz target: program text through the parser, the checker and, when it checks, the
//! compiler (`minimo_testkit::source`). Text that is not UTF-8 is skipped: the CLI refuses it
//! before the compiler sees it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(why) = minimo_testkit::source::check_source(text) {
            panic!("{why}");
        }
    }
});
