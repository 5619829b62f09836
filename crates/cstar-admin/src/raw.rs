//! The escape hatch: any route, with the client's auth, retries, idempotency, errors and
//! [`Meta`](crate::Meta), for the path families this crate does not type.

use std::future::IntoFuture;

use cstar_core::reqwest::Method;
use cstar_core::{Call, CallFuture, Page, RequestSpec, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::scope::TeamScope;

/// A request to a route of your choosing; from
/// [`CStarClient::request`](crate::CStarClient::request).
///
/// Await it for the response's `data` as a [`serde_json::Value`], or call
/// [`send`](Self::send) (or [`send_page`](Self::send_page) for lists) to decode into your own
/// type and to set per-call options.
///
/// ```no_run
/// use cstar_admin::{CStarClient, Method};
/// use serde::Deserialize;
/// use serde_json::json;
///
/// #[derive(Deserialize)]
/// struct Tag { name: String, count: u64 }
///
/// # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
/// // GET /api/v1/teams/{teamId}/tags, decoded into your type.
/// let tags: Vec<Tag> = cstar.request(Method::GET, "/tags").send().await?;
/// // POST with a body, an idempotency key, and the call's metadata.
/// let (created, meta) = cstar
///     .request(Method::POST, "/tags")
///     .json(&json!({"name": "vip"}))
///     .send::<serde_json::Value>()
///     .idempotency_key("tag-vip")
///     .with_meta()
///     .await?;
/// println!("{created} in request {:?}", meta.request_id);
/// # let _ = tags; Ok(()) }
/// ```
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RawRequest {
    scope: TeamScope,
    spec: RequestSpec,
    headers: Vec<(String, String)>,
}

impl RawRequest {
    /// `path` is relative to the team (`/tags`, `saved-views/abc`), or absolute when it starts
    /// with `/api/` (`/api/v1/auth/whoami`). It is read by the parser every route template goes
    /// through (the offline queue's `enqueue` too): a `{name}` segment takes a
    /// [`param`](Self::param); query strings go in [`query`](Self::query), not in the path.
    pub(crate) fn new(scope: TeamScope, method: Method, path: &str) -> Self {
        let spec = RequestSpec::from_path(method, path, Some(&scope.team_id));
        Self {
            scope,
            spec,
            headers: Vec::new(),
        }
    }

    /// Fills the `{name}` segment of the path with `value`, percent-encoded as one segment (so
    /// an id with a `/` stays one segment); a blank value is refused before anything is sent.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.spec = self.spec.param(name.into(), value);
        self
    }

    /// Sends this header on the call (see [`Call::header`] for the headers the SDK keeps for
    /// itself).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Adds one query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.spec = self.spec.query(name, value);
        self
    }

    /// Adds the fields of a serializable struct (or a JSON object) as query parameters; `None`
    /// fields are skipped and arrays become comma-separated lists.
    pub fn query_params<P: Serialize + ?Sized>(mut self, params: &P) -> Self {
        self.spec = self.spec.query_params(params);
        self
    }

    /// Sends this JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.spec = self.spec.json_body(body);
        self
    }

    /// A call whose response `data` decodes as `T`, with the per-call options of [`Call`].
    #[inline]
    pub fn send<T: DeserializeOwned + Send + 'static>(self) -> Call<T> {
        with_headers(Call::single(&self.scope.client, self.spec), &self.headers)
    }

    /// A call whose response is a list page of `T` (either documented pagination layout).
    #[inline]
    pub fn send_page<T: DeserializeOwned + Send + 'static>(self) -> Call<Page<T>> {
        with_headers(Call::list(&self.scope.client, self.spec), &self.headers)
    }
}

impl IntoFuture for RawRequest {
    type Output = Result<Value>;
    type IntoFuture = CallFuture<Value>;

    fn into_future(self) -> Self::IntoFuture {
        self.send::<Value>().into_future()
    }
}

fn with_headers<T: Send + 'static>(call: Call<T>, headers: &[(String, String)]) -> Call<T> {
    headers
        .iter()
        .fold(call, |call, (name, value)| call.header(name, value))
}
