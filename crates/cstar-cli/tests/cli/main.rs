//! End-to-end tests of the `cstar` binary against the emulator, run as a user would run it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    unreachable_pub,
    reason = "tests"
)]

mod api;
mod listen;
mod login;
mod mcp;
mod mock;
mod status;
mod support;
