//! `Idempotency-Key`: replays, conflicts, what is not stored, concurrency, lost answers.

use cstar_mock::MockServer;
use serde_json::Value;

use crate::support::{Answer, create_ticket, http, sk, team_url};

async fn post_with_key(server: &MockServer, key: &str, body: &str) -> Answer {
    sk(server, "POST", "/tickets")
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
}

#[tokio::test]
async fn the_same_request_replays_the_first_answer_byte_for_byte() {
    let server = MockServer::start().await.unwrap();
    let first = post_with_key(&server, "k1", r#"{"title":"Once"}"#).await;
    assert_eq!(first.status, 201);
    assert!(first.header("idempotent-replayed").is_none());
    let second = post_with_key(&server, "k1", r#"{"title":"Once"}"#).await;
    assert_eq!(second.status, 201);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(second.bytes, first.bytes, "the stored body, meta included");
    assert_eq!(
        second.header("x-request-id"),
        first.header("x-request-id"),
        "the header names the request id in the replayed body"
    );
    assert!(second.header("x-ratelimit-remaining").is_some());
    assert_eq!(server.ticket_count(), 1);
    assert_eq!(server.events().len(), 1, "a replay publishes nothing");

    // Without a key, the same body creates again.
    sk(&server, "POST", "/tickets")
        .json(r#"{"title":"Once"}"#)
        .send()
        .await;
    assert_eq!(server.ticket_count(), 2);
}

#[tokio::test]
async fn another_request_with_a_used_key_is_409() {
    let server = MockServer::start().await.unwrap();
    let ticket = create_ticket(&server, r#"{"title":"Base"}"#).await;
    let id = ticket["id"].as_str().unwrap();
    post_with_key(&server, "k", r#"{"title":"A"}"#).await;
    let reused = [
        sk(&server, "POST", "/tickets").json(r#"{"title":"B"}"#),
        sk(&server, "POST", "/tickets").json(r#"{"title": "A"}"#),
        sk(&server, "PATCH", &format!("/tickets/{id}")).json(r#"{"title":"A"}"#),
        sk(&server, "POST", &format!("/tickets/{id}/messages")).json(r#"{"title":"A"}"#),
    ];
    for call in reused {
        let answer = call.header("idempotency-key", "k").send().await;
        assert_eq!(
            (answer.status, answer.code()),
            (409, "idempotency_key_reused")
        );
        assert_eq!(answer.body["error"]["type"], "invalid_request_error");
    }
    assert_eq!(server.ticket_count(), 2);
    assert_eq!(server.message_count(), 0);
    let unchanged = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert_eq!(unchanged.body["data"]["title"], "Base");
}

#[tokio::test]
async fn client_errors_are_stored_server_errors_are_not() {
    let server = MockServer::start().await.unwrap();
    let bad = post_with_key(&server, "bad", "{}").await;
    assert_eq!(bad.status, 400);
    let replayed = post_with_key(&server, "bad", "{}").await;
    assert_eq!(replayed.status, 400);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.bytes, bad.bytes);

    server.fail_next(1, 500);
    let failed = post_with_key(&server, "retry-me", r#"{"title":"Later"}"#).await;
    assert_eq!(failed.status, 500);
    let retried = post_with_key(&server, "retry-me", r#"{"title":"Later"}"#).await;
    assert_eq!(retried.status, 201, "a 5xx was not stored");
    assert!(retried.header("idempotent-replayed").is_none());
    assert_eq!(server.ticket_count(), 1);

    // A GET or DELETE ignores the header.
    let id = retried.id();
    for method in ["GET", "DELETE"] {
        let answer = sk(&server, method, &format!("/tickets/{id}"))
            .header("idempotency-key", "retry-me")
            .send()
            .await;
        assert_eq!(answer.status, 200, "{method}");
    }
}

#[tokio::test]
async fn concurrent_requests_with_one_key_create_one_ticket() {
    let server = MockServer::start().await.unwrap();
    let url = team_url(&server, "/tickets");
    let auth = format!("Bearer {}", server.secret_key());
    let sends = (0..10).map(|_| {
        let (url, auth) = (url.clone(), auth.clone());
        async move {
            http()
                .post(url)
                .header("authorization", auth)
                .header("idempotency-key", "same")
                .body(r#"{"title":"Once"}"#)
                .send()
                .await
                .unwrap()
        }
    });
    let answers = futures_util::future::join_all(sends).await;
    let mut ids = Vec::new();
    let mut replays = 0;
    for answer in answers {
        assert_eq!(answer.status(), 201);
        replays += usize::from(answer.headers().contains_key("idempotent-replayed"));
        let body: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        ids.push(body["data"]["id"].as_str().unwrap().to_owned());
    }
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert_eq!(replays, 9);
    assert_eq!(
        server.ticket_count(),
        1,
        "ten concurrent requests, one ticket"
    );
}

#[tokio::test]
async fn an_answer_lost_after_apply_is_replayed_on_retry() {
    let server = MockServer::start().await.unwrap();
    server.drop_response_after_apply_next(1);
    let lost = sk(&server, "POST", "/tickets")
        .header("idempotency-key", "lost")
        .json(r#"{"title":"Applied"}"#)
        .try_send()
        .await;
    assert!(lost.is_err(), "the connection was cut");
    assert_eq!(server.ticket_count(), 1, "but the ticket was created");
    let retry = post_with_key(&server, "lost", r#"{"title":"Applied"}"#).await;
    assert_eq!(retry.status, 201);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(retry.body["data"]["title"], "Applied");
    assert_eq!(server.ticket_count(), 1, "the retry did not duplicate");
}
