//! Proxies: `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` are honoured by every client (reqwest's
//! environment proxy, which the SDK's HTTP client keeps on), and a proxy set on the client's
//! own `reqwest::Client` is used; tested through a real forward proxy on loopback. The
//! environment cases run in a child process: a test must not change its own environment.

use std::process::{Command, Output};

use cstar_admin::CStarClient;
use cstar_e2e::proxy::{ForwardProxy, VIA};
use cstar_e2e::start_mock;
use cstar_mock::MockServer;

/// `proxy-client` against `server`, with only the proxy variables given here.
async fn client_process(server: &MockServer, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_proxy-client"));
    command
        .arg(server.base_url())
        .arg(server.team_slug())
        .arg(server.team_id())
        .arg(server.secret_key());
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("proxy-client runs")
}

/// The surfaces (`/api/v1`, `/api/library`, ...) of the requests that came through.
fn surfaces(lines: &[String]) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = [
        "/api/v1/",
        "/api/library/",
        "/api/auth/",
        "/api/chat/",
        "/api/community/",
    ]
    .into_iter()
    .filter(|surface| lines.iter().any(|line| line.contains(surface)))
    .collect();
    found.sort_unstable();
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn every_client_goes_through_http_proxy_from_the_environment() {
    let server = start_mock().await;
    let proxy = ForwardProxy::start().await.unwrap();
    let out = client_process(&server, &[("HTTP_PROXY", &proxy.url())]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = proxy.requests();
    assert_eq!(
        surfaces(&seen),
        [
            "/api/auth/",
            "/api/chat/",
            "/api/community/",
            "/api/library/",
            "/api/v1/"
        ],
        "{seen:#?}"
    );
    // Each call the emulator answered came through the proxy.
    let recorded = server.requests();
    assert!(!recorded.is_empty());
    assert!(
        recorded
            .iter()
            .all(|r| r.header("via").as_deref() == Some(VIA)),
        "{:?}",
        recorded
            .iter()
            .map(|r| (&r.path, r.header("via")))
            .collect::<Vec<_>>()
    );
    assert_eq!(seen.len(), recorded.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn no_proxy_sends_around_the_proxy() {
    let server = start_mock().await;
    let proxy = ForwardProxy::start().await.unwrap();
    let out = client_process(
        &server,
        &[
            ("HTTP_PROXY", &proxy.url()),
            ("NO_PROXY", "127.0.0.1,localhost"),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(proxy.requests().is_empty(), "{:?}", proxy.requests());
    assert!(!server.requests().is_empty());
}

#[tokio::test]
async fn a_proxy_on_the_clients_own_http_client_is_used() {
    let server = start_mock().await;
    let proxy = ForwardProxy::start().await.unwrap();
    let http = cstar_core::http_client_builder()
        .unwrap()
        .proxy(cstar_core::reqwest::Proxy::all(proxy.url()).unwrap())
        .build()
        .unwrap();
    let cstar = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .http_client(http)
        .build()
        .unwrap();
    cstar.tickets().list(Default::default()).await.unwrap();
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("GET http://127.0.0.1:"), "{seen:?}");
    assert_eq!(server.requests()[0].header("via").as_deref(), Some(VIA));
}
