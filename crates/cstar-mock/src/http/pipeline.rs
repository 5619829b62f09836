//! Everything between "a request arrived" and "a route ran": route match, auth, rate limit,
//! team scope, publishable-key writes, idempotency. It runs under the state lock, so checking an
//! idempotency key and applying the request are one atomic step.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue};

use crate::api::admin::{Ctx, Endpoint, resolve};
use crate::delivery::TestDelivery;
use crate::http::envelope::{Reply, seal};
use crate::http::error::ApiFailure;
use crate::http::idempotency::{Fingerprint, Lookup, StoredAnswer};
use crate::http::keys::{Caller, authenticate};
use crate::model::{Env, KeyKind};
use crate::store::State;

/// The request as the pipeline sees it.
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

/// The answer to send.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// The body, `meta` included.
    pub(crate) body: Bytes,
    /// The id in the body, for the `X-Request-Id` header (a replay's is the first answer's).
    pub(crate) request_id: String,
    /// Headers beyond `Content-Type` and `X-Request-Id`.
    pub(crate) headers: HeaderMap,
    /// Whether no route matched (the catch-all).
    pub(crate) unexpected: bool,
    /// Work the handler finishes outside the lock before it can answer (a test delivery).
    pub(crate) deferred: Option<Deferred>,
}

/// A request admitted and checked whose answer needs async work first: the handler does it,
/// builds the answer, and stores it for idempotent replays as the pipeline would have.
#[derive(Debug)]
pub(crate) struct Deferred {
    pub(crate) test: TestDelivery,
    pub(crate) idempotency: Option<(Env, String, Fingerprint)>,
}

impl Deferred {
    /// Stores the final answer under the request's idempotency key, if it had one.
    pub(crate) fn remember(self, state: &mut State, answer: &Answer) {
        if let Some((env, key, fingerprint)) = self.idempotency {
            let stored = StoredAnswer {
                status: answer.status,
                body: answer.body.clone(),
                request_id: answer.request_id.clone(),
            };
            state.idempotency.store(env, &key, fingerprint, stored);
        }
    }
}

impl Answer {
    pub(crate) fn new(reply: Reply, request_id: &str, headers: HeaderMap) -> Self {
        Self {
            status: reply.status,
            body: seal(reply.body, request_id),
            request_id: request_id.to_owned(),
            headers,
            unexpected: false,
            deferred: None,
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
}

/// A request the pipeline let through: its route, its key, and the rate-limit headers.
pub(crate) struct Admitted {
    pub(crate) endpoint: Endpoint,
    pub(crate) caller: Caller,
    pub(crate) headers: HeaderMap,
}

/// Runs one API request against the state.
pub(crate) fn process(state: &mut State, incoming: &Incoming<'_>, request_id: &str) -> Answer {
    let Admitted {
        endpoint,
        caller,
        headers,
    } = match admit(state, incoming, request_id) {
        Ok(admitted) => admitted,
        Err(answer) => return answer,
    };
    apply(state, incoming, request_id, endpoint, &caller, headers)
}

/// Route match, auth, rate limit, team scope and the publishable-key write check: everything
/// a request passes before it may touch data (streams pass it too).
#[expect(
    clippy::result_large_err,
    reason = "the error is the reply itself, built once and sent at once"
)]
pub(crate) fn admit(
    state: &mut State,
    incoming: &Incoming<'_>,
    request_id: &str,
) -> Result<Admitted, Answer> {
    let Some(endpoint) = resolve(incoming.method, incoming.path) else {
        let failure = ApiFailure::no_route(incoming.method, incoming.path);
        return Err(Answer {
            unexpected: true,
            ..Answer::failure(&failure, request_id, HeaderMap::new())
        });
    };
    let caller = match authenticate(&state.team, incoming.headers) {
        Ok(caller) => caller,
        Err(failure) => return Err(Answer::failure(&failure, request_id, HeaderMap::new())),
    };
    let limit = match caller.kind {
        KeyKind::Secret => state.settings.rate_limit_secret,
        KeyKind::Publishable => state.settings.rate_limit_publishable,
    };
    let verdict = state.rate.count(&caller.key, limit);
    let headers = verdict.headers();
    if !verdict.allowed {
        return Err(Answer::rate_limited(
            verdict.retry_after(),
            request_id,
            headers,
        ));
    }
    if endpoint
        .team
        .as_ref()
        .is_some_and(|team| *team != state.team.id)
    {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "team_access_denied",
            "This API key belongs to another team",
        );
        return Err(Answer::failure(&failure, request_id, headers));
    }
    if caller.kind == KeyKind::Publishable && incoming.method != "GET" {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "publishable_key_write",
            "Publishable keys are read-only; use a secret key to write",
        );
        return Err(Answer::failure(&failure, request_id, headers));
    }

    Ok(Admitted {
        endpoint,
        caller,
        headers,
    })
}

/// Idempotency, then the route itself.
fn apply(
    state: &mut State,
    incoming: &Incoming<'_>,
    request_id: &str,
    endpoint: Endpoint,
    caller: &Caller,
    mut headers: HeaderMap,
) -> Answer {
    let idempotency_key = matches!(incoming.method, "POST" | "PATCH")
        .then(|| incoming.headers.get("idempotency-key"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let fingerprint = Fingerprint::of(incoming.method, incoming.path, incoming.body);
    if let Some(key) = &idempotency_key {
        match state.idempotency.lookup(caller.env, key, &fingerprint) {
            Lookup::Fresh => {}
            Lookup::Replay(first) => {
                headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
                return Answer {
                    status: first.status,
                    body: first.body,
                    request_id: first.request_id,
                    headers,
                    unexpected: false,
                    deferred: None,
                };
            }
            Lookup::Reused => {
                let failure = ApiFailure::new(
                    409,
                    "invalid_request_error",
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request",
                );
                return Answer::failure(&failure, request_id, headers);
            }
        }
    }

    let mut ctx = Ctx {
        state,
        caller,
        query: incoming.query,
        body: incoming.body,
        deferred: None,
    };
    let reply = (endpoint.run)(&mut ctx).unwrap_or_else(|failure| failure.reply(request_id));
    if let Some(test) = ctx.deferred.take().filter(|_| reply.status < 300) {
        let idempotency = idempotency_key.map(|key| (caller.env, key, fingerprint));
        let mut answer = Answer::new(reply, request_id, headers);
        answer.deferred = Some(Deferred { test, idempotency });
        return answer;
    }
    let answer = Answer::new(reply, request_id, headers);
    if let Some(key) = &idempotency_key {
        let stored = StoredAnswer {
            status: answer.status,
            body: answer.body.clone(),
            request_id: answer.request_id.clone(),
        };
        state
            .idempotency
            .store(caller.env, key, fingerprint, stored);
    }
    answer
}
