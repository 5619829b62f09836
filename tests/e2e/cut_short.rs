//! A response cut mid-body, over real HTTP: the emulator sends the head and part of the body,
//! then aborts the connection. The SDK names that (the connection closed early, with the
//! request id the head carried), not a decoding failure.

use cstar_admin::{CreateTicket, Error, RetryPolicy};
use cstar_e2e::{client_builder, start_mock};

#[tokio::test]
async fn a_body_cut_short_is_a_connection_closed_error_with_the_request_id() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    server.drop_connection_next(1);
    let err = cstar.tickets().list(Default::default()).await.unwrap_err();
    let Error::ConnectionClosed(closed) = &err else {
        panic!("expected ConnectionClosed, got {err:?}");
    };
    assert_eq!(closed.status, 200);
    let id = closed
        .request_id
        .as_deref()
        .expect("the head carried a request id");
    assert!(id.starts_with("req_"), "{id}");
    assert_eq!(err.request_id(), Some(id));
    assert_eq!(err.status(), Some(200));
    assert!(err.is_retryable());
    let shown = err.to_string();
    assert!(
        shown.contains("connection closed before the whole response"),
        "{shown}"
    );
    assert!(shown.contains(id), "{shown}");
    assert!(!shown.contains("decoding"), "{shown}");
    assert!(
        std::error::Error::source(&err).is_some(),
        "the transport error is kept"
    );
}

#[tokio::test]
async fn a_mutation_cut_after_it_applied_keeps_its_key_and_a_retry_replays() {
    let server = start_mock().await;
    let once = client_builder(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    server.drop_response_after_apply_next(1);
    let err = once
        .tickets()
        .create(CreateTicket::new("Half answered"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ConnectionClosed(_)), "{err:?}");
    let key = err
        .idempotency_key()
        .expect("every POST carries a key")
        .to_owned();
    assert_eq!(server.ticket_count(), 1, "the server applied it");
    let again = once
        .tickets()
        .create(CreateTicket::new("Half answered"))
        .idempotency_key(&key)
        .await
        .unwrap();
    assert_eq!(again.title, "Half answered");
    assert_eq!(
        server.ticket_count(),
        1,
        "the repeat replayed, created nothing"
    );
}
