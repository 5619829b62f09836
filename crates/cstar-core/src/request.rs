//! A plain description of one API call: the seam between resource crates and the transport.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use crate::session::TokenSource;

/// What to send: method, path segments, query, JSON body and per-call options.
///
/// Resource crates build one of these and hand it to [`Call`](crate::Call); nothing here touches
/// the network. Path segments are percent-encoded when the URL is built, so an id can never change
/// the route. A problem found while building (an empty id, a body that cannot be serialized) is
/// kept and reported as [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the call is
/// awaited, so that builders stay infallible.
///
/// ```
/// use cstar_core::RequestSpec;
///
/// let spec = RequestSpec::get("/tickets/{id}")
///     .segments(["api", "v1", "teams", "team-uuid", "tickets"])
///     .id_segment("ticket id", "tkt_1")
///     .query("expand", "customer");
/// assert_eq!(spec.path_template(), "/tickets/{id}");
/// ```
#[derive(Clone, Debug)]
pub struct RequestSpec {
    pub(crate) method: Method,
    pub(crate) template: Cow<'static, str>,
    pub(crate) segments: Vec<Cow<'static, str>>,
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
    /// An `Authorization` value for this call instead of the client's key (a customer's token).
    pub(crate) authorization: Option<reqwest::header::HeaderValue>,
    /// Where the customer's token comes from when `authorization` is not given: asked once,
    /// just before the first attempt.
    pub(crate) token_source: Option<SharedTokenSource>,
    /// A send from the offline queue: never queued again.
    #[cfg(feature = "offline")]
    pub(crate) replay: bool,
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
    /// A request with this method; `template` names the route in traces (`/tickets/{id}`).
    pub fn new(method: Method, template: impl Into<Cow<'static, str>>) -> Self {
        Self {
            method,
            template: template.into(),
            segments: Vec::new(),
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

    /// Appends fixed path segments (`&'static str` segments are not copied).
    pub fn segments<I, S>(mut self, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Cow<'static, str>>,
    {
        self.segments.extend(segments.into_iter().map(Into::into));
        self
    }

    /// Appends one caller-supplied id as a path segment; an empty or blank id makes the call fail
    /// with `InvalidArgument` instead of silently hitting the parent route.
    pub fn id_segment(mut self, what: &str, id: &str) -> Self {
        if id.trim().is_empty() {
            self.fail(format!("{what} is empty"));
        }
        self.segments.push(Cow::Owned(id.to_owned()));
        self
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
                .id_segment("ticket id", " ")
                .invalid
                .is_some()
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
