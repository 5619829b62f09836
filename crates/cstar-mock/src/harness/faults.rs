//! Failures a test can ask for, consumed one per API request in the order queued.

use std::time::Duration;

use serde::Deserialize;

/// One injected failure, queued with [`MockServer::inject`](crate::MockServer::inject) or the
/// `fail_next` / `delay_next` / ... helpers.
///
/// Queued faults apply only to requests whose path starts with `/api/`, one per request, in the
/// order queued, before the request is authenticated; a faulted request is still recorded.
///
/// ```
/// use std::time::Duration;
/// use cstar_mock::{Fault, MockServer};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = MockServer::start().await?;
/// server.inject(Fault::Delay { duration: Duration::from_millis(20) });
/// server.inject(Fault::Fail { status: 503 });
/// server.inject(Fault::DropResponseAfterApply);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this status with a matching error envelope (`api_error` / `internal_error` for a
    /// 5xx, `service_unavailable` for a 503, the documented type and code for a 4xx); the
    /// request is not applied.
    Fail {
        /// The HTTP status, 400..=599 (anything else is answered as 500).
        status: u16,
    },
    /// Wait this long, then handle the request normally.
    Delay {
        /// How long.
        duration: Duration,
    },
    /// Send 200 headers promising more body than follows, part of a body, then abort the
    /// connection; the request is not applied.
    DropConnection,
    /// Apply the request (and store its idempotent answer), then send its status and half its
    /// body and abort the connection: a retry with the same `Idempotency-Key` must replay.
    DropResponseAfterApply,
    /// Answer 200 `application/json` with a truncated, invalid JSON body; not applied.
    MalformedBody,
    /// Answer 429 `rate_limit_exceeded` with this `Retry-After` and `retryAfter`; not applied.
    RateLimit {
        /// Seconds in `Retry-After` and `retryAfter`.
        retry_after_secs: u64,
    },
}

impl Fault {
    /// The fault as the control routes show it, in the shape `POST /__cstar_mock/faults` takes.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Self::Fail { status } => json!({"kind": "fail", "status": status}),
            Self::Delay { duration } => {
                let ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
                json!({"kind": "delay", "ms": ms})
            }
            Self::DropConnection => json!({"kind": "drop_connection"}),
            Self::DropResponseAfterApply => json!({"kind": "drop_response_after_apply"}),
            Self::MalformedBody => json!({"kind": "malformed_body"}),
            Self::RateLimit { retry_after_secs } => {
                json!({"kind": "rate_limit", "retry_after": retry_after_secs})
            }
        }
    }
}

/// A fault as the control route takes it: `{"kind": "fail", "status": 503, "count": 2}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum FaultRequest {
    Fail {
        status: u16,
        #[serde(default = "one")]
        count: usize,
    },
    Delay {
        ms: u64,
        #[serde(default = "one")]
        count: usize,
    },
    DropConnection {
        #[serde(default = "one")]
        count: usize,
    },
    DropResponseAfterApply {
        #[serde(default = "one")]
        count: usize,
    },
    MalformedBody {
        #[serde(default = "one")]
        count: usize,
    },
    RateLimit {
        retry_after: u64,
        #[serde(default = "one")]
        count: usize,
    },
}

fn one() -> usize {
    1
}

impl FaultRequest {
    /// The fault and how many times to queue it, or why it makes no sense.
    pub(crate) fn into_fault(self) -> Result<(Fault, usize), String> {
        Ok(match self {
            Self::Fail { status, .. } if !(400..=599).contains(&status) => {
                return Err(format!(
                    "a fail fault needs a 4xx or 5xx status, not {status}"
                ));
            }
            Self::Fail { status, count } => (Fault::Fail { status }, count),
            Self::Delay { ms, count } => (
                Fault::Delay {
                    duration: Duration::from_millis(ms),
                },
                count,
            ),
            Self::DropConnection { count } => (Fault::DropConnection, count),
            Self::DropResponseAfterApply { count } => (Fault::DropResponseAfterApply, count),
            Self::MalformedBody { count } => (Fault::MalformedBody, count),
            Self::RateLimit { retry_after, count } => (
                Fault::RateLimit {
                    retry_after_secs: retry_after,
                },
                count,
            ),
        })
    }
}
