//! A response cut short: its head arrived, its body did not.

/// The server answered, then the connection closed before the whole body arrived (a proxy or
/// load balancer dropped it, the server crashed mid-answer, the network went away).
///
/// Not a decoding problem: the bytes that arrived were fine, there were just not all of them.
/// Whether the server applied the call is unknown; a call with an
/// [`idempotency_key`](Self::idempotency_key) may be repeated with that key safely.
#[derive(Debug, thiserror::Error)]
#[error(
    "the connection closed before the whole response arrived (HTTP {status}, request id {})",
    request_id.as_deref().unwrap_or("unknown")
)]
#[non_exhaustive]
pub struct ConnectionClosedError {
    /// The HTTP status the response's head carried.
    pub status: u16,
    /// The request id from the response's headers, when it sent one.
    pub request_id: Option<String>,
    /// The idempotency key the call was sent with (see
    /// [`Error::idempotency_key`](crate::Error::idempotency_key)).
    pub idempotency_key: Option<String>,
    /// The transport's own error.
    #[source]
    pub source: reqwest::Error,
}
