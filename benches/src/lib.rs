//! Shared pieces of the benchmark programs: where figures go, and an emulator that runs on a
//! runtime of its own so that the code under test does not share its threads.

#![allow(
    clippy::expect_used,
    reason = "benchmark programs: a setup failure should stop the run loudly"
)]

pub mod emulator;
mod report;

pub use report::Report;
