//! The stores against real engines: PostgreSQL, Redis and NATS JetStream, started on loopback
//! by `cargo xtask engines`, which sets `CSTAR_TEST_DATABASE_URL`, `CSTAR_TEST_REDIS_URL` and
//! `CSTAR_TEST_NATS_URL` and runs these tests with `--all-features -- --ignored`. In a plain `cargo test` they are listed as
//! ignored, with that command as the reason.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

#[cfg(feature = "actix")]
mod actix;
#[cfg(feature = "postgres")]
mod group;
#[cfg(all(feature = "postgres", feature = "axum"))]
mod http;
#[cfg(feature = "nats")]
mod nats;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "realtime")]
mod realtime;
#[cfg(feature = "redis")]
mod redis;

/// Stands in for the engine tests when the crate is built without the features they need, so
/// that a plain `cargo test --workspace` says what it skipped and how to run it.
#[cfg(not(all(
    feature = "postgres",
    feature = "redis",
    feature = "nats",
    feature = "axum",
    feature = "actix",
    feature = "realtime"
)))]
#[test]
#[ignore = "ENGINE TESTS SKIPPED (PostgreSQL, Redis, NATS, HTTP receivers, realtime group): run `cargo xtask engines`"]
fn engine_tests() {}

#[cfg(any(feature = "postgres", feature = "redis", feature = "actix"))]
/// An event id no other test (or earlier run against the same database) uses.
pub(crate) fn unique_id(name: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "evt_{name}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(any(feature = "postgres", feature = "redis"))]
/// The engine's address from the environment `cargo xtask engines` sets, or a failure that
/// says how to run the test.
pub(crate) fn engine_url(variable: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| {
        panic!("{variable} is not set: run the engine tests with `cargo xtask engines`")
    })
}
