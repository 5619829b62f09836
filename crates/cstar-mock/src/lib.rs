//! A local emulator of the [cStar](https://www.cstar.help) API, for tests and demos.
//!
//! It serves the documented admin API (envelopes, errors, auth, per-key rate limits,
//! idempotency, both pagination layouts) from memory on `127.0.0.1`, records every request, and
//! fails on demand: a test can make the next requests answer a status, stall, drop the
//! connection, or send a broken body. Unlike a stateless mock it remembers what was created, so
//! idempotent replays and pagination over real data can be tested.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let server = cstar_mock::MockServer::start().await?;
//! println!("emulating cStar at {} for team {}", server.base_url(), server.team_id());
//! // Point the code under test at server.base_url() with server.secret_key(), then:
//! server.fail_next(2, 503); // the next two API requests answer 503
//! assert_eq!(server.ticket_count(), 0);
//! assert!(server.unexpected_requests().is_empty(), "no request missed every route");
//! server.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! The same emulator runs as a program, `cstar-mock --port 12111`, steerable over HTTP through
//! the `/__cstar_mock/` control routes.
//!
//! It depends on no SDK crate on purpose: its contract is the API documentation, so a wrong
//! shape in the SDK cannot hide behind the same wrong shape here. Every route, and every choice
//! made where the documentation is silent, is listed in the crate's README.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
mod builder;
mod chat;
mod clock;
mod community;
mod control;
mod customer_auth;
mod delivery;
mod docs;
mod events;
mod failure;
mod faults;
mod handler;
mod idempotency;
mod ids;
mod library;
mod listen;
mod pipeline;
mod proactive;
mod public;
mod query;
mod quickhelp;
mod ratelimit;
mod record;
mod routes;
mod seed;
mod server;
mod state;
mod store;
mod wire;

pub use builder::MockServerBuilder;
pub use delivery::{DOCUMENTED_RECEIVER_TIMEOUT, DOCUMENTED_RETRY_SCHEDULE, Delivery};
pub use faults::Fault;
pub use record::RecordedRequest;
pub use server::MockServer;
pub use state::PaginationLayout;
