//! The route tables' vocabulary: a route is a method, a path pattern, the admission its requests
//! pass, and one handler. Every surface under `crate::api` declares a table of them, and the
//! dispatcher matches a request against all tables at once, before any auth runs, so a path
//! nobody serves is always caught (and recorded as unexpected), whatever key it carries.

use crate::http::context::Ctx;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;

/// The work a matched route does: the one handler signature.
pub(crate) type Handler = fn(&mut Ctx<'_>) -> Result<Reply, ApiFailure>;

/// What a request passes before its handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    /// The admin API: a secret or publishable key (`Authorization: Bearer sk_...|pk_...`),
    /// counted per key, the path's `{teamId}` (when the route has one) the key's team, and a
    /// publishable key only on GET. Writes take an `Idempotency-Key`.
    ApiKey,
    /// The public knowledge base (library, QuickHelp): no key needed (the secret key's environment), a
    /// key reads its own environment; counted per client IP; `{team}` the team's slug or UUID.
    Public,
    /// The customer-facing surfaces that identify a customer by their own token (auth, chat,
    /// community, proactive): `{team}` the team's slug or UUID, no key, no rate limit; the
    /// handler reads the customer's Bearer token itself.
    Customer,
}

/// One row of a route table.
#[derive(Debug)]
pub(crate) struct Route {
    pub(crate) method: &'static str,
    /// The full path, `{name}` for a segment that varies; `{teamId}` and `{team}` name the team.
    pub(crate) pattern: &'static str,
    pub(crate) admission: Admission,
    pub(crate) handler: Handler,
}

/// A row of a route table (short to keep the tables one row a line).
pub(crate) const fn route(
    method: &'static str,
    pattern: &'static str,
    admission: Admission,
    handler: Handler,
) -> Route {
    Route {
        method,
        pattern,
        admission,
        handler,
    }
}

/// Wraps a handler that takes the path's first `{id}` into the one handler signature.
macro_rules! by_id {
    ($handler:path) => {
        |ctx: &mut $crate::http::context::Ctx<'_>| {
            let id = ctx.id();
            $handler(ctx, &id)
        }
    };
}
pub(crate) use by_id;

/// A request matched to a route.
#[derive(Debug)]
pub(crate) struct Matched {
    pub(crate) route: &'static Route,
    /// The team segment as given, when the pattern has one.
    pub(crate) team: Option<String>,
    /// The other varying segments, in order.
    pub(crate) params: Vec<String>,
}

/// The route for a method and path among `tables`: of the rows that match, the one with the
/// most literal segments (so `webhooks/listen` wins over `webhooks/{id}`).
pub(crate) fn find(tables: &[&'static [Route]], method: &str, path: &str) -> Option<Matched> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut best: Option<(usize, Matched)> = None;
    for route in tables.iter().flat_map(|table| table.iter()) {
        if route.method != method {
            continue;
        }
        let Some((literals, matched)) = match_pattern(route, &segments) else {
            continue;
        };
        if best.as_ref().is_none_or(|(most, _)| literals > *most) {
            best = Some((literals, matched));
        }
    }
    best.map(|(_, matched)| matched)
}

fn match_pattern(route: &'static Route, segments: &[&str]) -> Option<(usize, Matched)> {
    let pattern: Vec<&str> = route.pattern.split('/').collect();
    if pattern.len() != segments.len() {
        return None;
    }
    let mut literals = 0;
    let mut team = None;
    let mut params = Vec::new();
    for (want, got) in pattern.iter().zip(segments) {
        match want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(_) if got.is_empty() => return None,
            Some("teamId" | "team") => team = Some((*got).to_owned()),
            Some(_) => params.push((*got).to_owned()),
            None if want == got => literals += 1,
            None => return None,
        }
    }
    Some((
        literals,
        Matched {
            route,
            team,
            params,
        },
    ))
}

/// Wraps a handler that takes the request's Bearer token (a customer's, not an API key) into
/// the one handler signature.
macro_rules! with_bearer {
    ($handler:path) => {
        |ctx: &mut $crate::http::context::Ctx<'_>| {
            let token = ctx.bearer();
            $handler(ctx, token.as_deref())
        }
    };
}
pub(crate) use with_bearer;

/// Every route served at this path, whatever its method.
pub(crate) fn at_path(tables: &[&'static [Route]], path: &str) -> Vec<&'static Route> {
    let segments: Vec<&str> = path.split('/').collect();
    tables
        .iter()
        .flat_map(|table| table.iter())
        .filter(|route| match_pattern(route, &segments).is_some())
        .collect()
}
