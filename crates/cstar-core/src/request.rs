//! A plain description of one API call: the seam between resource crates and the transport.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::Value;

use crate::client::TeamId;
use crate::path::{self, Param};
use crate::session::TokenSource;

/// What to send: method, route template and its parameters, query, JSON body and per-call
/// options.
///
/// Resource crates build one of these and hand it to [`Call`](crate::Call); nothing here touches
/// the network. A route is spelled once, as a template whose `{name}` segments are filled by
/// [`param`](Self::param); each value is percent-encoded as one whole segment when the URL is
/// built, so an id can never change the route. The admin team scope is a prefix on the same
/// template ([`in_team`](Self::in_team)). A problem found while building (a blank parameter, a
/// body that cannot be serialized) is kept and reported as
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the call is awaited, before
/// anything is sent, so that builders stay infallible. The template, not the filled path, names
/// the route in traces.
///
/// ```
/// use cstar_core::{RequestSpec, TeamId};
///
/// let spec = RequestSpec::get("/tickets/{id}")
///     .param("id", "tkt_1")
///     .in_team(&TeamId::from("team-uuid"))
///     .query("expand", "customer");
/// assert_eq!(spec.path_template(), "/tickets/{id}");
/// ```
#[derive(Clone, Debug)]
pub struct RequestSpec {
    pub(crate) method: Method,
    pub(crate) template: Cow<'static, str>,
    pub(crate) prefix: Option<Cow<'static, str>>,
    pub(crate) params: Vec<Param>,
    /// Segments already resolved (an offline replay, stored as first sent): used instead of the
    /// template.
    pub(crate) resolved: Option<Vec<String>>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Bytes>,
    pub(crate) options: CallOptions,
    pub(crate) invalid: Option<String>,
}

/// Per-call settings that override the client's.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallOptions {
    pub(crate) idempotency_key: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    /// How long the whole call may take, across attempts and waits.
    pub(crate) deadline: Option<Duration>,
    /// Extra headers for this call; the SDK's own headers win over them.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// An `Authorization` value for this call instead of the client's key (a customer's token).
    pub(crate) authorization: Option<HeaderValue>,
    /// Where the customer's token comes from when `authorization` is not given: asked once,
    /// just before the first attempt.
    pub(crate) token_source: Option<SharedTokenSource>,
    /// A call the SDK makes for itself (an offline replay, a probe): the execution hook leaves
    /// it alone.
    pub(crate) internal: bool,
}

/// A token source shared by the calls of a client.
#[derive(Clone)]
pub(crate) struct SharedTokenSource(pub(crate) Arc<dyn TokenSource>);

impl std::fmt::Debug for SharedTokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSource")
    }
}

impl RequestSpec {
    /// A request with this method to the route `template` (`/tickets/{id}`), which also names
    /// it in traces.
    pub fn new(method: Method, template: impl Into<Cow<'static, str>>) -> Self {
        Self {
            method,
            template: template.into(),
            prefix: None,
            params: Vec::new(),
            resolved: None,
            query: Vec::new(),
            body: None,
            options: CallOptions::default(),
            invalid: None,
        }
    }

    /// A GET.
    pub fn get(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::GET, template)
    }

    /// A POST.
    pub fn post(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::POST, template)
    }

    /// A PATCH.
    pub fn patch(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::PATCH, template)
    }

    /// A DELETE.
    pub fn delete(template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::DELETE, template)
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The route template used in traces.
    pub fn path_template(&self) -> &str {
        &self.template
    }

    /// Fills the `{name}` segment of the template with `value`, percent-encoded as one segment.
    /// A blank value makes the call fail with `InvalidArgument` instead of silently hitting the
    /// parent route.
    pub fn param(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Puts the route below the team scope [`TEAM_SCOPE`](crate::TEAM_SCOPE)
    /// (`/api/v1/teams/{teamId}`): the template stays the route's name in traces.
    pub fn in_team(mut self, team: &TeamId) -> Self {
        self.prefix = Some(Cow::Borrowed(path::TEAM_SCOPE));
        self.params
            .push((Cow::Borrowed(path::TEAM_PARAM), team.as_str().to_owned()));
        self
    }

    /// A request to a caller-written path: absolute when it starts with `/api/`
    /// (`/api/v1/auth/whoami`), else relative to `team` (`/tags`, `saved-views/abc`). The path
    /// is read by the same parser as every template (so `{name}` segments take
    /// [`param`](Self::param)s); query strings belong in [`query`](Self::query). A
    /// team-relative path with no team makes the call fail with `InvalidArgument`.
    pub fn from_path(method: Method, path: &str, team: Option<&TeamId>) -> Self {
        let spec = Self::new(method, path.to_owned());
        match (path.starts_with("/api/"), team) {
            (true, _) => spec,
            (false, Some(team)) => spec.in_team(team),
            (false, None) => spec.reject("a team-relative path needs a client with a team id"),
        }
    }

    /// The path segments below the base URL, unencoded.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the template and its
    /// parameters do not spell a route, or the spec was marked unusable.
    #[cfg_attr(not(feature = "offline"), allow(dead_code))]
    pub(crate) fn segments(&self) -> crate::Result<Vec<String>> {
        Ok(self
            .path_segments()?
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// [`segments`](Self::segments), borrowed from the spec: what every call resolves.
    pub(crate) fn path_segments(&self) -> crate::Result<Vec<&str>> {
        if let Some(reason) = &self.invalid {
            return Err(crate::Error::InvalidArgument(reason.clone()));
        }
        if let Some(resolved) = &self.resolved {
            return Ok(resolved.iter().map(String::as_str).collect());
        }
        path::resolve(self.prefix.as_deref(), &self.template, &self.params).map_err(|reason| {
            crate::Error::InvalidArgument(format!("route {}: {reason}", self.template))
        })
    }

    /// Adds one query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds the fields of a serializable struct as query parameters: `None` fields are skipped,
    /// arrays become comma-separated lists (as `expand=customer,messages`), booleans and numbers
    /// are written as JSON writes them.
    pub fn query_params<P: Serialize + ?Sized>(mut self, params: &P) -> Self {
        match serde_json::to_value(params) {
            Ok(Value::Object(fields)) => {
                for (name, value) in fields {
                    if let Some(text) = query_value(&value) {
                        self.query.push((name, text));
                    }
                }
            }
            Ok(Value::Null) => {}
            Ok(_) => self.fail("query parameters must serialize to an object".to_owned()),
            Err(e) => self.fail(format!("query parameters cannot be serialized: {e}")),
        }
        self
    }

    /// Sets a JSON body.
    pub fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(Bytes::from(bytes)),
            Err(e) => self.fail(format!("request body cannot be serialized: {e}")),
        }
        self
    }

    /// Sends `Authorization: Bearer {token}` on this call instead of the client's key: for the
    /// customer-facing APIs, whose calls carry a customer's access token. The value is marked
    /// sensitive, so it never shows in logs.
    pub fn bearer(mut self, token: &str) -> Self {
        match reqwest::header::HeaderValue::try_from(format!("Bearer {token}")) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.options.authorization = Some(value);
            }
            Err(_) => self.fail("the token cannot be sent in an HTTP header".to_owned()),
        }
        self
    }

    /// Sends `Authorization: Bearer {token}` with a token asked from `source` just before the
    /// call is sent (once per call, not per retry): for calls that act as a signed-in customer.
    /// A token given with [`bearer`](Self::bearer) wins. [`Call`](crate::Call)s resolve it; an
    /// event stream does not, so give a stream's spec its token with `bearer`.
    pub fn bearer_from(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.options.token_source = Some(SharedTokenSource(source));
        self
    }

    /// Marks the request as unusable: awaiting its call fails with
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) carrying `reason`, and nothing
    /// is sent. For builders that find a bad argument but must stay infallible.
    pub fn reject(mut self, reason: impl Into<String>) -> Self {
        self.fail(reason.into());
        self
    }

    fn fail(&mut self, reason: String) {
        self.invalid.get_or_insert(reason);
    }
}

fn query_value(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(query_value).collect();
            (!parts.is_empty()).then(|| parts.join(","))
        }
        Value::Object(_) => Some(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Params {
        status: Option<&'static str>,
        page_size: Option<u32>,
        is_public: Option<bool>,
        expand: Vec<&'static str>,
        search: Option<&'static str>,
    }

    #[test]
    fn query_params_flatten_like_the_api_expects() {
        let spec = RequestSpec::get("/x").query_params(&Params {
            status: Some("open"),
            page_size: Some(100),
            is_public: Some(false),
            expand: vec!["customer", "messages"],
            search: None,
        });
        // serde_json's map is ordered by key; the order of query parameters carries no meaning.
        assert_eq!(
            spec.query,
            vec![
                ("expand".to_owned(), "customer,messages".to_owned()),
                ("isPublic".to_owned(), "false".to_owned()),
                ("pageSize".to_owned(), "100".to_owned()),
                ("status".to_owned(), "open".to_owned()),
            ]
        );
        assert!(spec.invalid.is_none());
    }

    #[test]
    fn blank_ids_and_bad_params_are_kept_as_errors() {
        assert!(
            RequestSpec::get("/t/{id}")
                .param("id", " ")
                .segments()
                .is_err()
        );
        let team = TeamId::from("team-1");
        assert_eq!(
            RequestSpec::get("/t/{id}")
                .param("id", "a/b")
                .in_team(&team)
                .segments()
                .unwrap(),
            ["api", "v1", "teams", "team-1", "t", "a/b"]
        );
        assert_eq!(
            RequestSpec::from_path(Method::GET, "/api/v1/auth/whoami", Some(&team))
                .segments()
                .unwrap(),
            ["api", "v1", "auth", "whoami"]
        );
        assert!(
            RequestSpec::from_path(Method::GET, "/tags", None)
                .segments()
                .is_err()
        );
        assert!(
            RequestSpec::get("/t")
                .query_params(&[1, 2])
                .invalid
                .is_some()
        );
        assert!(
            RequestSpec::get("/t")
                .query_params(&None::<Params>)
                .invalid
                .is_none()
        );
    }
}
