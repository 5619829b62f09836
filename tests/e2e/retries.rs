//! The retry policy against real failures: what is retried, what is not, and what it waits.

use std::time::{Duration, Instant};

use cstar_admin::{CreateTicket, Error, ErrorCode, RetryPolicy};
use cstar_e2e::{client, client_builder, start_mock};

#[tokio::test]
async fn two_503s_then_success_is_retried_with_one_key() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.fail_next(2, 503);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Flaky"))
        .await
        .unwrap();
    assert_eq!(ticket.title, "Flaky");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let keys: Vec<_> = requests
        .iter()
        .map(|r| r.header("idempotency-key"))
        .collect();
    assert!(keys[0].is_some() && keys.iter().all(|k| *k == keys[0]));
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn server_errors_give_up_after_max_retries() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.fail_next(10, 500);
    let err = cstar.tickets().get("tkt_x").await.unwrap_err();
    assert!(matches!(err, Error::Server(_)), "{err:?}");
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.requests().len(), 4, "1 attempt + 3 retries");
    server.clear_faults();

    server.fail_next(1, 503);
    let err = cstar
        .tickets()
        .get("tkt_x")
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(err.is_retryable());
    assert_eq!(server.requests().len(), 5, "max_retries(0) sends once");
}

#[tokio::test]
async fn a_429_waits_the_given_retry_after() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.rate_limit_next(1, 1);
    let started = Instant::now();
    cstar
        .tickets()
        .create(CreateTicket::new("Patient"))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}, less than Retry-After",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn a_429_asking_for_longer_than_the_cap_is_returned_at_once() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.rate_limit_next(1, 120);
    let err = cstar.tickets().list(Default::default()).await.unwrap_err();
    assert!(err.is_rate_limited());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(err.code(), Some(&ErrorCode::RateLimitExceeded));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let server = start_mock().await;
    let cstar = client(&server);
    let err = cstar
        .tickets()
        .create(CreateTicket::new(""))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let server = start_mock().await;
    let cstar = client(&server);
    server.drop_connection_next(1);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Survivor"))
        .await
        .unwrap();
    assert_eq!(ticket.title, "Survivor");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.ticket_count(), 1);

    server.drop_connection_next(10);
    let err = cstar.tickets().list(Default::default()).await.unwrap_err();
    // The head arrived each time: an answer cut short, not a network failure before one.
    assert!(matches!(err, Error::ConnectionClosed(_)), "{err:?}");
    assert!(
        std::error::Error::source(&err).is_some(),
        "the transport error is kept"
    );
    server.clear_faults();
}

#[tokio::test]
async fn a_stalled_server_gives_a_timeout() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    server.set_delay(Some(Duration::from_secs(3)));
    let err = cstar.tickets().list(Default::default()).await.unwrap_err();
    server.set_delay(None);
    let Error::Timeout { timeout, .. } = &err else {
        panic!("expected Timeout, got {err:?}")
    };
    assert_eq!(*timeout, Duration::from_millis(200));
    assert!(err.is_timeout() && err.is_retryable());

    // A per-call timeout overrides the client's.
    server.delay_next(1, Duration::from_millis(500));
    let slow_ok = cstar
        .tickets()
        .list(Default::default())
        .timeout(Duration::from_secs(5))
        .await;
    assert!(slow_ok.is_ok(), "{slow_ok:?}");
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_with_the_request_id() {
    let server = start_mock().await;
    let cstar = client(&server);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Garbled"))
        .await
        .unwrap();
    server.malformed_body_next(1);
    // With no retry allowed, the garbled answer reaches the caller.
    let err = cstar
        .tickets()
        .get(&ticket.id)
        .max_retries(0)
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.status, 200);
    assert!(
        decode
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req_"))
    );
    assert!(!decode.excerpt.is_empty());
    assert_eq!(err.request_id(), decode.request_id.as_deref());
    assert!(err.to_string().contains("req_"), "{err}");
    assert_eq!(
        server.requests().len(),
        2,
        "a malformed success is not retried"
    );
}
