//! What a response says about itself: request id, timestamp, pagination, rate-limit budget.

use reqwest::header::{HeaderMap, HeaderName};

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

// Looked up on responses whose body cannot be read: named once here, so no lookup parses a name.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const CSTAR_REQUEST_ID: HeaderName = HeaderName::from_static("x-cstar-request-id");

impl RateLimit {
    /// Reads the four headers (the first value of each, as `HeaderMap::get` would); `None` when
    /// none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let mut rate = Self::default();
        let mut seen = [false; 4];
        // One pass over the few headers of a response instead of four lookups, each of which
        // hashes its name: this runs on every response.
        for (name, value) in headers {
            let Some(which) = name.as_str().strip_prefix("x-ratelimit-") else {
                continue;
            };
            let (index, slot) = match which {
                "limit" => (0, &mut rate.limit),
                "remaining" => (1, &mut rate.remaining),
                "reset" => (2, &mut rate.reset),
                "window" => (3, &mut rate.window),
                _ => continue,
            };
            if !std::mem::replace(&mut seen[index], true) {
                *slot = whole_number(value.as_bytes());
            }
        }
        (rate != Self::default()).then_some(rate)
    }
}

/// A header's decimal number, surrounding spaces allowed (what `str::parse::<u64>` takes after
/// `trim`, without checking the text twice).
fn whole_number(value: &[u8]) -> Option<u64> {
    let digits = value.trim_ascii();
    let digits = digits.strip_prefix(b"+").unwrap_or(digits);
    if digits.is_empty() {
        return None;
    }
    // Up to 19 digits cannot overflow a u64, so the common case needs no overflow checks.
    let checked = digits.len() > 19;
    digits.iter().try_fold(0u64, |n, &b| {
        let digit = u64::from(b.wrapping_sub(b'0'));
        if digit > 9 {
            return None;
        }
        if checked {
            n.checked_mul(10)?.checked_add(digit)
        } else {
            Some(n * 10 + digit)
        }
    })
}

/// The request id from response headers, for responses whose body cannot be read. cStar documents
/// the id in the body; `X-Request-Id` is what our emulator sends and `x-cstar-request-id` is what
/// webhook deliveries carry.
pub(crate) fn request_id_from_headers(headers: &HeaderMap) -> Option<String> {
    [REQUEST_ID, CSTAR_REQUEST_ID]
        .iter()
        .find_map(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::RateLimit;

    #[test]
    fn rate_limit_headers_are_read_first_value_first() {
        let mut headers = HeaderMap::new();
        assert_eq!(RateLimit::from_headers(&headers), None);
        headers.insert("x-request-id", HeaderValue::from_static("req_1"));
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("100"));
        headers.append("x-ratelimit-limit", HeaderValue::from_static("7"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static(" 99 "));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("soon"));
        headers.insert("x-ratelimit-other", HeaderValue::from_static("1"));
        let rate = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(
            (rate.limit, rate.remaining, rate.reset, rate.window),
            (Some(100), Some(99), None, None)
        );
    }

    #[test]
    fn header_numbers_read_like_str_parse() {
        for text in [
            "0",
            " 42 ",
            "+7",
            "18446744073709551615",
            "",
            " ",
            "-1",
            "1.5",
            "4x",
            "18446744073709551616",
            "9999999999999999999",
            "99999999999999999999",
            "000000000000000000000042",
            "+",
            "\u{661}",
        ] {
            assert_eq!(
                super::whole_number(text.as_bytes()),
                text.trim().parse::<u64>().ok(),
                "{text:?}"
            );
        }
    }
}
