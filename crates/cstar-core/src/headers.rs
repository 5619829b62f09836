//! The headers an app adds (client defaults, per call, the API version, its `User-Agent`
//! suffix) and the ones the SDK keeps for itself.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::client::USER_AGENT;
use crate::error::ConfigError;

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
