//! The headers an app adds (client defaults, per call, the API version, its `User-Agent`
//! suffix) and the ones the SDK keeps for itself.

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use reqwest::{RequestBuilder, Url};

use crate::client::{Inner, USER_AGENT};
use crate::error::ConfigError;
use crate::request::RequestSpec;

/// The header that names the API version a client speaks
/// ([`api_version`](crate::ClientBuilder::api_version)).
pub const API_VERSION_HEADER: &str = "cstar-version";

/// The headers the SDK sets itself. [`ClientBuilder::default_header`](crate::ClientBuilder::default_header) and
/// [`Call::header`](crate::Call::header) refuse them, so that none is overwritten by accident:
/// use the key, [`Call::access_token`](crate::Call::access_token),
/// [`Call::idempotency_key`](crate::Call::idempotency_key),
/// [`ClientBuilder::user_agent_suffix`](crate::ClientBuilder::user_agent_suffix) and
/// [`ClientBuilder::api_version`](crate::ClientBuilder::api_version) instead.
pub(crate) const SDK_HEADERS: [&str; 7] = [
    "authorization",
    "idempotency-key",
    "user-agent",
    "accept",
    "content-type",
    "last-event-id",
    API_VERSION_HEADER,
];

/// A header a caller adds: its name and value checked, and refused if the SDK owns it.
pub(crate) fn extra_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::try_from(name).map_err(|_| format!("{name:?} is not a header name"))?;
    if SDK_HEADERS.contains(&name.as_str()) {
        return Err(format!(
            "the SDK sets the {name} header itself; use its own setter instead"
        ));
    }
    let value =
        HeaderValue::try_from(value).map_err(|_| format!("the {name} value is not sendable"))?;
    Ok((name, value))
}

pub(crate) fn user_agent(suffix: Option<&str>) -> Result<HeaderValue, ConfigError> {
    match suffix.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(HeaderValue::from_static(USER_AGENT)),
        Some(suffix) => HeaderValue::try_from(format!("{USER_AGENT} {suffix}")).map_err(|_| {
            ConfigError::InvalidHeader {
                name: "user-agent".to_owned(),
                reason: "the suffix is not visible ASCII".to_owned(),
            }
        }),
    }
}

pub(crate) fn default_headers(
    given: Vec<(String, String)>,
    api_version: Option<String>,
) -> Result<HeaderMap, ConfigError> {
    let mut headers = HeaderMap::new();
    for (name, value) in given {
        let (name, value) = extra_header(&name, &value)
            .map_err(|reason| ConfigError::InvalidHeader { name, reason })?;
        headers.insert(name, value);
    }
    if let Some(version) = api_version {
        let value =
            HeaderValue::try_from(version.trim()).map_err(|_| ConfigError::InvalidHeader {
                name: API_VERSION_HEADER.to_owned(),
                reason: "the version is not visible ASCII".to_owned(),
            })?;
        headers.insert(HeaderName::from_static(API_VERSION_HEADER), value);
    }
    Ok(headers)
}

/// A request for `spec` to `url` with every header but the ones of one kind of call (the
/// idempotency key, the body's type, an event stream's cursor): the app's headers first, a call's
/// over the client's, then the SDK's own over both (`User-Agent`, `Accept`, `Authorization`: a
/// call's token over the client's key).
pub(crate) fn request_with_headers(
    inner: &Inner,
    spec: &RequestSpec,
    url: Url,
    accept: &'static str,
) -> RequestBuilder {
    let mut request = inner.http.request(spec.method.clone(), url);
    if !inner.default_headers.is_empty()
        || !spec.options.headers.is_empty()
        || inner.headers_from.is_some()
    {
        let mut headers = inner.default_headers.clone();
        if let Some(add) = &inner.headers_from {
            let mut added = HeaderMap::new();
            add(&mut added);
            for (name, value) in &added {
                if SDK_HEADERS.contains(&name.as_str()) {
                    tracing::debug!(header = %name, "headers_from set an SDK header; left out");
                } else {
                    headers.insert(name.clone(), value.clone());
                }
            }
        }
        for (name, value) in &spec.options.headers {
            headers.insert(name.clone(), value.clone());
        }
        request = request.headers(headers);
    }
    request = request
        .header(reqwest::header::USER_AGENT, inner.user_agent.clone())
        .header(ACCEPT, HeaderValue::from_static(accept));
    match spec
        .options
        .authorization
        .as_ref()
        .or(inner.authorization.as_ref())
    {
        Some(auth) => request.header(AUTHORIZATION, auth.clone()),
        None => request,
    }
}
