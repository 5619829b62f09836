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
}

impl RawRequest {
    /// `path` is relative to the team (`/tags`, `saved-views/abc`), or absolute when it starts
    /// with `/api/` (`/api/v1/auth/whoami`). Query strings go in [`query`](Self::query), not in
    /// the path.
    pub(crate) fn new(scope: TeamScope, method: Method, path: &str) -> Self {
        let template = path.to_owned();
        let (base, rest) = match path.strip_prefix("/api/") {
            Some(rest) => (RequestSpec::new(method, template).segments(["api"]), rest),
            None => (
                scope.spec(method, template),
                path.strip_prefix('/').unwrap_or(path),
            ),
        };
        let spec = match check_path(rest) {
            Ok(segments) => base.segments(segments),
            Err(reason) => base.reject(format!("request path {path:?}: {reason}")),
        };
        Self { scope, spec }
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
    pub fn send<T: DeserializeOwned + Send + 'static>(self) -> Call<T> {
        Call::single(&self.scope.client, self.spec)
    }

    /// A call whose response is a list page of `T` (either documented pagination layout).
    pub fn send_page<T: DeserializeOwned + Send + 'static>(self) -> Call<Page<T>> {
        Call::list(&self.scope.client, self.spec)
    }
}

impl IntoFuture for RawRequest {
    type Output = Result<Value>;
    type IntoFuture = CallFuture<Value>;

    fn into_future(self) -> Self::IntoFuture {
        self.send::<Value>().into_future()
    }
}

/// The path's segments; empty, `.` and `..` segments and query or fragment markers are refused
/// so that a path can only name the route it spells.
fn check_path(rest: &str) -> std::result::Result<Vec<String>, &'static str> {
    if rest.contains(['?', '#']) {
        return Err("put query parameters in .query(), not in the path");
    }
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    if trimmed.is_empty() {
        return Err("the path names no route");
    }
    trimmed
        .split('/')
        .map(|segment| match segment {
            "" => Err("the path has an empty segment"),
            "." | ".." => Err("the path may not contain . or .. segments"),
            s => Ok(s.to_owned()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::check_path;

    #[test]
    fn paths_name_only_the_route_they_spell() {
        assert_eq!(check_path("tags").unwrap(), ["tags"]);
        assert_eq!(
            check_path("saved-views/v1/").unwrap(),
            ["saved-views", "v1"]
        );
        for bad in ["", "/", "a//b", "a/../b", "./a", "tags?x=1", "tags#top"] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }
}
