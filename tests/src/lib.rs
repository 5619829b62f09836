//! Shared setup for the end-to-end tests: an in-process emulator and an admin client pointed at
//! it, with retry waits shortened so that the suite stays fast. The real waits are covered by the
//! retry policy's decision-table test in cstar-core.

#![allow(
    clippy::expect_used,
    reason = "test support: a failed setup should stop the test loudly"
)]

use std::time::Duration;

pub mod proxy;
mod receiver;
pub use receiver::{Received, Receiver};

use cstar_admin::{CStarClient, CStarClientBuilder, RetryPolicy};
use cstar_mock::MockServer;

/// Backoff short enough for tests, same shape (doubling, capped, jittered) and attempt count as
/// the default: the SDK's documented [`RetryPolicy::for_tests`].
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::for_tests()
}

/// An emulator with a rate limit high enough never to get in the way.
pub async fn start_mock() -> MockServer {
    MockServer::builder()
        .rate_limit_secret(1_000_000)
        .rate_limit_publishable(1_000_000)
        .start()
        .await
        .expect("the emulator starts on a free loopback port")
}

/// A builder for a client of `server` with its secret key and fast retries.
pub fn client_builder(server: &MockServer) -> CStarClientBuilder {
    CStarClient::builder()
        .api_key(server.secret_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(10))
}

/// A client of `server` with its secret key and fast retries.
pub fn client(server: &MockServer) -> CStarClient {
    client_builder(server)
        .build()
        .expect("valid client settings")
}

/// Fails the test when the SDK sent anything the emulator has no route for.
pub fn assert_no_unexpected_requests(server: &MockServer) {
    let unexpected = server.unexpected_requests();
    assert!(
        unexpected.is_empty(),
        "the SDK sent requests no route expects: {:?}",
        unexpected
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect::<Vec<_>>()
    );
}

/// The status of a GET with a bearer token, sent with a bare HTTP client.
pub async fn raw_get(url: &str, token: &str) -> u16 {
    cstar_core::http_client_builder()
        .expect("a TLS provider")
        .build()
        .expect("an HTTP client")
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("a response")
        .status()
        .as_u16()
}

/// The status of a JSON POST, sent with a bare HTTP client.
pub async fn raw_post_json(url: &str, body: &str) -> u16 {
    cstar_core::http_client_builder()
        .expect("a TLS provider")
        .build()
        .expect("an HTTP client")
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("a response")
        .status()
        .as_u16()
}
