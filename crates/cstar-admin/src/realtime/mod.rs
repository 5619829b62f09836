//! Realtime events (feature `realtime`): the JS SDK's `cstar.realtime.on('ticket.*', handler)`,
//! without its gaps.
//!
//! Events arrive over one Server-Sent Events connection per client (`GET
//! /api/v1/teams/{teamId}/webhooks/listen`, the stream behind `cstar listen`), in the same
//! envelope as webhooks ([`Event`]). The connection opens lazily with the first subscription and
//! closes when the last one goes or the client is dropped. It reconnects with backoff and
//! resumes with `Last-Event-ID`, and ids already delivered are dropped, so events published
//! while it was down are delivered once and in order (as far back as the server's replay log
//! reaches). Errors retrying cannot fix, such as a bad key, stop it and are reported through
//! [`Realtime::on_error`] instead of spinning; a later subscription tries again.
//!
//! ```no_run
//! use futures_util::StreamExt;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) {
//! let realtime = cstar.realtime();
//! let tickets = realtime.on("ticket.*", |event| println!("{} {}", event.event_type, event.id));
//! let _errors = realtime.on_error(|error| eprintln!("realtime: {error}"));
//!
//! // Or as a stream, for async work per event:
//! let mut customers = realtime.subscribe("customer.*");
//! while let Some(event) = customers.next().await {
//!     println!("customer event {}", event.id);
//! }
//! tickets.unsubscribe(); // or drop it
//! # }
//! ```
//!
//! # Buffering and slow consumers
//!
//! One reader task reads the connection and hands each event to every matching subscription's
//! own queue ([`RealtimeConfig::buffer`] events, 1024 by default); each handler runs in its own
//! task, so a slow handler delays only itself. When a queue is full the reader waits for room
//! for up to [`RealtimeConfig::stall_timeout`] (5 s by default), which absorbs bursts without
//! loss; if the subscriber is still stuck after that, that one event is dropped for that one
//! subscription and [`RealtimeError::Lagged`] is reported through `on_error`. Other
//! subscriptions never lose events because of it.
//!
//! Handlers and listeners need a Tokio runtime: subscribe from inside one. Connection and error
//! listeners run on the reader task and should return quickly.

mod error;
mod hub;
mod subscription;

use std::sync::Arc;
use std::time::Duration;

use cstar_core::sse::SseOptions;
pub use cstar_webhook::{Event, EventType};

pub use cstar_core::Subscription;
pub use error::RealtimeError;
pub(crate) use hub::Hub;
pub use subscription::EventStream;

/// How the realtime connection behaves; set it with
/// [`CStarClientBuilder::realtime`](crate::CStarClientBuilder::realtime).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RealtimeConfig {
    /// The stream's path below `/api/v1/teams/{teamId}` (default `/webhooks/listen`).
    pub path: String,
    /// Events queued per subscription before the reader waits (default 1024).
    pub buffer: usize,
    /// How long the reader waits for room in a full queue before dropping the event for that
    /// subscription (default 5 s).
    pub stall_timeout: Duration,
    /// Reconnection and idle-timeout settings.
    pub sse: SseOptions,
    /// Where the first connection resumes: the id of the last event this consumer finished
    /// with, kept durably by the caller (default none: start with the next event).
    pub resume_from: Option<String>,
}

impl Default for RealtimeConfig {
    fn default() -> Self {
        Self {
            path: "/webhooks/listen".to_owned(),
            buffer: 1024,
            stall_timeout: Duration::from_secs(5),
            sse: SseOptions::default(),
            resume_from: None,
        }
    }
}

impl RealtimeConfig {
    /// Sets the stream's path below the team scope.
    #[must_use]
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Sets the per-subscription queue length (at least 1).
    #[must_use]
    pub fn buffer(mut self, events: usize) -> Self {
        self.buffer = events.max(1);
        self
    }

    /// Sets how long the reader waits on a full queue.
    #[must_use]
    pub fn stall_timeout(mut self, timeout: Duration) -> Self {
        self.stall_timeout = timeout;
        self
    }

    /// Sets the reconnection and idle-timeout settings.
    #[must_use]
    pub fn sse(mut self, options: SseOptions) -> Self {
        self.sse = options;
        self
    }

    /// Starts the stream after `event_id` instead of at the next event: a consumer that keeps
    /// the id of the last event it finished with (a durable cursor, written with its effects)
    /// picks up where it stopped across restarts and deploys, as far back as the server's
    /// replay log reaches.
    ///
    /// When the server no longer holds events after that id, nothing is replayed and
    /// [`RealtimeError::Gap`] is reported through [`Realtime::on_error`]: the consumer then
    /// knows events were missed and can reconcile through the REST API (list what changed
    /// since its last cursor) instead of losing them silently.
    ///
    /// ```no_run
    /// use cstar_admin::CStarClient;
    /// use cstar_admin::realtime::{RealtimeConfig, RealtimeError};
    ///
    /// # async fn demo(saved_cursor: String) -> cstar_admin::Result<()> {
    /// let cstar = CStarClient::builder()
    ///     .api_key("sk_live_...")
    ///     .team_id("team_uuid")
    ///     .realtime(RealtimeConfig::default().resume_from(saved_cursor))
    ///     .build()?;
    /// let realtime = cstar.realtime();
    /// let _gaps = realtime.on_error(|error| {
    ///     if let RealtimeError::Gap { last_event_id } = error {
    ///         eprintln!("missed events after {last_event_id}: reconcile through the API");
    ///     }
    /// });
    /// let _tickets = realtime.on("ticket.*", |event| println!("{}", event.id));
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn resume_from(mut self, event_id: impl Into<String>) -> Self {
        self.resume_from = Some(event_id.into()).filter(|id| !id.is_empty());
        self
    }
}

/// The realtime hub of one client: subscribe to events, watch the connection.
///
/// Cheap to clone; every clone (and the client it came from) shares one connection.
#[derive(Clone, Debug)]
pub struct Realtime {
    hub: Arc<Hub>,
}

impl Realtime {
    pub(crate) fn new(hub: Arc<Hub>) -> Self {
        Self { hub }
    }

    /// Calls `handler` for every event whose type matches `pattern`: an exact type
    /// (`ticket.created`), `resource.*` (the part before the first dot: `customer.*` does not
    /// match `customer_group.created`), or `*`. Events reach the handler in order, one at a
    /// time, on a task of its own.
    ///
    /// Dropping the returned guard unsubscribes; keep it for as long as events should flow, or
    /// [`detach`](Subscription::detach) it.
    pub fn on<F>(&self, pattern: impl Into<String>, handler: F) -> Subscription
    where
        F: FnMut(Event) + Send + 'static,
    {
        Hub::on(&self.hub, pattern.into(), handler)
    }

    /// Calls `handler` for every event.
    pub fn on_any<F>(&self, handler: F) -> Subscription
    where
        F: FnMut(Event) + Send + 'static,
    {
        self.on("*", handler)
    }

    /// The events matching `pattern` as a [`Stream`](futures_core::Stream); dropping it
    /// unsubscribes.
    pub fn subscribe(&self, pattern: impl Into<String>) -> EventStream {
        Hub::subscribe(&self.hub, pattern.into())
    }

    /// Calls `listener(true)` when the connection opens and `listener(false)` when it drops.
    pub fn on_connection_change<F>(&self, listener: F) -> Subscription
    where
        F: Fn(bool) + Send + Sync + 'static,
    {
        Hub::on_connection_change(&self.hub, Arc::new(listener))
    }

    /// Calls `listener` for every connection failure, lagging subscription and undecodable
    /// event. Without any error listener they are logged with `tracing` at `warn`.
    pub fn on_error<F>(&self, listener: F) -> Subscription
    where
        F: Fn(&RealtimeError) + Send + Sync + 'static,
    {
        Hub::on_error(&self.hub, Arc::new(listener))
    }

    /// Whether the connection is open right now.
    pub fn is_connected(&self) -> bool {
        self.hub.is_connected()
    }
}
