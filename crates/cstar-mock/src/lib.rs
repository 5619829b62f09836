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
//!
//! # Module map
//!
//! | folder | what it holds | may use |
//! |---|---|---|
//! | `model/` | the leaf vocabulary: team and keys, environments, settings, ids, the clock | nothing else |
//! | `store/` | the records of each environment, document tables, the event log, and `State`, the aggregate behind the one lock | `model` |
//! | `http/` | the one axum fallback and its dispatcher, the route-table vocabulary (`Route`, `Admission`, `Handler`), admission, idempotency, rate limits, envelopes and errors, query strings, Server-Sent Events | `model`, `store`, the route tables of `api`, `harness` (faults, chaos, the request log) |
//! | `api/admin/` | the admin API under `/api/v1`, one module per resource, its route table, and the services the other surfaces call as functions | `http`, `store`, `model` |
//! | `api/<surface>/` | `library`, `auth`, `chat`, `community`, `quickhelp`, `proactive`: each a route table and its own state | `api::admin::services`, `http`, `store`, `model` |
//! | `delivery/` | webhook delivery: the worker, signing, sending, the delivery log | `store`, `model` |
//! | `harness/` | what a test holds: the builder, the handle (lifecycle, steering, inspection), faults and chaos, the request log, the seed, the `/__cstar_mock/` control routes | everything |
//!
//! A request goes: `http::dispatch` records it, applies a queued fault (or a chaos draw), matches
//! it against every surface's table (`api::ROUTES`), admits it (`http::admission`), checks its
//! idempotency key, and runs the route's handler on a `Ctx` under the state lock.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod delivery;
mod harness;
mod http;
mod model;
mod store;

pub use delivery::{DOCUMENTED_RECEIVER_TIMEOUT, DOCUMENTED_RETRY_SCHEDULE, Delivery};
pub use harness::builder::MockServerBuilder;
pub use harness::faults::Fault;
pub use harness::options::MockOptions;
pub use harness::request_log::RecordedRequest;
pub use harness::server::MockServer;
pub use model::{Drift, DriftMode, PaginationLayout};
