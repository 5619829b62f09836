//! The offline queue (feature `offline`): mutations that cannot reach the API are kept and sent
//! later, in order, each with the idempotency key it was first sent with.
//!
//! Build a client with a store ([`ClientBuilder::offline`](crate::ClientBuilder::offline)): a
//! [`MemoryStore`] survives outages, a [`RedbStore`] survives crashes too. A `POST`, `PATCH`,
//! `PUT` or `DELETE` whose last attempt failed with a network error (nothing answered) is stored
//! and the call returns [`Error::Queued`] with the item. A background task
//! probes the API every `probe_interval` while items wait and flushes them once it answers;
//! [`OfflineQueue::flush`] does the same on demand.
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

mod item;
mod redb_store;
mod store;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, UNIX_EPOCH};

use reqwest::Method;
use serde_json::Value;

pub use item::{ItemId, NewItem, QueuedItem};
pub use redb_store::RedbStore;
pub use store::{MemoryStore, QueueStore, StoreError};

use crate::client::{Client, Inner};
use crate::error::{Error, Result};
use crate::request::RequestSpec;

/// How often the background task checks whether the API is back, by default.
pub const DEFAULT_PROBE_INTERVAL: Duration = Duration::from_secs(15);

/// A client's offline state: the store, and the one flush that may run at a time.
pub(crate) struct OfflineState {
    pub(crate) store: Arc<dyn QueueStore>,
    flushing: tokio::sync::Mutex<()>,
    probe_interval: Duration,
    probing: AtomicBool,
}

impl OfflineState {
    pub(crate) fn new(store: Arc<dyn QueueStore>, probe_interval: Duration) -> Self {
        Self {
            store,
            flushing: tokio::sync::Mutex::new(()),
            probe_interval,
            probing: AtomicBool::new(false),
        }
    }
}

/// What one item's flush came to.
#[derive(Debug)]
#[non_exhaustive]
pub enum FlushResult {
    /// The API accepted it (or answered from its record of an earlier send); it left the store.
    Applied {
        /// The HTTP status.
        status: u16,
        /// Whether the API answered from its idempotency record, having applied it before.
        replayed: bool,
    },
    /// The API refused it with a 4xx; it left the store, and this is why.
    Rejected(Error),
    /// It could not be sent (no network, a timeout, 429 or 5xx); it stays, and so do the items
    /// after it, to keep their order.
    Kept(Error),
    /// Not tried, because an item before it was [`Kept`](Self::Kept); it keeps its place.
    Waiting,
}

/// One item and what its flush came to.
#[derive(Debug)]
#[non_exhaustive]
pub struct FlushOutcome {
    /// The item.
    pub item: QueuedItem,
    /// What happened.
    pub result: FlushResult,
}

/// The offline queue of a client; from [`Client::offline_queue`].
#[derive(Clone)]
pub struct OfflineQueue {
    client: Client,
    state: Arc<OfflineState>,
}

impl std::fmt::Debug for OfflineQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfflineQueue").finish_non_exhaustive()
    }
}

impl OfflineQueue {
    /// Queues a mutation without trying it first, to be sent by the next flush. `path` is
    /// relative to the client's team (`/tickets`, `tickets/tkt_1/messages`), or absolute from
    /// `/api/`. A new idempotency key is made for it.
    ///
    /// ```no_run
    /// # fn demo(queue: cstar_core::offline::OfflineQueue) -> cstar_core::Result<()> {
    /// use cstar_core::reqwest::Method;
    ///
    /// let item = queue.enqueue(Method::POST, "/tickets", Some(&serde_json::json!({"title": "Later"})))?;
    /// println!("queued {}", item.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a `GET`, a path with a query string, empty, `.` or `..`
    /// segments, or a team-relative path on a client without a team id;
    /// [`Error::OfflineStore`] when the store fails.
    pub fn enqueue(&self, method: Method, path: &str, body: Option<&Value>) -> Result<QueuedItem> {
        let mut spec = RequestSpec::new(method, path.to_owned());
        let rest = match path.strip_prefix("/api/") {
            Some(rest) => {
                spec = spec.segments(["api"]);
                rest
            }
            None => {
                let team = self.client.team_id().ok_or_else(|| {
                    Error::InvalidArgument(
                        "a team-relative path needs a client with a team id".to_owned(),
                    )
                })?;
                spec = spec
                    .segments(["api", "v1", "teams"])
                    .segments([team.as_str().to_owned()]);
                path.strip_prefix('/').unwrap_or(path)
            }
        };
        if rest.contains(['?', '#']) {
            return Err(Error::InvalidArgument(format!(
                "path {path:?}: query strings are not queued in the path"
            )));
        }
        let segments: Vec<String> = rest
            .trim_end_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect();
        if segments
            .iter()
            .any(|s| s.is_empty() || s == "." || s == "..")
        {
            return Err(Error::InvalidArgument(format!(
                "path {path:?} has an empty, . or .. segment"
            )));
        }
        spec = spec.segments(segments);
        if let Some(body) = body {
            spec = spec.json_body(body);
        }
        self.enqueue_spec(spec)
    }

    /// Queues a request built as a [`RequestSpec`] without trying it first. Its idempotency key
    /// is the spec's, or a new one.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a spec that cannot be sent or a `GET`;
    /// [`Error::OfflineStore`] when the store fails.
    pub fn enqueue_spec(&self, spec: RequestSpec) -> Result<QueuedItem> {
        if let Some(reason) = &spec.invalid {
            return Err(Error::InvalidArgument(reason.clone()));
        }
        if !is_mutation(&spec.method) {
            return Err(Error::InvalidArgument(format!(
                "only mutations are queued, not {}",
                spec.method
            )));
        }
        let key = spec
            .options
            .idempotency_key
            .clone()
            .unwrap_or_else(crate::runtime::uuid_v4);
        let item = new_item(&spec, key)?;
        let stored = self.state.store.push(item)?;
        start_probing(&self.client);
        Ok(stored)
    }

    /// Sends every item, oldest first, until one cannot be sent; one outcome per item, those
    /// behind a kept one [`Waiting`](FlushResult::Waiting). Only one flush runs at a time (a
    /// concurrent call waits for it).
    ///
    /// # Errors
    ///
    /// [`Error::OfflineStore`] when the store cannot be read or an answered item cannot be
    /// removed from it (the flush stops there: nothing is lost, the item may be sent once more).
    pub async fn flush(&self) -> Result<Vec<FlushOutcome>> {
        let _one_at_a_time = self.state.flushing.lock().await;
        let mut outcomes = Vec::new();
        let mut items = self.state.store.items()?.into_iter();
        for item in items.by_ref() {
            let result = match replay(&self.client, &item).await {
                Ok(meta) => FlushResult::Applied {
                    status: meta.status,
                    replayed: meta.idempotent_replay,
                },
                Err(error)
                    if error
                        .api_error()
                        .is_some_and(|e| (400..500).contains(&e.status()) && e.status() != 429) =>
                {
                    FlushResult::Rejected(error)
                }
                Err(error) => FlushResult::Kept(error),
            };
            let keep = matches!(result, FlushResult::Kept(_));
            if !keep {
                self.state.store.remove(item.id)?;
            }
            outcomes.push(FlushOutcome { item, result });
            if keep {
                break;
            }
        }
        outcomes.extend(items.map(|item| FlushOutcome {
            item,
            result: FlushResult::Waiting,
        }));
        Ok(outcomes)
    }

    /// How many items wait.
    ///
    /// # Errors
    ///
    /// [`Error::OfflineStore`] when the store cannot be read.
    pub fn len(&self) -> Result<usize> {
        Ok(self.state.store.len()?)
    }

    /// Whether nothing waits.
    ///
    /// # Errors
    ///
    /// [`Error::OfflineStore`] when the store cannot be read.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// The waiting items, oldest first.
    ///
    /// # Errors
    ///
    /// [`Error::OfflineStore`] when the store cannot be read or an item is unreadable.
    pub fn items(&self) -> Result<Vec<QueuedItem>> {
        Ok(self.state.store.items()?)
    }

    /// Drops every waiting item without sending it; how many there were.
    ///
    /// # Errors
    ///
    /// [`Error::OfflineStore`] when the store fails.
    pub fn clear(&self) -> Result<usize> {
        Ok(self.state.store.clear()?)
    }
}

impl Client {
    /// The offline queue, when the client was built with a store.
    pub fn offline_queue(&self) -> Option<OfflineQueue> {
        self.inner().offline.as_ref().map(|state| OfflineQueue {
            client: self.clone(),
            state: Arc::clone(state),
        })
    }

    /// After a call's last attempt failed: keeps it in the queue when the client has one, the
    /// call is a mutation (not itself a replay), and the failure is that nothing answered.
    pub(crate) fn queue_if_offline(
        &self,
        spec: &RequestSpec,
        idempotency_key: Option<&reqwest::header::HeaderValue>,
        error: Error,
    ) -> Error {
        let Some(state) = &self.inner().offline else {
            return error;
        };
        if spec.options.replay || !is_mutation(&spec.method) {
            return error;
        }
        let Error::Network { source } = error else {
            return error;
        };
        let key = idempotency_key
            .and_then(|k| k.to_str().ok())
            .map_or_else(crate::runtime::uuid_v4, str::to_owned);
        let stored = new_item(spec, key).and_then(|item| Ok(state.store.push(item)?));
        match stored {
            Ok(item) => {
                start_probing(self);
                Error::Queued {
                    item: Box::new(item),
                    source,
                }
            }
            // Not kept: the caller must hear that, with the store's reason.
            Err(store_error) => store_error,
        }
    }
}

fn is_mutation(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PATCH | Method::PUT | Method::DELETE
    )
}

fn now_ms() -> u64 {
    crate::runtime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn new_item(spec: &RequestSpec, idempotency_key: String) -> Result<NewItem> {
    let body = spec
        .body
        .as_ref()
        .map(|bytes| {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| Error::InvalidArgument("a queued body must be UTF-8 JSON".to_owned()))
        })
        .transpose()?;
    Ok(NewItem {
        method: spec.method.to_string(),
        template: spec.template.to_string(),
        segments: spec.segments.iter().map(|s| s.to_string()).collect(),
        query: spec.query.clone(),
        body,
        idempotency_key,
        enqueued_at_ms: now_ms(),
    })
}

/// Sends one item as it was first sent; its outcome's metadata.
async fn replay(client: &Client, item: &QueuedItem) -> Result<crate::Meta> {
    let method = Method::from_bytes(item.method.as_bytes()).map_err(|_| {
        Error::InvalidArgument(format!("queued method {:?} is not HTTP", item.method))
    })?;
    let mut spec = RequestSpec::new(method, item.template.clone()).segments(item.segments.clone());
    spec.query = item.query.clone();
    spec.body = item.body.clone().map(bytes::Bytes::from);
    spec.options.idempotency_key = Some(item.idempotency_key.clone());
    spec.options.replay = true;
    crate::Call::<Value>::single(client, spec)
        .with_meta()
        .await
        .map(|(_, meta)| meta)
}

/// Starts the background prober unless it runs (or no tokio runtime is here to run it).
pub(crate) fn start_probing(client: &Client) {
    let Some(state) = &client.inner().offline else {
        return;
    };
    if !crate::runtime::is_available() || state.probing.swap(true, Ordering::SeqCst) {
        return;
    }
    let weak = Arc::downgrade(client.inner_arc());
    if crate::runtime::spawn(probe_loop(weak, state.probe_interval)).is_err() {
        state.probing.store(false, Ordering::SeqCst);
    }
}

/// While items wait and the client lives: every `interval`, ask the API whether it is there, and
/// flush when it answers.
async fn probe_loop(weak: Weak<Inner>, interval: Duration) {
    loop {
        crate::runtime::sleep(interval).await;
        let Some(inner) = weak.upgrade() else { return };
        let client = Client::from_inner(inner);
        let Some(queue) = client.offline_queue() else {
            return;
        };
        if queue.is_empty().unwrap_or(false) {
            queue.state.probing.store(false, Ordering::SeqCst);
            // An item queued between the check and the store above found the flag still set:
            // take the job back rather than leave it waiting.
            if queue.is_empty().unwrap_or(false) || queue.state.probing.swap(true, Ordering::SeqCst)
            {
                return;
            }
        }
        if reachable(&client).await {
            // Failures stay in the store and in the outcomes; the next round tries again.
            let _ = queue.flush().await;
        }
    }
}

/// Whether the API answers at all (any HTTP status counts).
async fn reachable(client: &Client) -> bool {
    let mut spec = RequestSpec::get("/auth/whoami").segments(["api", "v1", "auth", "whoami"]);
    spec.options.replay = true;
    spec.options.max_retries = Some(0);
    match crate::Call::<Value>::single(client, spec).await {
        Ok(_) => true,
        Err(error) => error.api_error().is_some() || matches!(error, Error::Decode(_)),
    }
}
