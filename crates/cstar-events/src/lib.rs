//! cStar webhooks handled exactly once in effect, across any number of receivers.
//!
//! cStar delivers each event at least once: it retries a delivery that was not answered 2xx
//! 6 times over about 31 hours, so the same event arrives twice, sometimes at the same moment
//! on two receivers behind a load balancer, in any order. Deduplicating on the event id is the
//! receiver's job; this crate does it on engines you already run, and says honestly what each
//! one guarantees.
//!
//! | store | feature | guarantee |
//! |---|---|---|
//! | [`Inbox`] (PostgreSQL) | `postgres` | the id and the handler's writes commit together or not at all: exactly once in effect, for effects in the same database |
//! | [`RedisStore`] | `redis` | a marker beside your effects: a crash between the effect and the marker runs the event again (see its docs) |
//! | [`MemoryStore`] | none | one process: tests, and a receiver that runs as exactly one instance |
//!
//! Every store answers the same three questions through [`Store`] (claim, complete, release),
//! and [`run_once`] drives them: the handler runs only on a new claim, a duplicate is answered
//! without running it, a handler error releases the claim so that cStar's retry gets a clean
//! second chance.
//!
//! ```
//! use cstar_events::{MemoryStore, Outcome, run_once};
//!
//! # tokio_test_block_on(async {
//! let store = MemoryStore::new();
//! for _delivery in 0..2 {
//!     let outcome = run_once(&store, "evt_1", |_claim| {
//!         Box::pin(async { println!("handled evt_1"); Ok::<_, std::io::Error>(()) })
//!     })
//!     .await?;
//!     println!("{outcome:?}"); // Handled(()), then Duplicate
//! }
//! # Ok::<(), cstar_events::RunError<std::io::Error>>(())
//! # }).unwrap();
//! # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
//! # }
//! ```
//!
//! # The realtime stream
//!
//! One consumer of the stream across N instances: [`ConsumerGroup`] elects a leader through a
//! PostgreSQL session advisory lock and keeps the stream's cursor in the database, written in
//! the same transaction as the consumer's effects and fenced by the leader's epoch, so it never
//! moves backwards and two leaders at once can only produce duplicates, which the inbox absorbs;
//! [`ConsumerGroup::consume`] runs the whole loop over any `Stream` of events, and
//! [`ConsumerGroup::consume_realtime`] (feature `realtime`) over cStar's realtime stream itself,
//! resumed after the cursor with `RealtimeConfig::resume_from`. When the server cannot resume
//! after the cursor, the group stops with [`ConsumeError::Gap`] before handling anything past
//! it: reconcile through the REST API, then [`ConsumerGroup::skip_gap`] (never a silent loss).
//! [`JetStreamForwarder`] (feature `nats`) forwards the stream into NATS JetStream with the event
//! id as `Nats-Msg-Id`, moving the cursor after the server's acknowledgement.
//!
//! # Effects outside the database
//!
//! The inbox makes the database's writes exactly-once; an email or a call to another API is not
//! in the transaction. Two patterns carry the guarantee out:
//!
//! - **An outbox row**: the handler inserts "send this reply" in the same transaction; a worker
//!   sends the rows and marks them sent. The reply is queued exactly once.
//! - **An idempotency key derived from the event id**: cStar's API (and the SDK's retries) honour
//!   `Idempotency-Key`, so the same event replying twice creates one reply:
//!   `cstar.tickets().messages(ticket_id).create(params).idempotency_key(format!("reply/{}", event.id))`.
//!
//! # Retention
//!
//! Keep ids at least as long as cStar retries (about 31 hours): a sweep that forgets an id
//! earlier lets a late retry run again. [`DEFAULT_RETENTION`] is 72 hours.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `postgres` | no | [`Inbox`]: the transactional inbox (tokio-postgres, deadpool-postgres); [`ConsumerGroup`]: a leader and a fenced cursor for the realtime stream |
//! | `redis` | no | [`RedisStore`]: the dedupe marker (redis, tokio) |
//! | `realtime` | no | [`ConsumerGroup::consume_realtime`] and [`RealtimeSource`]: the group fed by cStar's realtime stream, resumed after the cursor, gaps typed (cstar-admin with `realtime`; implies `postgres`) |
//! | `nats` | no | [`JetStreamForwarder`]: the stream into NATS JetStream, `Nats-Msg-Id` = the event id (async-nats; implies `postgres`) |
//! | `axum` | no | [`axum::receiver`](crate::axum): verify, decode, dedupe, run, answer |
//! | `actix` | no | [`actix::receiver`](crate::actix): the same for actix-web |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod memory;
mod receive;
mod store;

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "postgres")]
mod consume;
#[cfg(feature = "postgres")]
mod group;
#[cfg(feature = "nats")]
mod nats;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "realtime")]
mod realtime;
#[cfg(feature = "redis")]
mod redis_marker;

use std::time::Duration;

pub use memory::{MemoryClaim, MemoryStore};
pub use receive::{Answer, receive};
pub use store::{BoxFuture, ClaimAnswer, Outcome, RunError, Store, StoreError, run_once};

#[cfg(feature = "postgres")]
pub use consume::ConsumeError;
#[cfg(feature = "postgres")]
pub use group::{AdvanceError, ConsumerGroup, Fence, Leadership};
#[cfg(feature = "postgres")]
pub use postgres::{Inbox, InboxClaim, MIGRATIONS};
#[cfg(feature = "postgres")]
pub use {deadpool_postgres, tokio_postgres};

#[cfg(feature = "nats")]
pub use nats::{DUPLICATE_WINDOW, JetStreamForwarder, Published};
#[cfg(feature = "realtime")]
pub use realtime::RealtimeSource;
#[cfg(feature = "redis")]
pub use redis_marker::{RedisClaim, RedisStore};

/// How long handled event ids are kept by default: 72 hours, more than twice cStar's retry
/// window (6 retries over about 31 hours), so that the last retry of an event still finds it.
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(72 * 3600);
