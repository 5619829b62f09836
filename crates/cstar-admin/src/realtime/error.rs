//! What the realtime connection reports through `on_error`.

/// A realtime failure; none of them panics or silently loses an event.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RealtimeError {
    /// The connection failed or dropped; it reconnects by itself.
    #[error("realtime connection lost: {0}")]
    Disconnected(cstar_core::Error),
    /// The connection failed in a way reconnecting cannot fix (a bad key is
    /// [`Error::Authentication`](cstar_core::Error::Authentication)); it stays closed until the
    /// next subscription.
    #[error("realtime connection stopped: {0}")]
    Stopped(cstar_core::Error),
    /// A subscription's queue stayed full past the stall timeout, so this event was dropped for
    /// it (and only for it).
    #[error("subscription {pattern:?} is too slow: event {event_id} was dropped for it")]
    Lagged {
        /// The subscription's pattern.
        pattern: String,
        /// The event it missed.
        event_id: String,
    },
    /// A frame whose data is not an event envelope; it was skipped.
    #[error("undecodable realtime event {event_id:?}: {source}")]
    Decode {
        /// The frame's id, if it had one.
        event_id: Option<String>,
        /// What the JSON decoder said.
        #[source]
        source: serde_json::Error,
    },
    /// The server could not resume after `last_event_id` (older than its replay log, or never
    /// logged): events between it and the new connection may have been missed, and were not
    /// replayed. Events from now on flow as usual; reconcile the missed ones through the API.
    #[error(
        "realtime gap: the server cannot resume after event {last_event_id}; events since then may be missing"
    )]
    Gap {
        /// The id the connection asked to resume after.
        last_event_id: String,
    },
    /// A subscription was made outside a Tokio runtime, so nothing could be started.
    #[error("realtime subscriptions need a Tokio runtime; subscribe from inside one")]
    NoRuntime,
}
