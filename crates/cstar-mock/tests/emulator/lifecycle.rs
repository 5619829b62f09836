//! The catch-all, stopping and restarting, and the binary.

use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use cstar_mock::MockServer;

use crate::support::{Call, sk, spawn_binary, stop};

#[tokio::test]
async fn unknown_routes_are_404_and_recorded_whatever_the_key() {
    let server = MockServer::start().await.unwrap();
    let base = server.base_url();
    let team = format!("{base}/api/v1/teams/{}", server.team_id());
    let calls = [
        Call::new("GET", format!("{team}/tickets/x/y/z")).key(server.secret_key()),
        Call::new("PUT", format!("{team}/tickets")).key(server.secret_key()),
        Call::new("GET", format!("{team}/customer")),
        Call::new("POST", format!("{team}/nope")).key(server.publishable_key()),
        Call::new("GET", format!("{base}/api/v1/teams/other/nope")).key("sk_test_wrong"),
        Call::new("POST", format!("{base}/api/v1/auth/whoami")).key(server.secret_key()),
        Call::new("GET", format!("{base}/nope?a=1")),
    ];
    let count = calls.len();
    for call in calls {
        let (method, url) = (call.method, call.url.clone());
        let answer = call.send().await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, "route_not_found"),
            "{method} {url}"
        );
        assert_eq!(answer.body["error"]["type"], "not_found_error");
        let message = answer.body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(method) && message.contains("/nope") || message.contains(method),
            "{message}"
        );
        assert!(answer.header("x-request-id").is_some());
    }
    let unexpected = server.unexpected_requests();
    assert_eq!(unexpected.len(), count);
    assert_eq!(unexpected[1].method, "PUT");
    assert_eq!(unexpected[6].path, "/nope");
    assert_eq!(unexpected[6].query.as_deref(), Some("a=1"));
    assert_eq!(unexpected[6].status, Some(404));
    assert_eq!(server.requests().len(), count);
}

#[tokio::test]
async fn the_request_log_keeps_what_was_sent() {
    let server = MockServer::start().await.unwrap();
    sk(&server, "POST", "/tickets")
        .header("idempotency-key", "abc")
        .json(r#"{"title":"Logged"}"#)
        .send()
        .await;
    sk(&server, "GET", "/tickets?status=open&search=a%20b")
        .send()
        .await;
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        requests[0].path,
        format!("/api/v1/teams/{}/tickets", server.team_id())
    );
    assert_eq!(
        requests[0].header("Idempotency-Key").as_deref(),
        Some("abc")
    );
    assert_eq!(requests[0].body_str(), Some(r#"{"title":"Logged"}"#));
    assert_eq!(requests[0].body_json().unwrap()["title"], "Logged");
    assert_eq!(requests[0].status, Some(201));
    assert_eq!(
        requests[1].query.as_deref(),
        Some("status=open&search=a%20b")
    );
    assert!(requests[1].body.is_empty());
    assert!(server.unexpected_requests().is_empty());
}

async fn refused(port: u16) -> bool {
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_err() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

#[tokio::test]
async fn shutdown_frees_the_port_for_a_restart() {
    let first = MockServer::start().await.unwrap();
    let port = first.port();
    // The rebinds below are safe only because the emulator's own pick stays below the
    // kernel's ephemeral range, where no other test's connection or port-0 bind can land.
    assert!(
        port < ephemeral_start(),
        "{port} is outside the ephemeral range"
    );
    assert_eq!(first.base_url(), format!("http://127.0.0.1:{port}"));
    // A pooled keep-alive connection must not keep the old server alive.
    assert_eq!(sk(&first, "GET", "/tickets").send().await.status, 200);
    let clone = first.clone();
    first.shutdown().await;
    clone.shutdown().await;
    assert!(refused(port).await, "nothing listens after shutdown");

    let second = MockServer::builder().port(port).start().await.unwrap();
    assert_eq!(second.port(), port);
    let who = Call::new("GET", format!("{}/api/v1/auth/whoami", second.base_url()))
        .key(second.secret_key())
        .send()
        .await;
    assert_eq!(who.status, 200);
    assert_eq!(who.body["data"]["teamId"], second.team_id());
    second.shutdown().await;
    let third = MockServer::builder().port(port).start().await.unwrap();
    assert_eq!(third.port(), port);
}

/// The first port the kernel hands out on its own.
fn ephemeral_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}

#[tokio::test]
async fn dropping_the_last_handle_stops_the_server() {
    let server = MockServer::start().await.unwrap();
    let port = server.port();
    let clone = server.clone();
    drop(server);
    tokio::task::yield_now().await;
    assert_eq!(
        sk(&clone, "GET", "/tickets").send().await.status,
        200,
        "a clone keeps it"
    );
    drop(clone);
    assert!(refused(port).await, "the last drop stopped it");
}

#[tokio::test]
async fn the_binary_prints_where_it_listens_and_serves() {
    let key = "sk_test_FromTheCommandLine0000000000000";
    let team = "9f1c1b7e-2a3d-4c5e-8f60-718293a4b5c6";
    let (mut child, lines) = spawn_binary(
        6,
        &[
            "--port",
            "0",
            "--team-slug",
            "globex",
            "--team-id",
            team,
            "--secret-key",
            key,
            "--publishable-key",
            "pk_test_AlsoFromTheCommandLine00000000000",
        ],
    );
    let base = lines[0]
        .strip_prefix("listening on ")
        .expect("the first line says where");
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(
        lines[1..5],
        [
            format!("secret key: {key}"),
            "publishable key: pk_test_AlsoFromTheCommandLine00000000000".to_owned(),
            format!("team id: {team}"),
            "team slug: globex".to_owned(),
        ]
    );
    assert!(
        lines[5].starts_with("identity secret: idsec_test_"),
        "{}",
        lines[5]
    );
    let who = Call::new("GET", format!("{base}/api/v1/auth/whoami"))
        .key(key)
        .send()
        .await;
    assert_eq!(who.body["data"]["teamSlug"], "globex");
    assert_eq!(who.body["data"]["teamId"], team);
    stop(&mut child);
}

#[test]
fn the_binary_refuses_bad_arguments_with_exit_code_2() {
    let binary = env!("CARGO_BIN_EXE_cstar-mock");
    for args in [
        &["--bogus"][..],
        &["--port"],
        &["--port", "http"],
        &["--port", "70000"],
        &["--port", "0", "--secret-key", "pk_oops"],
        &["--port", "0", "--publishable-key", "sk_test_oops"],
        &["extra"],
    ] {
        let output = Command::new(binary).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let help = Command::new(binary).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--port"));
}

#[test]
fn the_handle_and_records_can_cross_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<MockServer>();
    shareable::<cstar_mock::RecordedRequest>();
    shareable::<cstar_mock::Fault>();
    shareable::<cstar_mock::MockServerBuilder>();
}
