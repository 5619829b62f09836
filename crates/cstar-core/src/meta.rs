//! What a response says about itself: request id, timestamp, pagination, rate-limit budget.

use reqwest::header::HeaderMap;

/// Metadata of one response.
///
/// Get it race-free per call with `.with_meta()`, or read the client's `last_meta()` right after a
/// call, as the JS SDK's `lastMeta` (overwritten by every successful call, so concurrent calls
/// race on it; prefer `.with_meta()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meta {
    /// The HTTP status.
    pub status: u16,
    /// `meta.requestId` (or the `X-Request-Id` response header).
    pub request_id: Option<String>,
    /// `meta.timestamp`, as sent (RFC 3339).
    pub timestamp: Option<String>,
    /// Pagination of a list response.
    pub pagination: Option<Pagination>,
    /// The `X-RateLimit-*` headers.
    pub rate_limit: Option<RateLimit>,
    /// Whether the server replayed a stored response for a reused idempotency key.
    pub idempotent_replay: bool,
}

/// Where a list page sits in the whole result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pagination {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
    /// Items in the whole result, when sent.
    pub total: Option<u64>,
    /// Pages in the whole result, when sent.
    pub total_pages: Option<u32>,
    /// Whether a next page exists: `hasMore` when sent, otherwise derived from the totals.
    pub has_more: bool,
}

/// The request budget of the key, from the `X-RateLimit-*` headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: requests allowed per window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in this window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: when the window resets, in Unix seconds.
    pub reset: Option<u64>,
    /// `X-RateLimit-Window`: the window length in seconds.
    pub window: Option<u64>,
}

impl RateLimit {
    /// Reads the four headers; `None` when none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let rate = Self {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: number("x-ratelimit-reset"),
            window: number("x-ratelimit-window"),
        };
        (rate != Self::default()).then_some(rate)
    }
}

/// The request id from response headers, for responses whose body cannot be read. cStar documents
/// the id in the body; `X-Request-Id` is what our emulator sends and `x-cstar-request-id` is what
/// webhook deliveries carry.
pub(crate) fn request_id_from_headers(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "x-cstar-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
