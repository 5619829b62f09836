//! The offline queue (feature `offline`): mutations that cannot reach the API are kept and sent
//! later, in order, each with the idempotency key it was first sent with.
//!
//! Build a client with a store ([`ClientBuilder::offline`](crate::ClientBuilder::offline)): a
//! [`MemoryStore`] survives outages, a [`RedbStore`] survives crashes too. A `POST`, `PATCH`,
//! `PUT` or `DELETE` whose last attempt failed with a network error (nothing answered) is stored
//! and the call returns [`Error::Queued`](crate::Error::Queued) with the item. A background task
//! probes the API every `probe_interval` while items wait and flushes them once it answers
//! (unless auto-flush is off: [`ClientBuilder::offline_auto_flush`](crate::ClientBuilder),
//! [`OfflineQueue::set_auto_flush`]); [`OfflineQueue::flush`] does the same on demand. Every
//! item's end, from either flush, reaches the handlers of [`OfflineQueue::on_outcome`]: an item
//! the API refuses leaves the queue, and the application hears why.
//!
//! The queue hooks into the client's one execution seam (`hook` here, `crate::hook` for the
//! contract): it sees each call that gave up, and never the calls it makes itself.
//!
//! | module | concept |
//! |---|---|
//! | `item`, `store`, `redb_store` | what is kept, and where |
//! | `queue` | [`OfflineQueue`]: enqueue, flush and its outcomes, inspection |
//! | `probe` | the background task that notices the API is back |
//! | `hook` | the builder options, and keeping a call that nothing answered |
//!
//! The durable store is [redb](https://docs.rs/redb) rather than SQLite: it is pure Rust (no C
//! compiler in your build), commits are ACID with an fsync each, and the queue is one file.
//!
//! Delivery is exactly once where the API honours idempotency keys (every `POST` and `PATCH`):
//! an item leaves the store only after the API answered it, so a crash between the API applying
//! it and the store forgetting it means one more send, which the API answers from its record of
//! the first. A `DELETE` replayed after it was applied answers 404, reported as
//! [`FlushResult::Rejected`].
//!
//! ```no_run
//! use cstar_core::offline::{FlushResult, RedbStore};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = cstar_core::Client::builder()
//!     .api_key("sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
//!     .team_id("8b7f3c1e-0000-4000-8000-000000000000")
//!     .offline(RedbStore::open("cstar-queue.redb")?)
//!     .build()?;
//! let queue = client.offline_queue().expect("built with a store");
//! for outcome in queue.flush().await? {
//!     if let FlushResult::Rejected(error) = &outcome.result {
//!         eprintln!("{} was refused: {error}", outcome.item.describe());
//!     }
//! }
//! # Ok(()) }
//! ```

mod hook;
mod item;
mod probe;
mod queue;
mod redb_store;
mod store;

pub use item::{ItemId, NewItem, QueuedItem};
pub use queue::{FlushOutcome, FlushResult, OfflineQueue};
pub use redb_store::RedbStore;
pub use store::{MemoryStore, QueueStore, StoreError};

/// How often the background task checks whether the API is back, by default.
pub const DEFAULT_PROBE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(15);
