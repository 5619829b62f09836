//! CORS: browsers may call the customer-facing routes, streams included; admin routes refuse them.

use std::time::Duration;

use cstar_mock::MockServer;

use crate::support::{Call, http, team_url};

const ORIGIN: &str = "https://app.example.com";

fn preflight<'a>(url: String, method: &str) -> Call<'a> {
    Call::new("OPTIONS", url)
        .header("origin", ORIGIN)
        .header("access-control-request-method", method)
        .header(
            "access-control-request-headers",
            "authorization, content-type, idempotency-key",
        )
}

#[tokio::test]
async fn a_preflight_of_a_customer_facing_route_is_answered() {
    let server = MockServer::start().await.unwrap();
    let base = server.base_url();
    server.fail_next(1, 503);
    let answer = preflight(format!("{base}/api/chat/acme/conversations"), "POST")
        .send()
        .await;
    assert_eq!(answer.status, 204);
    assert!(answer.bytes.is_empty());
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(answer.header("vary"), Some("Origin"));
    assert_eq!(
        answer.header("access-control-allow-methods"),
        Some("GET, POST, OPTIONS")
    );
    let allowed = answer.header("access-control-allow-headers").unwrap();
    for name in [
        "Authorization",
        "Content-Type",
        "Idempotency-Key",
        "Last-Event-ID",
        "Accept",
        "Cache-Control",
    ] {
        assert!(allowed.contains(name), "{name} in {allowed}");
    }
    assert!(answer.header("access-control-max-age").is_some());
    // The preflight met no fault and is in the log; the queued fault waits for the API call.
    let logged = server.requests();
    assert_eq!(
        (logged[0].method.as_str(), logged[0].status),
        ("OPTIONS", Some(204))
    );
    assert_eq!(logged[0].fault, None);
    let next = Call::new("GET", format!("{base}/api/library/acme/categories"))
        .send()
        .await;
    assert_eq!(next.status, 503);
    assert!(server.unexpected_requests().is_empty());
}

#[tokio::test]
async fn a_cross_origin_get_carries_the_cors_headers_and_exposes_the_request_id() {
    let server = MockServer::start().await.unwrap();
    let url = format!("{}/api/library/acme/articles", server.base_url());
    let answer = Call::new("GET", url.clone())
        .header("origin", ORIGIN)
        .send()
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        answer.header("access-control-allow-credentials"),
        Some("true")
    );
    let exposed = answer.header("access-control-expose-headers").unwrap();
    for name in [
        "X-Request-Id",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "Retry-After",
    ] {
        assert!(exposed.contains(name), "{name} in {exposed}");
    }
    assert!(answer.header("x-request-id").is_some());
    // Errors carry them too, or a browser app could not read why it failed.
    let missing = Call::new(
        "GET",
        format!("{}/api/library/acme/articles/nope", server.base_url()),
    )
    .header("origin", ORIGIN)
    .send()
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("access-control-allow-origin"), Some(ORIGIN));
    // Without an Origin (a server-side client) nothing changes.
    let plain = Call::new("GET", url).send().await;
    assert_eq!(plain.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_chat_stream_is_readable_cross_origin() {
    let server = MockServer::start().await.unwrap();
    let chat = format!("{}/api/chat/acme", server.base_url());
    let session = Call::new("POST", format!("{chat}/sessions"))
        .header("origin", ORIGIN)
        .send()
        .await;
    assert_eq!(session.status, 201);
    assert_eq!(session.header("access-control-allow-origin"), Some(ORIGIN));
    let token = session.body["data"]["sessionToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let conversation = Call::new("POST", format!("{chat}/conversations"))
        .key(&token)
        .header("origin", ORIGIN)
        .json(r#"{"subject":"Help","message":"Hello"}"#)
        .send()
        .await;
    assert_eq!(conversation.status, 201, "{}", conversation.body);
    let id = conversation.id();
    let mut stream = http()
        .get(format!("{chat}/conversations/{id}/stream"))
        .bearer_auth(&token)
        .header("origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    let headers = stream.headers();
    assert_eq!(headers["content-type"], "text/event-stream");
    assert_eq!(headers["access-control-allow-origin"], ORIGIN);
    assert!(
        headers["access-control-expose-headers"]
            .to_str()
            .unwrap()
            .contains("X-Request-Id")
    );
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("the greeting in time")
        .unwrap()
        .unwrap();
    assert!(first.starts_with(b": connected"), "{first:?}");
}

#[tokio::test]
async fn admin_routes_refuse_browsers() {
    let server = MockServer::start().await.unwrap();
    let tickets = team_url(&server, "/tickets");
    server.fail_next(1, 503);
    let answer = preflight(tickets.clone(), "POST").send().await;
    assert_eq!((answer.status, answer.code()), (403, "cors_not_allowed"));
    assert_eq!(answer.header("access-control-allow-origin"), None);
    assert_eq!(answer.body["error"]["type"], "authentication_error");
    let write = Call::new("POST", tickets.clone())
        .key(server.secret_key())
        .header("origin", ORIGIN)
        .json(r#"{"title":"From a browser"}"#)
        .send()
        .await;
    assert_eq!((write.status, write.code()), (403, "cors_not_allowed"));
    assert_eq!(write.header("access-control-allow-origin"), None);
    assert_eq!(server.ticket_count(), 0, "a refused request is not applied");
    let whoami = Call::new("GET", format!("{}/api/v1/auth/whoami", server.base_url()))
        .key(server.secret_key())
        .header("origin", ORIGIN)
        .send()
        .await;
    assert_eq!(whoami.status, 403);
    // Refusals are logged, but met no fault and used no rate limit.
    let statuses: Vec<Option<u16>> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(403); 3]);
    let server_side = Call::new("GET", tickets)
        .key(server.secret_key())
        .send()
        .await;
    assert_eq!(server_side.status, 503, "the queued fault is still there");
    let retried = Call::new("GET", team_url(&server, "/tickets"))
        .key(server.secret_key())
        .send()
        .await;
    assert_eq!(retried.header("x-ratelimit-remaining"), Some("999"));
}

#[tokio::test]
async fn only_configured_origins_are_allowed_when_some_are() {
    let server = MockServer::builder()
        .cors_origin("https://good.example")
        .start()
        .await
        .unwrap();
    let url = format!("{}/api/library/acme/categories", server.base_url());
    let good = Call::new("GET", url.clone())
        .header("origin", "https://good.example")
        .send()
        .await;
    assert_eq!(
        good.header("access-control-allow-origin"),
        Some("https://good.example")
    );
    let other = Call::new("GET", url.clone())
        .header("origin", ORIGIN)
        .send()
        .await;
    assert_eq!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), None);
    let refused = preflight(url, "GET").send().await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, "cors_origin_not_allowed")
    );
    assert_eq!(refused.header("access-control-allow-origin"), None);
}
