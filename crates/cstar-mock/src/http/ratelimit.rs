//! Per-key fixed windows of 3600 s, with the `X-RateLimit-*` headers.

use std::collections::HashMap;

use axum::http::{HeaderMap, HeaderValue};

use crate::model::clock::unix_now;

/// The window length, in seconds.
pub(crate) const WINDOW_SECS: u64 = 3600;

#[derive(Debug, Clone, Copy)]
struct Window {
    start: u64,
    used: u64,
}

/// Request counts per key.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    windows: HashMap<String, Window>,
}

/// The outcome of counting one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verdict {
    pub(crate) allowed: bool,
    pub(crate) limit: u64,
    pub(crate) remaining: u64,
    pub(crate) reset: u64,
}

impl Verdict {
    /// Seconds until the window resets, at least 1.
    pub(crate) fn retry_after(&self) -> u64 {
        self.reset.saturating_sub(unix_now()).max(1)
    }

    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-ratelimit-limit", self.limit),
            ("x-ratelimit-remaining", self.remaining),
            ("x-ratelimit-reset", self.reset),
            ("x-ratelimit-window", WINDOW_SECS),
        ] {
            headers.insert(name, HeaderValue::from(value));
        }
        headers
    }
}

impl RateLimiter {
    /// Counts a request of `key` against `limit`.
    pub(crate) fn count(&mut self, key: &str, limit: u64) -> Verdict {
        let now = unix_now();
        let window = self.windows.entry(key.to_owned()).or_insert(Window {
            start: now,
            used: 0,
        });
        if now >= window.start + WINDOW_SECS {
            *window = Window {
                start: now,
                used: 0,
            };
        }
        let allowed = window.used < limit;
        if allowed {
            window.used += 1;
        }
        Verdict {
            allowed,
            limit,
            remaining: limit.saturating_sub(window.used),
            reset: window.start + WINDOW_SECS,
        }
    }
}
