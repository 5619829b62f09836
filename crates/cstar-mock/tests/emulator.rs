//! The emulator over real loopback HTTP, driven with a bare HTTP client: its wire contract,
//! independent of the SDK.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use cstar_mock::{MockServer, PaginationLayout};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

/// An HTTP client; installs ring as rustls's process-wide provider first, because in a workspace
/// build reqwest is compiled with `rustls-no-provider` and refuses to build without one.
fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

async fn call(method: &str, url: &str, auth: Option<&str>, body: Option<&str>) -> Answer {
    let client = http();
    let mut request = client.request(method.parse().unwrap(), url);
    if let Some(auth) = auth {
        request = request.header("authorization", auth);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

fn tickets_url(server: &MockServer) -> String {
    format!(
        "{}/api/v1/teams/{}/tickets",
        server.base_url(),
        server.team_id()
    )
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

fn code(answer: &Answer) -> &str {
    answer.body["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn every_auth_failure_has_its_code() {
    let server = MockServer::start().await.unwrap();
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());
    let pk = bearer(server.publishable_key());
    let other_team = format!("{}/api/v1/teams/someone-else/tickets", server.base_url());

    struct Case<'a> {
        method: &'a str,
        url: String,
        auth: Option<&'a str>,
        body: Option<&'a str>,
        status: u16,
        code: &'a str,
    }
    let case = |method, url: &String, auth, body, status, code| Case {
        method,
        url: url.clone(),
        auth,
        body,
        status,
        code,
    };
    let cases = [
        case("GET", &url, None, None, 401, "authentication_required"),
        case(
            "GET",
            &url,
            Some("Basic abc"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("Bearer  sk_test_x"),
            None,
            401,
            "authentication_required",
        ),
        case(
            "GET",
            &url,
            Some("Bearer xx_test_abc"),
            None,
            401,
            "invalid_key_format",
        ),
        case(
            "GET",
            &url,
            Some("Bearer sk_test_unknownunknown"),
            None,
            401,
            "invalid_api_key",
        ),
        case(
            "GET",
            &other_team,
            Some(&sk),
            None,
            403,
            "team_access_denied",
        ),
        case(
            "POST",
            &url,
            Some(&pk),
            Some(r#"{"title":"x"}"#),
            403,
            "publishable_key_write",
        ),
    ];
    for c in cases {
        let answer = call(c.method, &c.url, c.auth, c.body).await;
        assert_eq!(
            (answer.status, code(&answer)),
            (c.status, c.code),
            "{} {:?}",
            c.method,
            c.auth
        );
        let error = &answer.body["error"];
        assert!(error["request_id"].as_str().unwrap().starts_with("req_"));
        assert_eq!(
            error["doc_url"],
            format!("https://www.cstar.help/developers/errors#{}", c.code)
        );
        assert_eq!(
            answer.headers["x-request-id"].to_str().unwrap(),
            error["request_id"].as_str().unwrap()
        );
    }
    assert_eq!(
        call("GET", &url, Some(&pk), None).await.status,
        200,
        "pk may read"
    );
    let who = call(
        "GET",
        &format!("{}/api/v1/auth/whoami", server.base_url()),
        Some(&pk),
        None,
    )
    .await;
    assert_eq!(who.body["data"]["keyType"], "publishable");
    assert_eq!(who.body["data"]["environment"], "test");
    assert_eq!(server.ticket_count(), 0);
}

#[tokio::test]
async fn the_rate_limit_counts_down_then_answers_429() {
    let server = MockServer::builder()
        .rate_limit_secret(3)
        .start()
        .await
        .unwrap();
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());
    for remaining in ["2", "1", "0"] {
        let answer = call("GET", &url, Some(&sk), None).await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.headers["x-ratelimit-remaining"], remaining);
        assert_eq!(answer.headers["x-ratelimit-limit"], "3");
        assert_eq!(answer.headers["x-ratelimit-window"], "3600");
    }
    let limited = call("GET", &url, Some(&sk), None).await;
    assert_eq!(
        (limited.status, code(&limited)),
        (429, "rate_limit_exceeded")
    );
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry_after));
    assert_eq!(limited.body["error"]["retryAfter"], retry_after);
    assert!(limited.headers.contains_key("x-ratelimit-reset"));
    // The publishable key has its own budget.
    let pk = bearer(server.publishable_key());
    assert_eq!(call("GET", &url, Some(&pk), None).await.status, 200);
}

#[tokio::test]
async fn idempotency_replays_conflicts_and_holds_under_concurrency() {
    let server = MockServer::start().await.unwrap();
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());
    let post = |key: &'static str, body: &'static str| {
        let (url, sk) = (url.clone(), sk.clone());
        async move {
            http()
                .post(&url)
                .header("authorization", sk)
                .header("idempotency-key", key)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };

    let answers =
        futures_util::future::join_all((0..10).map(|_| post("same", r#"{"title":"Once"}"#))).await;
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

    let conflict = post("same", r#"{"title":"Different"}"#).await;
    assert_eq!(conflict.status(), 409);

    // A stored 4xx is replayed too.
    assert_eq!(post("bad", r#"{}"#).await.status(), 400);
    assert_eq!(post("bad", r#"{}"#).await.status(), 400);
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn bodies_and_paging_are_validated() {
    let server = MockServer::start().await.unwrap();
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());
    let cases = [
        ("POST", url.clone(), Some("{not json"), "invalid_json", None),
        ("POST", url.clone(), Some("[1]"), "parameter_invalid", None),
        (
            "POST",
            url.clone(),
            Some(r#"{"title":"  "}"#),
            "parameter_missing",
            Some("title"),
        ),
        (
            "POST",
            url.clone(),
            Some(r#"{"title":7}"#),
            "parameter_invalid",
            Some("title"),
        ),
        (
            "POST",
            url.clone(),
            Some(r#"{"title":"x","tags":"a"}"#),
            "parameter_invalid",
            Some("tags"),
        ),
        (
            "POST",
            url.clone(),
            Some(r#"{"title":"x","priority":"meh"}"#),
            "parameter_invalid",
            Some("priority"),
        ),
        (
            "GET",
            format!("{url}?pageSize=101"),
            None,
            "parameter_invalid",
            Some("pageSize"),
        ),
        (
            "GET",
            format!("{url}?page=0"),
            None,
            "parameter_invalid",
            Some("page"),
        ),
        (
            "GET",
            format!("{url}?status=sideways"),
            None,
            "parameter_invalid",
            Some("status"),
        ),
    ];
    for (method, url, body, expected, param) in cases {
        let answer = call(method, &url, Some(&sk), body).await;
        assert_eq!(
            (answer.status, code(&answer)),
            (400, expected),
            "{method} {url} {body:?}"
        );
        assert_eq!(answer.body["error"]["param"].as_str(), param);
    }
    assert_eq!(server.ticket_count(), 0);
}

#[tokio::test]
async fn control_routes_steer_the_emulator_over_http() {
    let server = MockServer::start().await.unwrap();
    let control = |path: &str| format!("{}/__cstar_mock/{path}", server.base_url());
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());

    let queued = call(
        "POST",
        &control("faults"),
        None,
        Some(r#"{"kind":"fail","status":503,"count":2}"#),
    )
    .await;
    assert_eq!(queued.body["queued"], 2);
    assert_eq!(call("GET", &url, Some(&sk), None).await.status, 503);
    assert_eq!(call("GET", &url, Some(&sk), None).await.status, 503);
    assert_eq!(call("GET", &url, Some(&sk), None).await.status, 200);

    call("POST", &url, Some(&sk), Some(r#"{"title":"A"}"#)).await;
    let state = call("GET", &control("state"), None, None).await;
    assert_eq!(state.body["tickets"], 1);
    assert_eq!(state.body["requests"], 4, "control routes are not recorded");

    call(
        "POST",
        &control("config"),
        None,
        Some(r#"{"paginationLayout":"legacy"}"#),
    )
    .await;
    let legacy = call("GET", &url, Some(&sk), None).await;
    assert!(legacy.body.get("pagination").is_none());
    assert_eq!(legacy.body["meta"]["pagination"]["total"], 1);
    assert!(legacy.body["meta"]["requestId"].is_string());

    let bad = call(
        "POST",
        &control("faults"),
        None,
        Some(r#"{"kind":"explode"}"#),
    )
    .await;
    assert_eq!(bad.status, 400);
    let log = call("GET", &control("requests"), None, None).await;
    assert_eq!(log.body["requests"].as_array().unwrap().len(), 5);

    call("POST", &control("reset"), None, None).await;
    assert_eq!(server.ticket_count(), 0);
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn unknown_routes_are_caught_and_recorded() {
    let server = MockServer::start().await.unwrap();
    let sk = bearer(server.secret_key());
    let base = format!("{}/api/v1/teams/{}", server.base_url(), server.team_id());
    for (method, path) in [
        ("GET", format!("{base}/tickets/x/y/z")),
        ("PUT", format!("{base}/tickets")),
        ("GET", format!("{}/nope", server.base_url())),
    ] {
        let answer = call(method, &path, Some(&sk), None).await;
        assert_eq!(
            (answer.status, code(&answer)),
            (404, "route_not_found"),
            "{method} {path}"
        );
    }
    assert_eq!(server.unexpected_requests().len(), 3);
}

#[tokio::test]
async fn mutations_publish_events_in_the_webhook_envelope() {
    let server = MockServer::start().await.unwrap();
    let url = tickets_url(&server);
    let sk = bearer(server.secret_key());
    let created = call("POST", &url, Some(&sk), Some(r#"{"title":"Evented"}"#)).await;
    let id = created.body["data"]["id"].as_str().unwrap().to_owned();
    let one = format!("{url}/{id}");
    call(
        "PATCH",
        &one,
        Some(&sk),
        Some(r#"{"status":"closed","assignedTo":"mem_1"}"#),
    )
    .await;
    call(
        "POST",
        &format!("{one}/messages"),
        Some(&sk),
        Some(r#"{"content":"hi"}"#),
    )
    .await;
    call("DELETE", &one, Some(&sk), None).await;

    let events = server.events();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "ticket.created",
            "ticket.updated",
            "ticket.assigned",
            "ticket.closed",
            "ticket.message_added",
            "ticket.deleted"
        ]
    );
    for event in &events {
        assert!(event["id"].as_str().unwrap().starts_with("evt_ticket_"));
        assert_eq!(event["team_id"], server.team_id());
        assert!(event["created_at"].is_string());
        assert_eq!(event["data"]["ticket"]["id"], json!(id));
    }
    assert_eq!(
        events[1]["data"]["changes"]["status"],
        json!({"from": "new", "to": "closed"})
    );
    assert_eq!(events[4]["data"]["message"]["content"], "hi");
    assert!(
        events[0]["data"]["ticket"]["created_at"].is_string(),
        "snake_case copy"
    );
}

#[tokio::test]
async fn it_restarts_on_the_same_port() {
    let first = MockServer::builder()
        .pagination_layout(PaginationLayout::Current)
        .start()
        .await
        .unwrap();
    let port = first.port();
    first.shutdown().await;
    let second = MockServer::builder().port(port).start().await.unwrap();
    assert_eq!(second.port(), port);
    let who = call(
        "GET",
        &format!("{}/api/v1/auth/whoami", second.base_url()),
        Some(&bearer(second.secret_key())),
        None,
    )
    .await;
    assert_eq!(who.status, 200);
}

#[tokio::test]
async fn the_binary_prints_where_it_listens_and_serves() {
    let binary = env!("CARGO_BIN_EXE_cstar-mock");
    let mut child = Command::new(binary)
        .args([
            "--port",
            "0",
            "--team-slug",
            "globex",
            "--secret-key",
            "sk_test_FromTheCommandLine0000000000000",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("listening on ")
        .expect("the first line says where")
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"));
    let printed: Vec<String> = lines.by_ref().take(4).map(Result::unwrap).collect();
    assert!(
        printed.iter().any(|l| l == "team slug: globex"),
        "{printed:?}"
    );
    let who = call(
        "GET",
        &format!("{base}/api/v1/auth/whoami"),
        Some("Bearer sk_test_FromTheCommandLine0000000000000"),
        None,
    )
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(who.body["data"]["teamSlug"], "globex");

    let bad = Command::new(binary).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let bad_key = Command::new(binary)
        .args(["--port", "0", "--secret-key", "pk_oops"])
        .output()
        .unwrap();
    assert_eq!(bad_key.status.code(), Some(2));
}
