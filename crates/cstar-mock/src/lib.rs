//! A local emulator of the [cStar](https://www.cstar.help) API, for tests and demos.
//!
//! It serves the documented admin API (envelopes, errors, auth, per-key rate limits,
//! idempotency, both pagination layouts) from memory on `127.0.0.1`, records every request, and
//! fails on demand: a test can ask for the next requests to return a status, stall, drop the
//! connection, or answer with a broken body. Unlike a stateless mock it remembers what was
//! created, so idempotent replays and pagination over real data can be tested.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let server = cstar_mock::MockServer::start().await?;
//! println!("emulating cStar at {} for team {}", server.base_url(), server.team_id());
//! server.fail_next(2, 503); // the next two API requests answer 503
//! assert_eq!(server.ticket_count(), 0);
//! server.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! It depends on no SDK crate on purpose: its contract is the API documentation, so a wrong
//! shape in the SDK cannot hide behind the same wrong shape here. Every route, and every choice
//! made where the documentation is silent, is listed in the crate's README.

mod api;
mod clock;
mod control;
mod events;
mod faults;
mod handler;
mod idempotency;
mod ids;
mod ratelimit;
mod record;
mod routes;
mod server;
mod state;
mod store;
mod wire;

pub use faults::Fault;
pub use record::RecordedRequest;
pub use server::{MockServer, MockServerBuilder};
pub use state::PaginationLayout;
