//! The cheat sheet's "Idempotent retries": one ticket however often a create is repeated.

use cstar_admin::{CreateTicket, Error, ErrorCode};
use cstar_e2e::{client, start_mock};

#[tokio::test]
async fn the_same_key_twice_creates_one_ticket() {
    let server = start_mock().await;
    let cstar = client(&server);
    let create = || {
        cstar
            .tickets()
            .create(CreateTicket::new("Refund order 1042"))
            .idempotency_key("refund-1042")
            .with_meta()
    };
    let (first, first_meta) = create().await.unwrap();
    let (second, second_meta) = create().await.unwrap();
    assert_eq!(first.id, second.id);
    assert!(!first_meta.idempotent_replay);
    assert!(second_meta.idempotent_replay);
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn the_same_key_for_another_request_is_a_conflict() {
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .tickets()
        .create(CreateTicket::new("One"))
        .idempotency_key("k-1")
        .await
        .unwrap();
    let err = cstar
        .tickets()
        .create(CreateTicket::new("Another"))
        .idempotency_key("k-1")
        .await
        .unwrap_err();
    let Error::Conflict(api) = &err else {
        panic!("expected Conflict, got {err:?}")
    };
    assert_eq!(api.code(), Some(&ErrorCode::IdempotencyKeyReused));
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn calls_without_a_key_get_distinct_generated_keys() {
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .tickets()
        .create(CreateTicket::new("Same title"))
        .await
        .unwrap();
    cstar
        .tickets()
        .create(CreateTicket::new("Same title"))
        .await
        .unwrap();
    let keys: Vec<_> = server
        .requests()
        .iter()
        .filter_map(|r| r.header("idempotency-key"))
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1], "two logical creates are two creates");
    assert_eq!(server.ticket_count(), 2);
}

#[tokio::test]
async fn a_response_lost_after_the_server_applied_it_is_replayed_not_duplicated() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.drop_response_after_apply_next(1);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Lost answer"))
        .await
        .unwrap();
    assert_eq!(ticket.title, "Lost answer");
    assert_eq!(
        server.ticket_count(),
        1,
        "the retry replayed the stored answer"
    );
    let keys: Vec<_> = server
        .requests()
        .iter()
        .filter_map(|r| r.header("idempotency-key"))
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "the generated key is reused by the retry");
}
