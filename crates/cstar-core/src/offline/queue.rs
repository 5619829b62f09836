//! [`OfflineQueue`]: queue a mutation by hand, flush in order, hear every item's end.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use reqwest::Method;
use serde_json::Value;

use super::hook::{OfflineState, is_mutation, new_item};
use super::item::QueuedItem;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::subscription::Subscription;

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
    pub(super) fn new(client: Client, state: Arc<OfflineState>) -> Self {
        Self { client, state }
    }

    pub(super) fn state(&self) -> &Arc<OfflineState> {
        &self.state
    }

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
        // The raw hatch's parser: the same path means the same route in both.
        let mut spec = RequestSpec::from_path(method, path, self.client.team_id());
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
        let segments = spec.segments()?;
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
        let item = new_item(&spec, segments, key)?;
        let stored = self.state.store.push(item)?;
        self.state.probe.start(&self.client, &self.state);
        Ok(stored)
    }

    /// Sends every item, oldest first, until one cannot be sent; one outcome per item, those
    /// behind a kept one [`Waiting`](FlushResult::Waiting). Only one flush runs at a time (a
    /// concurrent call waits for it). Each outcome also reaches the
    /// [`on_outcome`](Self::on_outcome) handlers, as it happens.
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
            let outcome = FlushOutcome { item, result };
            self.state.report(&outcome);
            outcomes.push(outcome);
            if keep {
                break;
            }
        }
        for item in items {
            let outcome = FlushOutcome {
                item,
                result: FlushResult::Waiting,
            };
            self.state.report(&outcome);
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// Calls `handler` with every item's outcome, from an explicit [`flush`](Self::flush) or the
    /// background probe's, until the returned guard is dropped: so that an item the API refuses
    /// (it leaves the queue) or keeps is never silent. The handler runs on the flushing task and
    /// must not block.
    ///
    /// ```no_run
    /// # fn demo(queue: cstar_core::offline::OfflineQueue) {
    /// use cstar_core::offline::FlushResult;
    ///
    /// let guard = queue.on_outcome(|outcome| {
    ///     if let FlushResult::Rejected(error) = &outcome.result {
    ///         eprintln!("{} was refused: {error}", outcome.item.describe());
    ///     }
    /// });
    /// # drop(guard); }
    /// ```
    pub fn on_outcome(
        &self,
        handler: impl Fn(&FlushOutcome) + Send + Sync + 'static,
    ) -> Subscription {
        let id = self.state.next_handler.fetch_add(1, Ordering::SeqCst);
        self.state
            .handlers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((id, Arc::new(handler)));
        let state = Arc::downgrade(&self.state);
        Subscription::new(move || {
            if let Some(state) = state.upgrade() {
                state
                    .handlers
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .retain(|(other, _)| *other != id);
            }
        })
    }

    /// Switches the background flush on or off at run time (see
    /// [`ClientBuilder::offline_auto_flush`](crate::ClientBuilder::offline_auto_flush)); on, it
    /// starts probing at once if items wait.
    pub fn set_auto_flush(&self, auto_flush: bool) {
        self.state.auto_flush.store(auto_flush, Ordering::SeqCst);
        if auto_flush && !self.state.store.is_empty().unwrap_or(true) {
            self.state.probe.start(&self.client, &self.state);
        }
    }

    /// Whether the background probe flushes the queue.
    pub fn auto_flush(&self) -> bool {
        self.state.auto_flush.load(Ordering::SeqCst)
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

/// Sends one item as it was first sent; its outcome's metadata.
async fn replay(client: &Client, item: &QueuedItem) -> Result<crate::Meta> {
    let method = Method::from_bytes(item.method.as_bytes()).map_err(|_| {
        Error::InvalidArgument(format!("queued method {:?} is not HTTP", item.method))
    })?;
    let mut spec = RequestSpec::new(method, item.template.clone());
    spec.resolved = Some(item.segments.clone());
    spec.query = item.query.clone();
    spec.body = item.body.clone().map(bytes::Bytes::from);
    spec.options.idempotency_key = Some(item.idempotency_key.clone());
    spec.options.internal = true;
    crate::Call::<Value>::single(client, spec)
        .with_meta()
        .await
        .map(|(_, meta)| meta)
}
