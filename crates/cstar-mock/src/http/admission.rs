//! Admission: everything a matched request passes before its handler may touch data, for each
//! kind of [`Admission`]. It runs under the state lock, with the idempotency check, so checking
//! and applying a request are one atomic step.

use axum::http::{HeaderMap, HeaderValue};

use crate::http::answer::{Incoming, Outgoing, Remember};
use crate::http::error::ApiFailure;
use crate::http::idempotency::{Fingerprint, Lookup};
use crate::http::keys::{Caller, authenticate};
use crate::http::route::{Admission, Matched};
use crate::model::KeyKind;
use crate::store::State;

/// A request let through: who called, and the rate-limit headers to answer with.
#[derive(Debug)]
pub(crate) struct Admitted {
    pub(crate) caller: Caller,
    pub(crate) headers: HeaderMap,
}

/// The caller of the customer-facing surfaces when no key is sent: the environment the team's
/// secret key reaches ([`State::customer_env`]), read only (their writes go through their own
/// rules, not the key's).
fn keyless(state: &State) -> Caller {
    Caller {
        key: String::new(),
        kind: KeyKind::Publishable,
        env: state.customer_env(),
    }
}

/// Admits a matched request, or answers it (401, 403, 404 for another team, 429).
#[expect(
    clippy::result_large_err,
    reason = "the error is the answer itself, built once and sent at once"
)]
pub(crate) fn admit(
    state: &mut State,
    matched: &Matched,
    incoming: &Incoming<'_>,
    request_id: &str,
) -> Result<Admitted, Outgoing> {
    match matched.route.admission {
        Admission::ApiKey => admit_key(state, matched, incoming, request_id),
        Admission::Public => {
            let limit = state.settings.rate_limit_library;
            let headers = count_ip(state, incoming.ip, limit, request_id)?;
            check_team(state, matched, request_id, &headers)?;
            // No key reads the team's environment (live in production, as documented); a key reads
            // its own environment's.
            if !incoming.headers.contains_key("authorization") {
                return Ok(Admitted {
                    caller: keyless(state),
                    headers,
                });
            }
            match authenticate(&state.team, incoming.headers) {
                Ok(caller) => Ok(Admitted { caller, headers }),
                Err(failure) => Err(Outgoing::failure(&failure, request_id, headers)),
            }
        }
        Admission::Customer => {
            let headers = HeaderMap::new();
            check_team(state, matched, request_id, &headers)?;
            Ok(Admitted {
                caller: keyless(state),
                headers,
            })
        }
    }
}

#[expect(
    clippy::result_large_err,
    reason = "the error is the answer itself, built once and sent at once"
)]
fn admit_key(
    state: &mut State,
    matched: &Matched,
    incoming: &Incoming<'_>,
    request_id: &str,
) -> Result<Admitted, Outgoing> {
    let caller = authenticate(&state.team, incoming.headers)
        .map_err(|failure| Outgoing::failure(&failure, request_id, HeaderMap::new()))?;
    let limit = match caller.kind {
        KeyKind::Secret => state.settings.rate_limit_secret,
        KeyKind::Publishable => state.settings.rate_limit_publishable,
    };
    let verdict = state.rate.count(&caller.key, limit);
    let headers = verdict.headers();
    if !verdict.allowed {
        return Err(Outgoing::rate_limited(
            verdict.retry_after(),
            request_id,
            headers,
        ));
    }
    if matched
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
        return Err(Outgoing::failure(&failure, request_id, headers));
    }
    if caller.kind == KeyKind::Publishable && incoming.method != "GET" {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "publishable_key_write",
            "Publishable keys are read-only; use a secret key to write",
        );
        return Err(Outgoing::failure(&failure, request_id, headers));
    }
    Ok(Admitted { caller, headers })
}

/// Counts the request against the client IP's window: the rate-limit headers, or the 429.
#[expect(
    clippy::result_large_err,
    reason = "the error is the answer itself, built once and sent at once"
)]
fn count_ip(
    state: &mut State,
    ip: &str,
    limit: u64,
    request_id: &str,
) -> Result<HeaderMap, Outgoing> {
    let verdict = state.rate.count(&format!("ip:{ip}"), limit);
    let headers = verdict.headers();
    if verdict.allowed {
        Ok(headers)
    } else {
        Err(Outgoing::rate_limited(
            verdict.retry_after(),
            request_id,
            headers,
        ))
    }
}

/// The customer-facing `{team}`: the team's slug or UUID, else 404 "Team not found".
#[expect(
    clippy::result_large_err,
    reason = "the error is the answer itself, built once and sent at once"
)]
fn check_team(
    state: &State,
    matched: &Matched,
    request_id: &str,
    headers: &HeaderMap,
) -> Result<(), Outgoing> {
    let team = matched.team.as_deref().unwrap_or_default();
    if team == state.team.slug || team.eq_ignore_ascii_case(&state.team.id) {
        return Ok(());
    }
    let failure = ApiFailure::not_found("Team");
    Err(Outgoing::failure(&failure, request_id, headers.clone()))
}

/// What the `Idempotency-Key` of an admitted admin write says: go ahead (and where to keep the
/// answer), or the answer itself (a replay, or 409 for a key reused on another request).
#[expect(
    clippy::result_large_err,
    reason = "the error is the answer itself, built once and sent at once"
)]
pub(crate) fn idempotency(
    state: &mut State,
    admission: Admission,
    caller: &Caller,
    incoming: &Incoming<'_>,
    request_id: &str,
    headers: &HeaderMap,
) -> Result<Option<Remember>, Outgoing> {
    if admission != Admission::ApiKey || !matches!(incoming.method, "POST" | "PATCH") {
        return Ok(None);
    }
    let Some(key) = incoming
        .headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(None);
    };
    let fingerprint = Fingerprint::of(incoming.method, incoming.path, incoming.body);
    match state.idempotency.lookup(caller.env, key, &fingerprint) {
        Lookup::Fresh => Ok(Some(Remember {
            env: caller.env,
            key: key.to_owned(),
            fingerprint,
        })),
        Lookup::Replay(first) => {
            let mut headers = headers.clone();
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
            Err(Outgoing {
                status: first.status,
                body: first.body,
                request_id: first.request_id,
                headers,
                unexpected: false,
            })
        }
        Lookup::Reused => {
            let failure = ApiFailure::new(
                409,
                "invalid_request_error",
                "idempotency_key_reused",
                "This Idempotency-Key was already used for a different request",
            );
            Err(Outgoing::failure(&failure, request_id, headers.clone()))
        }
    }
}
