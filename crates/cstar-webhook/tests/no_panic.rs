//! No input makes verification panic: arbitrary bodies, headers, secrets and clocks.

#![allow(clippy::unwrap_used, reason = "tests")]

use cstar_webhook::{Verifier, sign};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            any::<char>(),
            Just('='),
            Just(','),
            Just('t'),
            Just('v'),
            Just('1'),
            Just(' '),
            proptest::char::range('0', '9'),
            proptest::char::range('a', 'f'),
        ],
        0..160,
    )
    .prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_input_never_panics(body in any::<Vec<u8>>(), header in text(), secret in text(), now in any::<i64>()) {
        if let Ok(verifier) = Verifier::new(secret.as_str()) {
            let _ = verifier.verify_at(&body, &header, now);
            let _ = verifier.construct_event_at(&body, &header, now);
        }
    }

    #[test]
    fn a_signed_body_always_verifies_and_any_flipped_byte_fails(
        body in any::<Vec<u8>>(), secret in proptest::collection::vec(proptest::char::range('a', 'z'), 1..20).prop_map(String::from_iter), t in 0i64..4_000_000_000, flip in any::<usize>()
    ) {
        let header = sign(&body, secret.as_str(), t);
        let verifier = Verifier::new(secret.as_str()).unwrap();
        prop_assert!(verifier.verify_at(&body, &header, t).is_ok());
        if !body.is_empty() {
            let mut tampered = body.clone();
            let at = flip % tampered.len();
            tampered[at] ^= 0x01;
            prop_assert!(verifier.verify_at(&tampered, &header, t).is_err());
        }
    }
}
