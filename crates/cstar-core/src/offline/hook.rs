//! How the offline queue plugs into the execution seam: the builder options that install it,
//! the state it shares with its [`OfflineQueue`] handles, and the [`CallHook`] that keeps a
//! mutation nothing answered.

use std::any::Any;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, UNIX_EPOCH};

use reqwest::Method;

use super::item::NewItem;
use super::probe::Probe;
use super::queue::{FlushOutcome, OfflineQueue};
use super::store::QueueStore;
use crate::builder::ClientBuilder;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::hook::{CallHook, Closing, GaveUp};
use crate::request::RequestSpec;

/// A handler of flush outcomes.
pub(super) type OutcomeHandler = Arc<dyn Fn(&FlushOutcome) + Send + Sync>;

/// What a client's queue handles share: the store, the one flush that may run at a time, the
/// probe and the outcome handlers.
pub(super) struct OfflineState {
    pub(super) store: Arc<dyn QueueStore>,
    pub(super) flushing: tokio::sync::Mutex<()>,
    pub(super) probe_interval: Mutex<Duration>,
    pub(super) auto_flush: AtomicBool,
    pub(super) probe: Probe,
    pub(super) handlers: Mutex<Vec<(u64, OutcomeHandler)>>,
    pub(super) next_handler: AtomicU64,
}

impl OfflineState {
    pub(super) fn probe_interval(&self) -> Duration {
        *self
            .probe_interval
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Tells every handler how one item ended.
    pub(super) fn report(&self, outcome: &FlushOutcome) {
        let handlers: Vec<OutcomeHandler> = self
            .handlers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(_, handler)| Arc::clone(handler))
            .collect();
        for handler in handlers {
            handler(outcome);
        }
    }
}

/// The hook the builder installs.
pub(super) struct OfflineHook {
    pub(super) state: Arc<OfflineState>,
}

impl CallHook for OfflineHook {
    fn on_build(&self, client: &Client) {
        // Items left by an earlier run go out once the API answers.
        if !self.state.store.is_empty().unwrap_or(true) {
            self.state.probe.start(client, &self.state);
        }
    }

    /// Keeps the call when it is a mutation and the failure is that no whole answer arrived:
    /// nothing answered, or the answer was cut short (its outcome is unknown, and the replay
    /// under the same idempotency key is applied at most once).
    fn on_give_up(&self, client: &Client, call: &GaveUp<'_>, error: Error) -> Error {
        if !is_mutation(&call.spec.method) {
            return error;
        }
        let source = match error {
            Error::Network { source, .. } => source,
            Error::ConnectionClosed(closed) => closed.source,
            other => return other,
        };
        let key = call
            .idempotency_key
            .map_or_else(crate::runtime::uuid_v4, str::to_owned);
        let stored = new_item(
            call.spec,
            call.segments.iter().map(|s| (*s).to_owned()).collect(),
            key,
        )
        .and_then(|item| Ok(self.state.store.push(item)?));
        match stored {
            Ok(item) => {
                self.state.probe.start(client, &self.state);
                Error::Queued {
                    item: Box::new(item),
                    source,
                }
            }
            // Not kept: the caller must hear that, with the store's reason.
            Err(store_error) => store_error,
        }
    }

    fn close(&self) -> Closing {
        let state = Arc::clone(&self.state);
        Box::pin(async move {
            state.probe.stop().await;
            // An explicit flush in progress ends (its sends now fail as closed) before close
            // returns, so the store is left between two of its atomic steps.
            drop(state.flushing.lock().await);
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl ClientBuilder {
    /// Keeps mutations that cannot reach the API in `store` and sends them when it is back (see
    /// [`offline`](crate::offline)); the API is probed every
    /// [`DEFAULT_PROBE_INTERVAL`](crate::offline::DEFAULT_PROBE_INTERVAL) while items wait.
    pub fn offline(mut self, store: impl QueueStore) -> Self {
        let (interval, auto_flush) =
            self.offline_state()
                .map_or((super::DEFAULT_PROBE_INTERVAL, true), |state| {
                    (
                        state.probe_interval(),
                        state.auto_flush.load(Ordering::SeqCst),
                    )
                });
        let state = OfflineState {
            store: Arc::new(store),
            flushing: tokio::sync::Mutex::new(()),
            probe_interval: Mutex::new(interval),
            auto_flush: AtomicBool::new(auto_flush),
            probe: Probe::default(),
            handlers: Mutex::new(Vec::new()),
            next_handler: AtomicU64::new(0),
        };
        self.hook = Some(Arc::new(OfflineHook {
            state: Arc::new(state),
        }));
        self
    }

    /// How often to probe the API while items wait (after [`offline`](Self::offline)).
    pub fn offline_probe_interval(self, interval: Duration) -> Self {
        if let Some(state) = self.offline_state() {
            *state
                .probe_interval
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = interval;
        }
        self
    }

    /// Whether the background probe flushes the queue once the API is back (default `true`;
    /// after [`offline`](Self::offline)). With `false`, items wait for
    /// [`OfflineQueue::flush`]; [`OfflineQueue::set_auto_flush`] switches it at run time.
    pub fn offline_auto_flush(self, auto_flush: bool) -> Self {
        if let Some(state) = self.offline_state() {
            state.auto_flush.store(auto_flush, Ordering::SeqCst);
        }
        self
    }

    fn offline_state(&self) -> Option<&Arc<OfflineState>> {
        let hook = self.hook.as_ref()?.as_any().downcast_ref::<OfflineHook>()?;
        Some(&hook.state)
    }
}

impl Client {
    /// The offline queue, when the client was built with a store.
    pub fn offline_queue(&self) -> Option<OfflineQueue> {
        let hook = self.hook()?.as_any().downcast_ref::<OfflineHook>()?;
        Some(OfflineQueue::new(self.clone(), Arc::clone(&hook.state)))
    }
}

pub(super) fn is_mutation(method: &Method) -> bool {
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

/// The item to store for a spec whose route resolved to `segments`.
pub(super) fn new_item(
    spec: &RequestSpec,
    segments: Vec<String>,
    idempotency_key: String,
) -> Result<NewItem> {
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
        segments,
        query: spec.query.clone(),
        body,
        idempotency_key,
        enqueued_at_ms: now_ms(),
    })
}
