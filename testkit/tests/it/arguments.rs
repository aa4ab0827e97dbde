//! The canister property (`minimo_testkit::canister`): argument bytes of any shape, and
//! well-formed arguments drawn from the methods' own Candid types, sent to the fixtures.

use minimo_testkit::canister::{check_messages, Fixtures};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::config;

thread_local! {
    static FIXTURES: Fixtures = Fixtures::new();
}

#[test]
fn every_fixture_installs_and_answers_a_well_formed_message() {
    FIXTURES.with(|fixtures| {
        assert!(fixtures.all.len() >= 8);
        for (index, fixture) in fixtures.all.iter().enumerate() {
            assert!(
                !fixture.methods.is_empty(),
                "{} has no methods",
                fixture.name
            );
            // Choose this fixture, then bytes that pick well-formed arguments.
            let data = [index as u8, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
            if let Err(why) = check_messages(fixtures, &data) {
                panic!("{why}");
            }
        }
    });
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arguments_of_any_shape_end_in_a_reply_or_an_error_and_failures_change_nothing(
        data in prop::collection::vec(any::<u8>(), 0..768),
    ) {
        FIXTURES.with(|fixtures| check_messages(fixtures, &data))
            .map_err(TestCaseError::fail)?;
    }
}
