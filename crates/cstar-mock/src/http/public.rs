//! What the customer-facing routes (`/api/library/...`, `/api/auth/...`) share: the team in the
//! path (slug or UUID) and a rate limit per client IP instead of per key.

use axum::http::HeaderMap;

use crate::http::error::ApiFailure;
use crate::http::pipeline::{Answer, Incoming};
use crate::store::State;

/// `{team}` and the segments after it, below `prefix` (`/api/library/`).
pub(crate) fn split<'p>(path: &'p str, prefix: &str) -> Option<(&'p str, Vec<&'p str>)> {
    let rest = path.strip_prefix(prefix)?;
    let mut segments = rest.split('/');
    let team = segments.next().filter(|t| !t.is_empty())?;
    Some((team, segments.collect()))
}

/// The catch-all for a customer-facing path nobody serves.
pub(crate) fn no_route(incoming: &Incoming<'_>, request_id: &str) -> Answer {
    let failure = ApiFailure::no_route(incoming.method, incoming.path);
    Answer {
        unexpected: true,
        ..Answer::failure(&failure, request_id, HeaderMap::new())
    }
}

/// Counts the request against the client IP's window (when `per_ip_limit` is given) and checks
/// the team: the rate-limit headers to answer with, or the answer itself (429, or 404 for
/// another team).
#[expect(
    clippy::result_large_err,
    reason = "the error is the reply itself, built once and sent at once"
)]
pub(crate) fn admit(
    state: &mut State,
    team: &str,
    request_id: &str,
    ip: &str,
    per_ip_limit: Option<u64>,
) -> Result<HeaderMap, Answer> {
    let mut headers = HeaderMap::new();
    if let Some(limit) = per_ip_limit {
        let verdict = state.rate.count(&format!("ip:{ip}"), limit);
        headers = verdict.headers();
        if !verdict.allowed {
            return Err(Answer::rate_limited(
                verdict.retry_after(),
                request_id,
                headers,
            ));
        }
    }
    if team != state.team.slug && !team.eq_ignore_ascii_case(&state.team.id) {
        return Err(Answer::failure(
            &ApiFailure::not_found("Team"),
            request_id,
            headers,
        ));
    }
    Ok(headers)
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .filter(|t| !t.is_empty())
}
