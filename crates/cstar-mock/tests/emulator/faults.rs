//! Injected faults: each kind, order, scope, and that faulted requests are recorded.

use std::time::{Duration, Instant};

use cstar_mock::{Fault, MockServer};

use crate::support::{Call, sk};

#[tokio::test]
async fn fail_answers_the_status_with_a_matching_envelope_unapplied() {
    let server = MockServer::start().await.unwrap();
    server.fail_next(1, 500);
    server.fail_next(1, 503);
    server.inject(Fault::Fail { status: 404 });
    for (status, type_, code) in [
        (500, "api_error", "internal_error"),
        (503, "api_error", "service_unavailable"),
        (404, "not_found_error", "resource_missing"),
    ] {
        let answer = sk(&server, "POST", "/tickets")
            .json(r#"{"title":"x"}"#)
            .send()
            .await;
        assert_eq!(answer.status, status);
        assert_eq!(answer.body["error"]["type"], type_);
        assert_eq!(answer.code(), code);
        assert_eq!(
            answer.body["error"]["request_id"],
            answer.header("x-request-id").unwrap()
        );
    }
    assert_eq!(server.ticket_count(), 0);
    let statuses: Vec<Option<u16>> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [Some(500), Some(503), Some(404)],
        "faulted requests are recorded"
    );
    let ok = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"x"}"#)
        .send()
        .await;
    assert_eq!(ok.status, 201, "faults are consumed");
}

#[tokio::test]
async fn delay_stalls_one_request_without_stalling_the_others() {
    let server = MockServer::start().await.unwrap();
    server.delay_next(1, Duration::from_millis(400));
    let slow_server = server.clone();
    let slow = tokio::spawn(async move {
        let started = Instant::now();
        let answer = sk(&slow_server, "POST", "/tickets")
            .json(r#"{"title":"Slow"}"#)
            .send()
            .await;
        (answer.status, started.elapsed(), Instant::now())
    });
    // Let the slow request arrive and take the fault first.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let fast = sk(&server, "GET", "/tickets").send().await;
    let fast_done = Instant::now();
    assert_eq!(fast.status, 200);
    assert_eq!(
        fast.body["pagination"]["total"], 0,
        "the slow create is still waiting"
    );
    let (status, slow_took, slow_done) = slow.await.unwrap();
    assert_eq!(status, 201, "handled normally after the wait");
    assert!(slow_took >= Duration::from_millis(400), "{slow_took:?}");
    assert!(fast_done < slow_done, "the sleep held no lock");
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn set_delay_stalls_every_request_until_lifted() {
    let server = MockServer::start().await.unwrap();
    server.set_delay(Some(Duration::from_millis(300)));
    for _ in 0..2 {
        let started = Instant::now();
        assert_eq!(sk(&server, "GET", "/tickets").send().await.status, 200);
        assert!(started.elapsed() >= Duration::from_millis(300));
    }
    server.set_delay(None);
    let started = Instant::now();
    sk(&server, "GET", "/tickets").send().await;
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn drop_connection_cuts_the_body_and_applies_nothing() {
    let server = MockServer::start().await.unwrap();
    server.drop_connection_next(1);
    let cut = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"Never"}"#)
        .try_send()
        .await;
    assert!(cut.is_err(), "the body ended early");
    assert_eq!(server.ticket_count(), 0);
    assert_eq!(server.requests()[0].status, Some(200));

    // The same, observed at the byte level: 200 headers, a promised length, part of a body.
    server.drop_connection_next(1);
    let mut response = crate::support::http()
        .get(crate::support::team_url(&server, "/tickets"))
        .header("authorization", format!("Bearer {}", server.secret_key()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    let promised = response.content_length().unwrap();
    let part = response.chunk().await.unwrap().unwrap();
    assert!(part.starts_with(b"{\"success\":true"), "{part:?}");
    assert!((part.len() as u64) < promised);
    assert!(
        response.chunk().await.is_err(),
        "then the connection is cut"
    );
}

#[tokio::test]
async fn drop_response_after_apply_applies_then_cuts() {
    let server = MockServer::start().await.unwrap();
    server.drop_response_after_apply_next(1);
    let cut = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"Applied"}"#)
        .try_send()
        .await;
    assert!(cut.is_err());
    assert_eq!(server.ticket_count(), 1);
    assert_eq!(server.events().len(), 1);
    assert_eq!(server.requests()[0].status, Some(201));
}

#[tokio::test]
async fn malformed_body_is_200_with_broken_json() {
    let server = MockServer::start().await.unwrap();
    server.malformed_body_next(1);
    let answer = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"x"}"#)
        .send()
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert!(answer.header("x-request-id").unwrap().starts_with("req_"));
    assert!(!answer.bytes.is_empty());
    assert!(serde_json::from_slice::<serde_json::Value>(&answer.bytes).is_err());
    assert_eq!(server.ticket_count(), 0);
}

#[tokio::test]
async fn rate_limit_fault_is_a_429_with_retry_after() {
    let server = MockServer::start().await.unwrap();
    server.rate_limit_next(1, 7);
    let answer = sk(&server, "GET", "/tickets").send().await;
    assert_eq!((answer.status, answer.code()), (429, "rate_limit_exceeded"));
    assert_eq!(answer.header("retry-after"), Some("7"));
    assert_eq!(answer.body["error"]["retryAfter"], 7);
    assert_eq!(
        answer.body["error"]["message"],
        "Rate limit exceeded. Try again in 7 seconds."
    );
}

#[tokio::test]
async fn faults_are_fifo_for_api_paths_only_and_can_be_cleared() {
    let server = MockServer::start().await.unwrap();
    server.fail_next(1, 502);
    server.rate_limit_next(1, 1);
    // A path outside /api/ neither takes nor suffers a fault.
    let outside = Call::new("GET", format!("{}/health", server.base_url()))
        .send()
        .await;
    assert_eq!((outside.status, outside.code()), (404, "route_not_found"));
    // Nor does a control route.
    let state = Call::new("GET", crate::support::control_url(&server, "state"))
        .send()
        .await;
    assert_eq!(state.status, 200);
    assert_eq!(state.body["faultsQueued"], 2);
    // Unauthenticated API requests still take them, in order.
    let first = Call::new("GET", crate::support::team_url(&server, "/tickets"))
        .send()
        .await;
    assert_eq!(first.status, 502);
    let second = Call::new("GET", crate::support::team_url(&server, "/tickets"))
        .send()
        .await;
    assert_eq!(second.status, 429);

    server.fail_next(3, 500);
    server.clear_faults();
    assert_eq!(sk(&server, "GET", "/tickets").send().await.status, 200);
}
