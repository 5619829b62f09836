//! A request as the dispatcher sees it, and the answer it sends.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue};

use crate::delivery::TestDelivery;
use crate::http::envelope::{Reply, seal};
use crate::http::error::ApiFailure;
use crate::http::idempotency::{Fingerprint, StoredAnswer};
use crate::model::Env;
use crate::store::State;

/// The request as the dispatcher sees it.
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    /// The client's IP (the TCP peer), for per-IP limits.
    pub(crate) ip: &'a str,
}

/// The answer to send: a handler's [`Reply`] sealed with `meta`, and its headers.
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub(crate) status: u16,
    /// The body, `meta` included.
    pub(crate) body: Bytes,
    /// The id in the body, for the `X-Request-Id` header (a replay's is the first answer's).
    pub(crate) request_id: String,
    /// Headers beyond `Content-Type` and `X-Request-Id`.
    pub(crate) headers: HeaderMap,
    /// Whether no route matched (the catch-all).
    pub(crate) unexpected: bool,
}

impl Outgoing {
    pub(crate) fn new(reply: Reply, request_id: &str, headers: HeaderMap) -> Self {
        Self {
            status: reply.status,
            body: seal(reply.body, request_id),
            request_id: request_id.to_owned(),
            headers,
            unexpected: false,
        }
    }

    pub(crate) fn failure(failure: &ApiFailure, request_id: &str, headers: HeaderMap) -> Self {
        Self::new(failure.reply(request_id), request_id, headers)
    }

    /// A 429 with `Retry-After` and `retryAfter`.
    pub(crate) fn rate_limited(retry_after: u64, request_id: &str, mut headers: HeaderMap) -> Self {
        headers.insert("retry-after", HeaderValue::from(retry_after));
        Self::failure(&ApiFailure::rate_limited(retry_after), request_id, headers)
    }

    /// The catch-all: 404 `route_not_found`, recorded as unexpected.
    pub(crate) fn no_route(method: &str, path: &str, request_id: &str) -> Self {
        let failure = ApiFailure::no_route(method, path);
        Self {
            unexpected: true,
            ..Self::failure(&failure, request_id, HeaderMap::new())
        }
    }
}

/// Where a request's answer is kept for idempotent replays, once it is known.
#[derive(Debug)]
pub(crate) struct Remember {
    pub(crate) env: Env,
    pub(crate) key: String,
    pub(crate) fingerprint: Fingerprint,
}

impl Remember {
    /// Stores the final answer under the request's idempotency key.
    pub(crate) fn store(self, state: &mut State, answer: &Outgoing) {
        let stored = StoredAnswer {
            status: answer.status,
            body: answer.body.clone(),
            request_id: answer.request_id.clone(),
        };
        state
            .idempotency
            .store(self.env, &self.key, self.fingerprint, stored);
    }
}

/// A request admitted and applied whose answer needs async work first (a test delivery): the
/// dispatcher does it outside the lock, builds the answer, and stores it for replays.
#[derive(Debug)]
pub(crate) struct Deferred {
    pub(crate) test: TestDelivery,
    pub(crate) remember: Option<Remember>,
}
