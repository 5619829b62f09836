//! The emulator over real loopback HTTP, driven with a bare HTTP client: its wire contract,
//! independent of the SDK. One test binary, one module per concern.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

mod support;

mod auth;
mod chaos;
mod cli;
mod control;
mod cors;
mod drift;
mod envelopes;
mod events;
mod faults;
mod idempotency;
mod lifecycle;
mod listen;
mod listing;
mod messages;
mod ratelimit;
mod tickets;
