//! The route table. Each resource module matches its own paths and hands back an [`Endpoint`];
//! a request is matched before any auth runs, so a path nobody serves is always caught (and
//! recorded as unexpected), whatever key it carries.
//!
//! Adding a resource: write `routes/<resource>.rs` with a `resolve(method, segments)` and chain
//! it in [`resolve`].

mod analytics;
mod articles;
mod audit_log;
mod automations;
mod billing;
mod bulk;
mod categories;
mod community;
mod custom_fields;
mod customer_groups;
mod customers;
pub(crate) mod documents;
mod export;
mod fields;
mod game;
mod import;
mod members;
pub(crate) use documents::{insert as insert_document, run_route};
pub(crate) use members::add_member;
mod messages;
mod notifications;
mod paging;
pub(crate) use fields::{check_enum, opt_string, opt_strings, required_string};

/// The documented community post statuses.
pub(crate) fn community_statuses() -> &'static [&'static str] {
    community::STATUSES
}
pub(crate) use paging::page_reply;
mod search;
mod settings;
mod sla;
mod tags;
mod ticket_patch;
mod tickets;
mod views;
pub(crate) mod webhooks;
mod whoami;

use serde_json::{Map, Value};

use crate::delivery::TestDelivery;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;
use crate::http::keys::Caller;
use crate::store::State;

/// What a route gets to work with, once the pipeline let the request through.
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a mut State,
    pub(crate) caller: &'a Caller,
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: &'a [u8],
    /// Set by a route whose answer needs async work after the lock is released.
    pub(crate) deferred: Option<TestDelivery>,
}

impl Ctx<'_> {
    /// The first value of a query parameter.
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as a JSON object; an empty body counts as `{}`.
    pub(crate) fn json_object(&self) -> Result<Map<String, Value>, ApiFailure> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Map::new());
        }
        match serde_json::from_slice::<Value>(self.body) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err(ApiFailure::new(
                400,
                "invalid_request_error",
                "parameter_invalid",
                "The request body must be a JSON object",
            )),
            Err(e) => Err(ApiFailure::new(
                400,
                "invalid_request_error",
                "invalid_json",
                format!("The request body is not valid JSON: {e}"),
            )),
        }
    }

    pub(crate) fn team_id(&self) -> String {
        self.state.team.id.clone()
    }
}

/// The work a matched route does.
pub(crate) type Run = Box<dyn FnOnce(&mut Ctx<'_>) -> Result<Reply, ApiFailure> + Send>;

/// A matched route.
pub(crate) struct Endpoint {
    /// The `{teamId}` of a team-scoped route, to check against the key's team.
    pub(crate) team: Option<String>,
    pub(crate) run: Run,
}

/// Boxes a route function that takes one path id, keeping the id exactly as given.
pub(crate) fn with_id(id: &str, route: fn(&mut Ctx<'_>, &str) -> Result<Reply, ApiFailure>) -> Run {
    let id = id.to_owned();
    Box::new(move |ctx| route(ctx, &id))
}

/// The route for a method and path, if any.
pub(crate) fn resolve(method: &str, path: &str) -> Option<Endpoint> {
    let segments: Vec<&str> = path.strip_prefix("/api/v1/")?.split('/').collect();
    match segments.as_slice() {
        ["auth", "whoami"] => whoami::resolve(method).map(|run| Endpoint { team: None, run }),
        ["teams", team, below @ ..] => {
            let run = listen_route(method, below)
                .or_else(|| tickets::resolve(method, below))
                .or_else(|| messages::resolve(method, below))
                .or_else(|| customers::resolve(method, below))
                .or_else(|| articles::resolve(method, below))
                .or_else(|| categories::resolve(method, below))
                .or_else(|| webhooks::resolve(method, below))
                .or_else(|| members::resolve(method, below))
                .or_else(|| family(method, below))?;
            Some(Endpoint {
                team: Some((*team).to_owned()),
                run,
            })
        }
        _ => None,
    }
}

/// A resource module's route matcher.
type Resolver = fn(&str, &[&str]) -> Option<Run>;

/// The documented families beyond what the JS SDK wraps.
fn family(method: &str, below: &[&str]) -> Option<Run> {
    let routes: [Resolver; 17] = [
        customer_groups::resolve,
        tags::resolve,
        custom_fields::resolve,
        search::resolve,
        views::resolve,
        bulk::resolve,
        import::resolve,
        export::resolve,
        audit_log::resolve,
        analytics::resolve,
        sla::resolve,
        automations::resolve,
        notifications::resolve,
        settings::resolve,
        billing::resolve,
        community::resolve,
        game::resolve,
    ];
    routes.iter().find_map(|route| route(method, below))
}

/// The realtime stream's place in the table, ahead of any `webhooks/{id}` route. The handler
/// answers it with a stream (see `crate::http::sse`) once the pipeline admitted it, so this body
/// only runs if that hand-over is ever bypassed.
fn listen_route(method: &str, below: &[&str]) -> Option<Run> {
    match (method, below) {
        ("GET", ["webhooks", "listen"]) => Some(Box::new(|_ctx: &mut Ctx<'_>| {
            Err(ApiFailure::new(
                406,
                "invalid_request_error",
                "stream_required",
                "This route streams Server-Sent Events",
            ))
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_served_routes() {
        let team = "/api/v1/teams/t1";
        for (method, path) in [
            ("GET", "/api/v1/auth/whoami".to_owned()),
            ("GET", format!("{team}/tickets")),
            ("POST", format!("{team}/tickets")),
            ("GET", format!("{team}/tickets/tkt_1")),
            ("PATCH", format!("{team}/tickets/tkt_1")),
            ("DELETE", format!("{team}/tickets/tkt_1")),
            ("GET", format!("{team}/tickets/tkt_1/messages")),
            ("POST", format!("{team}/tickets/tkt_1/messages")),
            ("GET", format!("{team}/webhooks/listen")),
            ("GET", format!("{team}/customers")),
            ("DELETE", format!("{team}/customers/cus_1")),
            ("PATCH", format!("{team}/articles/art_1")),
            ("POST", format!("{team}/categories")),
            ("POST", format!("{team}/webhooks/trigger-test")),
            ("POST", format!("{team}/webhooks/whk_1/test")),
            ("GET", format!("{team}/members/mem_1")),
        ] {
            let found = resolve(method, &path);
            assert!(found.is_some(), "{method} {path}");
        }
        for (method, path) in [
            ("POST", "/api/v1/auth/whoami".to_owned()),
            ("PUT", format!("{team}/tickets")),
            ("DELETE", format!("{team}/tickets")),
            ("GET", format!("{team}/tickets/")),
            ("GET", format!("{team}/tickets/x/y")),
            ("PATCH", format!("{team}/tickets/x/messages")),
            ("POST", format!("{team}/members")),
            ("GET", format!("{team}/webhooks/whk_1/test")),
            ("DELETE", format!("{team}/tags/x")),
            ("GET", "/api/v2/auth/whoami".to_owned()),
            ("GET", "/api/v1/teams".to_owned()),
            ("GET", "/".to_owned()),
        ] {
            assert!(resolve(method, &path).is_none(), "{method} {path}");
        }
        assert_eq!(
            resolve("GET", &format!("{team}/tickets")).and_then(|e| e.team),
            Some("t1".to_owned())
        );
    }
}
