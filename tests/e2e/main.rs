//! End-to-end tests: cstar-admin against the cstar-mock emulator over real loopback HTTP.

mod crud;
mod errors;
mod filters;
mod idempotency;
mod pagination;
mod retries;
mod secrets;
