//! End-to-end tests: cstar-admin against the cstar-mock emulator over real loopback HTTP.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

mod crud;
mod errors;
mod filters;
mod idempotency;
mod pagination;
mod realtime;
mod retries;
mod secrets;
