//! The `/__cstar_mock/` control routes, over HTTP as another language would use them.

use cstar_mock::MockServer;
use serde_json::json;

use crate::support::{Call, control_url, sk};

async fn control(
    server: &MockServer,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> crate::support::Answer {
    let mut call = Call::new(method, control_url(server, path));
    if let Some(body) = body {
        call = call.json(body);
    }
    call.send().await
}

#[tokio::test]
async fn every_fault_kind_can_be_queued_over_http() {
    let server = MockServer::start().await.unwrap();
    let kinds = [
        (r#"{"kind":"fail","status":503,"count":2}"#, 2),
        (r#"{"kind":"delay","ms":10}"#, 1),
        (r#"{"kind":"drop_connection","count":1}"#, 1),
        (r#"{"kind":"drop_response_after_apply","count":1}"#, 1),
        (r#"{"kind":"malformed_body","count":1}"#, 1),
        (r#"{"kind":"rate_limit","retry_after":1,"count":1}"#, 1),
    ];
    let mut pending = 0;
    for (body, count) in kinds {
        let queued = control(&server, "POST", "faults", Some(body)).await;
        pending += count;
        assert_eq!(queued.status, 200, "{body}");
        assert_eq!(queued.body, json!({"queued": count, "pending": pending}));
    }
    let get = |server: &MockServer| sk(server, "GET", "/tickets").try_send();
    assert_eq!(get(&server).await.unwrap().status, 503);
    assert_eq!(get(&server).await.unwrap().status, 503);
    assert_eq!(
        get(&server).await.unwrap().status,
        200,
        "delayed, then served"
    );
    assert!(get(&server).await.is_err(), "dropped");
    assert!(get(&server).await.is_err(), "dropped after apply");
    assert!(get(&server).await.unwrap().body.is_null(), "malformed");
    assert_eq!(get(&server).await.unwrap().status, 429);
    assert_eq!(get(&server).await.unwrap().status, 200);

    for bad in [
        r#"{"kind":"explode"}"#,
        r#"{"kind":"fail"}"#,
        r#"{"kind":"fail","status":200}"#,
        r#"{"kind":"delay","ms":-1}"#,
        "not json",
    ] {
        let answer = control(&server, "POST", "faults", Some(bad)).await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "parameter_invalid"),
            "{bad}"
        );
    }
    control(
        &server,
        "POST",
        "faults",
        Some(r#"{"kind":"fail","status":500,"count":5}"#),
    )
    .await;
    let cleared = control(&server, "DELETE", "faults", None).await;
    assert_eq!(cleared.body, json!({"pending": 0}));
    assert_eq!(get(&server).await.unwrap().status, 200);
}

#[tokio::test]
async fn state_requests_events_and_reset() {
    let server = MockServer::start().await.unwrap();
    let created = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"Logged"}"#)
        .send()
        .await;
    let id = created.id();
    sk(&server, "POST", &format!("/tickets/{id}/messages"))
        .json(r#"{"content":"hi"}"#)
        .send()
        .await;
    sk(&server, "GET", "/nowhere").send().await;

    let state = control(&server, "GET", "state", None).await;
    assert_eq!(
        state.body,
        json!({"tickets": 1, "messages": 1, "customers": 0, "articles": 0, "categories": 0,
               "webhooks": 0, "events": 2, "deliveries": 0, "requests": 3,
               "unexpectedRequests": 1, "faultsQueued": 0})
    );
    let log = control(&server, "GET", "requests?x=1", None).await;
    let requests = log.body["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3, "control routes are not recorded");
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(requests[0]["body"], r#"{"title":"Logged"}"#);
    assert_eq!(requests[0]["status"], 201);
    assert!(
        requests[0]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "authorization")
    );
    assert_eq!(log.body["unexpected"].as_array().unwrap().len(), 1);
    let events = control(&server, "GET", "events", None).await;
    assert_eq!(events.body["events"].as_array().unwrap().len(), 2);

    let reset = control(&server, "POST", "reset", None).await;
    assert_eq!(reset.body, json!({"reset": true}));
    assert_eq!(server.ticket_count(), 0);
    assert_eq!(server.message_count(), 0);
    assert!(server.requests().is_empty());
    assert!(server.unexpected_requests().is_empty());
    assert!(server.events().is_empty());
    let gone = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn config_changes_limits_layout_and_delay() {
    let server = MockServer::start().await.unwrap();
    let updated = control(
        &server,
        "POST",
        "config",
        Some(r#"{"rateLimitSecret":2,"rateLimitPublishable":1,"paginationLayout":"legacy","delayMs":300}"#),
    )
    .await;
    assert_eq!(updated.body, json!({"updated": true}));
    let started = std::time::Instant::now();
    let listed = sk(&server, "GET", "/tickets").send().await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!(listed.header("x-ratelimit-limit"), Some("2"));
    assert!(listed.body["meta"]["pagination"].is_object());
    let pk = Call::new("GET", crate::support::team_url(&server, "/tickets"))
        .key(server.publishable_key())
        .send()
        .await;
    assert_eq!(pk.header("x-ratelimit-limit"), Some("1"));

    control(
        &server,
        "POST",
        "config",
        Some(r#"{"delayMs":null,"paginationLayout":"current"}"#),
    )
    .await;
    let started = std::time::Instant::now();
    let listed = sk(&server, "GET", "/tickets").send().await;
    assert!(started.elapsed() < std::time::Duration::from_millis(300));
    assert!(listed.body["pagination"].is_object());
    assert_eq!(
        listed.header("x-ratelimit-limit"),
        Some("2"),
        "untouched by the second call"
    );

    for bad in [
        r#"{"paginationLayout":"sideways"}"#,
        r#"{"rateLimitSecret":-1}"#,
        r#"{"bogus":1}"#,
        "[]",
    ] {
        let answer = control(&server, "POST", "config", Some(bad)).await;
        assert_eq!(answer.status, 400, "{bad}");
    }
    // reset() restores the settings the server was built with.
    control(&server, "POST", "reset", None).await;
    let listed = sk(&server, "GET", "/tickets").send().await;
    assert_eq!(listed.header("x-ratelimit-limit"), Some("1000"));
}

#[tokio::test]
async fn unknown_control_routes_are_404_and_not_recorded() {
    let server = MockServer::start().await.unwrap();
    let answer = control(&server, "GET", "nope", None).await;
    assert_eq!((answer.status, answer.code()), (404, "route_not_found"));
    let wrong_method = control(&server, "GET", "faults", None).await;
    assert_eq!(wrong_method.status, 404);
    assert!(server.requests().is_empty());
    assert!(server.unexpected_requests().is_empty());
}
