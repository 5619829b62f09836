//! Failures of a Server-Sent Events stream that are neither HTTP statuses nor network errors.

use std::time::Duration;

/// What can break an event stream besides HTTP and the network.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The server answered 2xx with something other than `text/event-stream`.
    #[error("expected a text/event-stream response, got content type {content_type:?}")]
    NotEventStream {
        /// The `Content-Type` it sent.
        content_type: String,
    },
    /// Nothing arrived, not even a heartbeat, for this long: the connection is presumed dead.
    #[error("no data on the event stream for {after:?}")]
    Idle {
        /// The idle timeout that ran out.
        after: Duration,
    },
    /// The response head did not arrive in time.
    #[error("the event stream did not open within {after:?}")]
    OpenTimeout {
        /// The timeout that ran out.
        after: Duration,
    },
    /// A line longer than the parser accepts.
    #[error("an event stream line exceeded {limit} bytes")]
    LineTooLong {
        /// The limit, `MAX_LINE`.
        limit: usize,
    },
}
