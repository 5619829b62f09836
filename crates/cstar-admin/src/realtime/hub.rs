//! The shared state behind [`Realtime`](super::Realtime): subscriptions, listeners, and the one
//! reader task that owns the connection.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use cstar_core::reqwest::Method;
use cstar_core::sse::{EventSource, SseEvent, SseItem};
use tokio::sync::mpsc::{self, error::SendTimeoutError, error::TrySendError};
use tokio::task::JoinHandle;

use super::subscription::{EventStream, ListenerKind, listener_guard, route_guard};
use super::{Event, RealtimeConfig, RealtimeError};
use crate::scope::TeamScope;
use cstar_core::Subscription;

pub(super) type ConnectionListener = Arc<dyn Fn(bool) + Send + Sync>;
pub(super) type ErrorListener = Arc<dyn Fn(&RealtimeError) + Send + Sync>;

/// One client's realtime state.
pub(crate) struct Hub {
    scope: TeamScope,
    config: RealtimeConfig,
    connected: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next_id: u64,
    subscriptions: Vec<Route>,
    connection_listeners: Vec<(u64, ConnectionListener)>,
    error_listeners: Vec<(u64, ErrorListener)>,
    reader: Option<JoinHandle<()>>,
    /// The `types=` filter the running reader asked for (empty: every event).
    filter: String,
    /// The id of the last event read, so that a reconnect for a new filter resumes after it.
    last_event_id: Option<String>,
    /// `close()` was called: no reader starts again.
    closed: bool,
}

/// Where events for one subscription go.
struct Route {
    id: u64,
    pattern: String,
    queue: mpsc::Sender<Event>,
}

impl fmt::Debug for Hub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("Hub")
            .field("path", &self.config.path)
            .field("connected", &self.is_connected())
            .field("subscriptions", &state.subscriptions.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Some(reader) = state.reader.take() {
            reader.abort();
        }
    }
}

impl Hub {
    pub(crate) fn new(scope: TeamScope, config: RealtimeConfig) -> Self {
        Self {
            scope,
            connected: AtomicBool::new(false),
            state: Mutex::new(State {
                last_event_id: config.resume_from.clone(),
                ..State::default()
            }),
            config,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn is_connected(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
    }

    pub(super) fn on<F>(hub: &Arc<Self>, pattern: String, mut handler: F) -> Subscription
    where
        F: FnMut(Event) + Send + 'static,
    {
        let (id, mut events) = Self::add_route(hub, pattern);
        let task = tokio::runtime::Handle::try_current().ok().map(|runtime| {
            runtime.spawn(async move {
                while let Some(event) = events.recv().await {
                    handler(event);
                }
            })
        });
        route_guard(Arc::downgrade(hub), id, task)
    }

    pub(super) fn subscribe(hub: &Arc<Self>, pattern: String) -> EventStream {
        let (id, events) = Self::add_route(hub, pattern);
        EventStream::new(route_guard(Arc::downgrade(hub), id, None), events)
    }

    fn add_route(hub: &Arc<Self>, pattern: String) -> (u64, mpsc::Receiver<Event>) {
        let (queue, events) = mpsc::channel(hub.config.buffer.max(1));
        let mut state = hub.lock();
        state.next_id += 1;
        let id = state.next_id;
        state.subscriptions.push(Route { id, pattern, queue });
        Self::connect_for(hub, state);
        (id, events)
    }

    /// Removes a subscription; the last one closes the connection, and a narrower union of
    /// patterns reconnects with the narrower filter.
    pub(super) fn remove_route(hub: &Arc<Self>, id: u64) {
        let mut state = hub.lock();
        state.subscriptions.retain(|r| r.id != id);
        if state.subscriptions.is_empty() {
            if let Some(reader) = state.reader.take() {
                reader.abort();
            }
            drop(state);
            hub.set_connected(false);
        } else {
            Self::connect_for(hub, state);
        }
    }

    /// Makes sure a reader runs whose server-side `types=` filter is the union of the
    /// subscribed patterns, replacing one started for another union (resuming after the last
    /// event it read, so nothing falls between the two).
    fn connect_for<'a>(hub: &'a Arc<Self>, mut state: MutexGuard<'a, State>) {
        let mut filter = types_filter(state.subscriptions.iter().map(|r| r.pattern.as_str()));
        let running = state.reader.as_ref().is_some_and(|r| !r.is_finished());
        if state.closed || (running && state.filter == filter) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            drop(state);
            hub.report(&RealtimeError::NoRuntime);
            return;
        };
        if let Some(reader) = state.reader.take() {
            reader.abort();
            // The old connection is gone until the new one opens: say so (listeners run
            // without the lock), then look again, since subscriptions may have changed.
            drop(state);
            hub.set_connected(false);
            state = hub.lock();
            if state.closed || state.reader.is_some() || state.subscriptions.is_empty() {
                return;
            }
            filter = types_filter(state.subscriptions.iter().map(|r| r.pattern.as_str()));
        }
        let mut spec = hub.scope.spec(Method::GET, hub.config.path.clone());
        if !filter.is_empty() {
            spec = spec.query("types", filter.clone());
        }
        let mut source = EventSource::new(hub.scope.client.clone(), spec, hub.config.sse);
        if let Some(id) = &state.last_event_id {
            source = source.resume_after(id.clone());
        }
        state.filter = filter;
        state.reader = Some(runtime.spawn(read(Arc::downgrade(hub), source)));
    }

    /// Stops the reader for good and waits until it has ended (its connection is closed); every
    /// subscription's stream ends.
    pub(crate) async fn close(&self) {
        let reader = {
            let mut state = self.lock();
            state.closed = true;
            state.subscriptions.clear();
            state.reader.take()
        };
        if let Some(reader) = reader {
            reader.abort();
            // Cancelled, or it had ended: either way the connection is gone.
            let _ = reader.await;
        }
        self.set_connected(false);
    }

    pub(super) fn on_connection_change(
        hub: &Arc<Self>,
        listener: ConnectionListener,
    ) -> Subscription {
        let mut state = hub.lock();
        state.next_id += 1;
        let id = state.next_id;
        state.connection_listeners.push((id, listener));
        listener_guard(Arc::downgrade(hub), ListenerKind::Connection, id)
    }

    pub(super) fn on_error(hub: &Arc<Self>, listener: ErrorListener) -> Subscription {
        let mut state = hub.lock();
        state.next_id += 1;
        let id = state.next_id;
        state.error_listeners.push((id, listener));
        listener_guard(Arc::downgrade(hub), ListenerKind::Error, id)
    }

    pub(super) fn remove_listener(&self, kind: ListenerKind, id: u64) {
        let mut state = self.lock();
        match kind {
            ListenerKind::Connection => state.connection_listeners.retain(|(i, _)| *i != id),
            ListenerKind::Error => state.error_listeners.retain(|(i, _)| *i != id),
        }
    }

    fn set_connected(&self, connected: bool) {
        if self.connected.swap(connected, Ordering::SeqCst) == connected {
            return;
        }
        // Listeners are called without the lock held, so they may subscribe or unsubscribe.
        let listeners: Vec<ConnectionListener> = self
            .lock()
            .connection_listeners
            .iter()
            .map(|(_, l)| Arc::clone(l))
            .collect();
        for listener in listeners {
            listener(connected);
        }
    }

    fn report(&self, error: &RealtimeError) {
        let listeners: Vec<ErrorListener> = self
            .lock()
            .error_listeners
            .iter()
            .map(|(_, l)| Arc::clone(l))
            .collect();
        if listeners.is_empty() {
            tracing::warn!(%error, "cstar realtime");
        }
        for listener in listeners {
            listener(error);
        }
    }

    /// Hands one event to every matching subscription, waiting (bounded) on full queues.
    async fn dispatch(&self, frame: SseEvent) {
        if frame.event == GAP_EVENT {
            self.report(&gap(&frame.data));
            return;
        }
        let event: Event = match serde_json::from_str(&frame.data) {
            Ok(event) => event,
            Err(source) => {
                self.report(&RealtimeError::Decode {
                    event_id: frame.id,
                    source,
                });
                return;
            }
        };
        let targets: Vec<(String, mpsc::Sender<Event>)> = self
            .lock()
            .subscriptions
            .iter()
            .filter(|r| event.event_type.matches(&r.pattern))
            .map(|r| (r.pattern.clone(), r.queue.clone()))
            .collect();
        for (pattern, queue) in targets {
            match queue.try_send(event.clone()) {
                Ok(()) | Err(TrySendError::Closed(_)) => {}
                Err(TrySendError::Full(event)) => {
                    match queue.send_timeout(event, self.config.stall_timeout).await {
                        Ok(()) | Err(SendTimeoutError::Closed(_)) => {}
                        Err(SendTimeoutError::Timeout(event)) => {
                            self.report(&RealtimeError::Lagged {
                                pattern,
                                event_id: event.id,
                            });
                        }
                    }
                }
            }
        }
    }
}

/// The frame type a server sends when it cannot resume after the `Last-Event-ID` asked for.
const GAP_EVENT: &str = "cstar.gap";

/// The gap a `cstar.gap` frame announces; a frame too garbled to name its id still reports a gap.
fn gap(data: &str) -> RealtimeError {
    let last_event_id = serde_json::from_str::<serde_json::Value>(data)
        .ok()
        .and_then(|v| v.get("lastEventId")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    RealtimeError::Gap { last_event_id }
}

/// The reader task: owns the connection, holds the hub only weakly so that dropping the client
/// ends it.
async fn read(hub: Weak<Hub>, mut source: EventSource) {
    while let Some(item) = source.next().await {
        let Some(hub) = hub.upgrade() else {
            return;
        };
        match item {
            SseItem::Connected => hub.set_connected(true),
            SseItem::Event(frame) => {
                if let Some(id) = &frame.id {
                    hub.lock().last_event_id = Some(id.clone());
                }
                hub.dispatch(frame).await;
            }
            SseItem::Disconnected { error, .. } => {
                hub.set_connected(false);
                if let Some(error) = error {
                    hub.report(&RealtimeError::Disconnected(error));
                }
            }
            SseItem::Failed(error) => {
                hub.set_connected(false);
                hub.report(&RealtimeError::Stopped(error));
            }
            _ => {}
        }
    }
}

/// The `types=` value for these patterns: their sorted, deduplicated union, or empty (no
/// filter) when one of them is `*` or there are none.
fn types_filter<'a>(patterns: impl Iterator<Item = &'a str>) -> String {
    let mut union: Vec<&str> = Vec::new();
    for pattern in patterns {
        if pattern == "*" {
            return String::new();
        }
        union.push(pattern);
    }
    union.sort_unstable();
    union.dedup();
    union.join(",")
}

#[cfg(test)]
mod tests {
    use super::{gap, types_filter};
    use crate::realtime::RealtimeError;

    #[test]
    fn a_gap_frame_names_its_id_and_a_garbled_one_still_is_a_gap() {
        let named = gap(r#"{"type":"cstar.gap","lastEventId":"evt_9"}"#);
        assert!(matches!(named, RealtimeError::Gap { last_event_id } if last_event_id == "evt_9"));
        let garbled = gap("not json");
        assert!(
            matches!(garbled, RealtimeError::Gap { last_event_id } if last_event_id.is_empty())
        );
    }

    #[test]
    fn the_filter_is_the_union_and_a_star_lifts_it() {
        let filter = types_filter(["ticket.*", "customer.created", "ticket.*"].into_iter());
        assert_eq!(filter, "customer.created,ticket.*");
        assert_eq!(types_filter(["ticket.*", "*"].into_iter()), "");
    }
}
