//! What a handler gets to work with once its request was admitted: the state (under the lock),
//! who called, the path's varying segments, the query, the headers and the body.

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use crate::delivery::TestDelivery;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;
use crate::http::keys::Caller;
use crate::http::route::Handler;
use crate::http::sse::Select;
use crate::store::State;

/// The request and the state, for one handler.
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a mut State,
    pub(crate) caller: Caller,
    pub(crate) method: &'a str,
    /// The path's varying segments (the team's excepted), in order.
    pub(crate) params: &'a [String],
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    /// Set by a route whose answer needs async work after the lock is released.
    pub(crate) deferred: Option<TestDelivery>,
    /// Set by a route that answers with a stream of events instead of its reply.
    pub(crate) stream: Option<StreamStart>,
}

/// Where a stream of logged events starts and what it sends.
pub(crate) struct StreamStart {
    /// The first comment lines.
    pub(crate) greeting: String,
    /// The sequence number of the first event to consider.
    pub(crate) next: u64,
    pub(crate) select: Select,
}

/// No headers, for handlers run as functions rather than for a request.
static NO_HEADERS: std::sync::LazyLock<HeaderMap> = std::sync::LazyLock::new(HeaderMap::new);

impl<'a> Ctx<'a> {
    /// A context outside any request (the seed, one handler calling another).
    pub(crate) fn internal(state: &'a mut State, caller: Caller, body: &'a [u8]) -> Self {
        Self {
            state,
            caller,
            method: "",
            params: &[],
            query: &[],
            headers: &NO_HEADERS,
            body,
            deferred: None,
            stream: None,
        }
    }

    /// The first value of a query parameter.
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path's first varying segment (the resource id), as given.
    pub(crate) fn id(&self) -> String {
        self.params.first().cloned().unwrap_or_default()
    }

    /// The token of an `Authorization: Bearer <token>` header.
    pub(crate) fn bearer(&self) -> Option<String> {
        self.headers
            .get("authorization")?
            .to_str()
            .ok()?
            .strip_prefix("Bearer ")
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
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

    /// Runs another handler on the same state as a function call, with this caller, as if its
    /// route had been requested with these path segments, query and body: how bulk, import and
    /// export apply each resource's own rules.
    pub(crate) fn call(
        &mut self,
        handler: Handler,
        params: &[String],
        query: &[(String, String)],
        body: &Value,
    ) -> Result<Reply, ApiFailure> {
        let caller = self.caller.clone();
        call(self.state, caller, handler, params, query, body)
    }
}

/// [`Ctx::call`] from outside a request (the seed, the customer-facing surfaces).
pub(crate) fn call(
    state: &mut State,
    caller: Caller,
    handler: Handler,
    params: &[String],
    query: &[(String, String)],
    body: &Value,
) -> Result<Reply, ApiFailure> {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(body).unwrap_or_default()
    };
    let mut inner = Ctx {
        params,
        query,
        ..Ctx::internal(state, caller, &bytes)
    };
    handler(&mut inner)
}
