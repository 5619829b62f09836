//! Fixed vectors and every way a delivery can be wrong.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

use std::time::Duration;

use cstar_webhook::{
    EventData, EventType, Verified, Verifier, WebhookError, construct_event, sign, sign_legacy,
    verify_signature,
};

/// The vector of spec/webhooks.md §5.4, computed with openssl and Python independently of this
/// crate.
const SECRET: &str = "whsec_test_secret";
const T: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"id":"evt_test","type":"ticket.created"}"#;
const HEADER: &str =
    "t=1700000000,v1=0329f7066d74403f6cecfcd403bdfad0549ce0e277ea41c16a3e2d796684cfb9";
const LEGACY: &str = "sha256=c2f203a25e68d255a5a32840878b4e68062b6989ae1168e99e8daf7113b2b548";

fn verifier() -> Verifier {
    Verifier::new(SECRET).unwrap()
}

fn name(err: &WebhookError) -> String {
    format!("{err:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_documented_vectors_verify() {
    assert_eq!(
        verifier().verify_at(BODY, HEADER, T).unwrap(),
        Verified::Timestamped { timestamp: T }
    );
    assert_eq!(
        verifier().verify_at(BODY, LEGACY, T).unwrap(),
        Verified::Legacy
    );
    assert_eq!(sign(BODY, SECRET, T), HEADER);
    assert_eq!(sign_legacy(BODY, SECRET), LEGACY);
    let event = verifier().construct_event_at(BODY, HEADER, T + 10).unwrap();
    assert_eq!(
        (event.id.as_str(), &event.event_type),
        ("evt_test", &EventType::TicketCreated)
    );
}

#[test]
fn every_negative_case_names_its_check() {
    let stale = T - 301;
    let cases: Vec<(&str, Vec<u8>, String, i64, &str)> = vec![
        (
            "wrong secret",
            BODY.to_vec(),
            sign(BODY, "whsec_other", T),
            T,
            "SignatureMismatch",
        ),
        (
            "tampered body",
            br#"{"id":"evt_test","type":"ticket.deleted"}"#.to_vec(),
            HEADER.into(),
            T,
            "SignatureMismatch",
        ),
        (
            "whitespace added to body",
            [BODY, b" "].concat(),
            HEADER.into(),
            T,
            "SignatureMismatch",
        ),
        (
            "stale timestamp",
            BODY.to_vec(),
            sign(BODY, SECRET, stale),
            T,
            "TimestampTooOld",
        ),
        (
            "future timestamp",
            BODY.to_vec(),
            sign(BODY, SECRET, T + 301),
            T,
            "TimestampInFuture",
        ),
        (
            "missing t",
            BODY.to_vec(),
            HEADER.replace("t=1700000000,", ""),
            T,
            "MissingTimestamp",
        ),
        (
            "missing v1",
            BODY.to_vec(),
            "t=1700000000".into(),
            T,
            "MissingSignature",
        ),
        (
            "truncated signature",
            BODY.to_vec(),
            HEADER[..HEADER.len() - 6].into(),
            T,
            "MalformedSignature",
        ),
        (
            "garbage header",
            BODY.to_vec(),
            "hello world".into(),
            T,
            "MalformedHeader",
        ),
        (
            "empty header",
            BODY.to_vec(),
            String::new(),
            T,
            "MissingHeader",
        ),
        (
            "t changed after signing",
            BODY.to_vec(),
            HEADER.replace("1700000000", "1700000001"),
            T,
            "SignatureMismatch",
        ),
        (
            "legacy, wrong secret",
            BODY.to_vec(),
            sign_legacy(BODY, "whsec_other"),
            T,
            "SignatureMismatch",
        ),
    ];
    for (what, body, header, now, expected) in cases {
        let err = verifier().verify_at(&body, &header, now).unwrap_err();
        assert_eq!(name(&err), expected, "{what}: {err}");
        let text = err.to_string();
        assert!(
            !text.contains(SECRET),
            "{what}: the message repeats the secret"
        );
    }
    assert!(matches!(Verifier::new(""), Err(WebhookError::EmptySecret)));
    assert!(matches!(
        verify_signature(BODY, HEADER, ""),
        Err(WebhookError::EmptySecret)
    ));
}

#[test]
fn a_mismatch_reminds_to_pass_the_raw_body() {
    let err = verifier().verify_at(b"{}", HEADER, T).unwrap_err();
    assert!(err.to_string().contains("raw request body"), "{err}");
}

#[test]
fn the_window_is_inclusive_and_configurable() {
    assert!(verifier().verify_at(BODY, HEADER, T + 300).is_ok());
    assert!(verifier().verify_at(BODY, HEADER, T - 300).is_ok());
    assert!(verifier().verify_at(BODY, HEADER, T + 301).is_err());
    let strict = verifier().tolerance(Duration::from_secs(5));
    let err = strict.verify_at(BODY, HEADER, T + 6).unwrap_err();
    assert!(
        matches!(
            err,
            WebhookError::TimestampTooOld {
                age_secs: 6,
                tolerance_secs: 5
            }
        ),
        "{err:?}"
    );
    // Legacy headers carry no time, so the window does not apply to them.
    assert!(strict.verify_at(BODY, LEGACY, T + 100_000).is_ok());
    // Extreme clocks do not overflow.
    assert!(verifier().verify_at(BODY, HEADER, i64::MIN).is_err());
    assert!(
        verifier()
            .verify_at(BODY, "t=-9223372036854775808,v1=00", i64::MAX)
            .is_err()
    );
}

#[test]
fn rotation_any_v1_and_any_secret() {
    let old = sign(BODY, "whsec_old", T);
    let new = sign(BODY, "whsec_new", T);
    let both = format!("{old},{}", new.split_once(',').unwrap().1);
    let new_only = Verifier::new("whsec_new").unwrap();
    assert!(
        new_only.verify_at(BODY, &both, T).is_ok(),
        "the second v1 matches"
    );
    assert!(new_only.verify_at(BODY, &old, T).is_err());
    let rotating = Verifier::new("whsec_new").unwrap().with_secret("whsec_old");
    assert!(
        rotating.verify_at(BODY, &old, T).is_ok(),
        "the old secret still verifies"
    );
    assert!(rotating.verify_at(BODY, &new, T).is_ok());
}

#[test]
fn whitespace_around_parts_is_tolerated() {
    let spaced = HEADER
        .replace(',', " ,  ")
        .replace("t=", " t = ")
        .replace("v1=", "v1 = ");
    assert!(verifier().verify_at(BODY, &spaced, T).is_ok(), "{spaced}");
    assert!(
        verifier()
            .verify_at(BODY, &format!("  {LEGACY}  "), T)
            .is_ok()
    );
}

#[test]
fn a_valid_signature_over_a_non_event_is_an_invalid_payload() {
    let body = b"not json";
    let header = sign(body, SECRET, T);
    let err = verifier().construct_event_at(body, &header, T).unwrap_err();
    assert!(matches!(err, WebhookError::InvalidPayload(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn construct_event_uses_the_clock() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let header = sign(BODY, SECRET, now);
    assert!(construct_event(BODY, &header, SECRET).is_ok());
    assert!(matches!(
        construct_event(BODY, HEADER, SECRET),
        Err(WebhookError::TimestampTooOld { .. })
    ));
}

#[test]
fn secrets_are_redacted_in_debug() {
    let secret = "whsec_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
    let shown = format!(
        "{:?}",
        Verifier::new(secret).unwrap().with_secret("whsec_short")
    );
    assert!(!shown.contains("Zm9vYmFyYmF6cXV4MTIzNDU2"), "{shown}");
    assert!(
        shown.contains("whsec_…OTA") || shown.contains("whsec_…k1Ng") || shown.contains("whsec_…"),
        "{shown}"
    );
    assert!(!shown.contains("short"), "{shown}");
}

#[test]
fn typed_data_for_ticket_customer_and_article_events() {
    let verify = |body: &str| {
        let header = sign(body.as_bytes(), SECRET, T);
        verifier()
            .construct_event_at(body.as_bytes(), &header, T)
            .unwrap()
    };
    let updated = verify(
        r#"{"id":"evt_ticket_updated_1_abc","type":"ticket.updated","created_at":"2026-04-27T18:42:11.000Z",
            "team_id":"t","data":{"ticket":{"id":"tkt_1","prefixed_id":"CST-1024","status":"closed","priority":"urgent",
            "channel":"widget","dashboard_url":"https://x","future_field":1},
            "customer":{"id":"cus_1","name":"Ada","email":"ada@example.com"},
            "changes":{"status":{"from":"open","to":"closed"},"assigned_to":{"from":null,"to":"mem_1"}}}}"#,
    );
    let EventData::Ticket(ticket) = updated.typed() else {
        panic!()
    };
    assert_eq!(ticket.ticket.prefixed_id.as_deref(), Some("CST-1024"));
    assert_eq!(
        ticket.ticket.status,
        cstar_webhook::types::TicketStatus::Closed
    );
    assert_eq!(
        ticket.ticket.priority,
        cstar_webhook::types::Priority::Urgent
    );
    assert_eq!(ticket.changes["status"].from, "open");
    assert_eq!(ticket.changes["assigned_to"].to, "mem_1");
    assert_eq!(ticket.customer.unwrap().email, "ada@example.com");

    let message = verify(
        r#"{"id":"e","type":"ticket.message_added","data":{"ticket":{"id":"tkt_1"},"message":{"id":"msg_1","content":"hi","sender":"customer"}}}"#,
    );
    let EventData::Ticket(with_message) = message.typed() else {
        panic!()
    };
    let added = with_message.message.unwrap();
    assert_eq!(added.content, "hi");
    assert_eq!(added.sender, cstar_webhook::types::Sender::Customer);

    let customer = verify(
        r#"{"id":"e","type":"customer.deleted","data":{"customer":{"id":"cus_9","name":"Bo"}}}"#,
    );
    assert!(
        matches!(customer.typed(), EventData::Customer(c) if c.customer.id.as_str() == "cus_9")
    );

    let article = verify(
        r#"{"id":"e","type":"article.published","data":{"article":{"id":"art_1","status":"published"}}}"#,
    );
    assert!(matches!(article.typed(), EventData::Article(a) if a.article.id.as_str() == "art_1"));

    let boss = verify(r#"{"id":"e","type":"boss.defeated","data":{"boss":{"name":"Backlog"}}}"#);
    assert_eq!(boss.event_type, EventType::BossDefeated);
    assert!(matches!(boss.typed(), EventData::Other(v) if v["boss"]["name"] == "Backlog"));

    let legacy = verify(r#"{"id":"e","type":"achievement.unlocked","data":{}}"#);
    assert_eq!(legacy.event_type, EventType::AchievementUnlocked);

    let unknown = verify(r#"{"id":"e","type":"robot.uprising","data":{"x":1}}"#);
    assert_eq!(
        unknown.event_type,
        EventType::Unknown("robot.uprising".into())
    );
    assert_eq!(unknown.event_type.to_string(), "robot.uprising");

    let broken = verify(r#"{"id":"e","type":"ticket.created","data":{"nope":true}}"#);
    // A ticket event without its ticket is not guessed at, and not dropped either: it arrives
    // with its id, type and raw data, and says why it cannot be read.
    let EventData::Unreadable { raw, error } = broken.typed() else {
        panic!("a ticket event without its ticket reads as Unreadable")
    };
    assert_eq!(broken.id, "e");
    assert_eq!(broken.event_type, EventType::TicketCreated);
    assert_eq!(raw, serde_json::json!({"nope": true}));
    assert!(error.contains("ticket"), "{error}");
}

#[cfg(feature = "http")]
#[test]
fn reads_the_header_from_a_header_map() {
    let mut headers = http::HeaderMap::new();
    assert!(matches!(
        verifier().construct_event_from_headers(BODY, &headers),
        Err(WebhookError::MissingHeader)
    ));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    headers.insert("x-signature", sign(BODY, SECRET, now).parse().unwrap());
    assert_eq!(
        verifier()
            .construct_event_from_headers(BODY, &headers)
            .unwrap()
            .id,
        "evt_test"
    );
}
