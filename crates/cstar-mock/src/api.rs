//! Everything between "a request arrived" and "a route runs": auth, rate limit, team scope,
//! publishable-key writes, idempotency. Runs under the state lock, so it is atomic.

use axum::http::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

use crate::idempotency::{Fingerprint, Lookup};
use crate::routes::{Ctx, dispatch};
use crate::state::{Env, State};
use crate::wire::{ApiFailure, Reply, success, with_meta};

/// The answer to send: status, body (with meta) and headers beyond the request id.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Value,
    pub(crate) headers: HeaderMap,
    /// Whether no route matched (the catch-all).
    pub(crate) unexpected: bool,
}

/// The request as the pipeline sees it.
pub(crate) struct Incoming<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    pub(crate) request_id: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Secret,
    Publishable,
}

fn fail(failure: &ApiFailure, request_id: &str, headers: HeaderMap) -> Answer {
    Answer {
        status: failure.status,
        body: failure.body(request_id),
        headers,
        unexpected: false,
    }
}

fn route_not_found(incoming: &Incoming<'_>, headers: HeaderMap) -> Answer {
    let failure = ApiFailure::new(
        404,
        "not_found_error",
        "route_not_found",
        format!("No route for {} {}", incoming.method, incoming.path),
    );
    Answer {
        unexpected: true,
        ..fail(&failure, incoming.request_id, headers)
    }
}

/// Checks the `Authorization` header: which key, which kind, which environment.
fn authenticate(state: &State, headers: &HeaderMap) -> Result<(String, KeyKind, Env), ApiFailure> {
    let missing = || {
        ApiFailure::new(
            401,
            "authentication_error",
            "authentication_required",
            "Send your API key as 'Authorization: Bearer <key>'",
        )
    };
    let value = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(missing)?;
    let token = value.strip_prefix("Bearer ").ok_or_else(missing)?;
    if token.is_empty() || token.chars().any(char::is_whitespace) {
        return Err(missing());
    }
    let (kind, env) = match token.get(..8) {
        Some("sk_live_") => (KeyKind::Secret, Env::Live),
        Some("sk_test_") => (KeyKind::Secret, Env::Test),
        Some("pk_live_") => (KeyKind::Publishable, Env::Live),
        Some("pk_test_") => (KeyKind::Publishable, Env::Test),
        _ => {
            return Err(ApiFailure::new(
                401,
                "authentication_error",
                "invalid_key_format",
                "API keys start with sk_live_, sk_test_, pk_live_ or pk_test_",
            ));
        }
    };
    let known = match kind {
        KeyKind::Secret => token == state.team.secret_key,
        KeyKind::Publishable => token == state.team.publishable_key,
    };
    if !known {
        return Err(ApiFailure::new(
            401,
            "authentication_error",
            "invalid_api_key",
            "The API key is invalid, revoked, or from another environment",
        ));
    }
    Ok((token.to_owned(), kind, env))
}

/// Runs the request through the pipeline.
pub(crate) fn process(state: &mut State, incoming: &Incoming<'_>) -> Answer {
    let segments: Vec<String> = incoming
        .path
        .trim_start_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect();
    let (team_in_path, below_team): (Option<&str>, &[String]) = match segments.as_slice() {
        [api, v1, auth, whoami]
            if api == "api" && v1 == "v1" && auth == "auth" && whoami == "whoami" =>
        {
            (None, &[])
        }
        [api, v1, teams, team, rest @ ..] if api == "api" && v1 == "v1" && teams == "teams" => {
            (Some(team.as_str()), rest)
        }
        _ => return route_not_found(incoming, HeaderMap::new()),
    };

    let (key, kind, env) = match authenticate(state, incoming.headers) {
        Ok(found) => found,
        Err(failure) => return fail(&failure, incoming.request_id, HeaderMap::new()),
    };
    let limit = match kind {
        KeyKind::Secret => state.settings.rate_limit_secret,
        KeyKind::Publishable => state.settings.rate_limit_publishable,
    };
    let verdict = state.rate.count(&key, limit);
    let mut headers = verdict.headers();
    if !verdict.allowed {
        return rate_limited(verdict.retry_after(), incoming.request_id, headers);
    }

    let Some(team) = team_in_path else {
        if incoming.method != "GET" {
            return route_not_found(incoming, headers);
        }
        let data = json!({
            "teamId": state.team.id, "teamName": state.team.name, "teamSlug": state.team.slug,
            "keyType": if kind == KeyKind::Secret { "secret" } else { "publishable" },
            "environment": if env == Env::Live { "live" } else { "test" },
        });
        return answer(success(200, data), incoming.request_id, headers);
    };
    if team != state.team.id {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "team_access_denied",
            "This API key belongs to another team",
        );
        return fail(&failure, incoming.request_id, headers);
    }
    if kind == KeyKind::Publishable && incoming.method != "GET" {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "publishable_key_write",
            "Publishable keys are read-only; use a secret key to write",
        );
        return fail(&failure, incoming.request_id, headers);
    }

    let idempotency_key = matches!(incoming.method, "POST" | "PATCH")
        .then(|| {
            incoming
                .headers
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
        })
        .flatten()
        .map(str::to_owned);
    let fingerprint = Fingerprint::of(incoming.method, incoming.path, incoming.body);
    if let Some(key) = &idempotency_key {
        match state.idempotency.lookup(env, key, &fingerprint) {
            Lookup::Fresh => {}
            Lookup::Replay { status, body } => {
                headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
                return Answer {
                    status,
                    body: with_meta(body, incoming.request_id),
                    headers,
                    unexpected: false,
                };
            }
            Lookup::Reused => {
                let failure = ApiFailure::new(
                    409,
                    "invalid_request_error",
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request",
                );
                return fail(&failure, incoming.request_id, headers);
            }
        }
    }

    let mut ctx = Ctx {
        state,
        env,
        method: incoming.method,
        segments: below_team,
        query: incoming.query,
        body: incoming.body,
    };
    let reply = match dispatch(&mut ctx) {
        None => return route_not_found(incoming, headers),
        Some(Ok(reply)) => reply,
        Some(Err(failure)) => Reply {
            status: failure.status,
            body: failure.body(incoming.request_id),
        },
    };
    if let Some(key) = &idempotency_key {
        state
            .idempotency
            .store(env, key, fingerprint, reply.status, &reply.body);
    }
    answer(reply, incoming.request_id, headers)
}

fn answer(reply: Reply, request_id: &str, headers: HeaderMap) -> Answer {
    Answer {
        status: reply.status,
        body: with_meta(reply.body, request_id),
        headers,
        unexpected: false,
    }
}

/// A 429 with `Retry-After` and `retryAfter`.
pub(crate) fn rate_limited(retry_after: u64, request_id: &str, mut headers: HeaderMap) -> Answer {
    let mut failure = ApiFailure::new(
        429,
        "rate_limit_error",
        "rate_limit_exceeded",
        format!("Rate limit exceeded. Try again in {retry_after} seconds."),
    );
    failure
        .extra
        .insert("retryAfter".into(), retry_after.into());
    headers.insert("retry-after", HeaderValue::from(retry_after));
    fail(&failure, request_id, headers)
}
