//! End-to-end tests: cstar-admin against the cstar-mock emulator over real loopback HTTP.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

mod assist;
mod chat;
mod chat_first_hour;
mod community;
mod crud;
mod customer_auth;
mod customers;
mod cut_short;
mod data_ops;
mod definitions;
mod drift;
mod errors;
mod filters;
mod first_hour;
mod idempotency;
mod knowledge_base;
mod library;
mod members;
mod offline;
mod pagination;
mod proxy;
mod raw;
mod realtime;
mod reliability;
mod retries;
mod secrets;
mod seeded;
mod shape;
mod soak;
mod team_admin;
mod trace_context;
mod webhooks;
