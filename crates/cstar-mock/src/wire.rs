//! The response envelope: success, list and error bodies, and the headers every response carries.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::clock::now_rfc3339;

/// What a route answers before it becomes HTTP.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Value,
}

/// An API error: status, `error.type`, `error.code`, message and the field at fault.
#[derive(Debug, Clone)]
pub(crate) struct ApiFailure {
    pub(crate) status: u16,
    pub(crate) error_type: &'static str,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    pub(crate) extra: Map<String, Value>,
}

impl ApiFailure {
    pub(crate) fn new(
        status: u16,
        error_type: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error_type,
            code,
            message: message.into(),
            param: None,
            extra: Map::new(),
        }
    }

    pub(crate) fn param(mut self, param: &str) -> Self {
        self.param = Some(param.to_owned());
        self
    }

    pub(crate) fn missing(param: &str) -> Self {
        Self::new(
            400,
            "invalid_request_error",
            "parameter_missing",
            format!("{param} is required"),
        )
        .param(param)
    }

    pub(crate) fn invalid(param: &str, why: impl Into<String>) -> Self {
        Self::new(400, "invalid_request_error", "parameter_invalid", why).param(param)
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(
            404,
            "not_found_error",
            "resource_missing",
            format!("{what} not found"),
        )
    }

    /// The error envelope with this request id.
    pub(crate) fn body(&self, request_id: &str) -> Value {
        let mut error = Map::new();
        error.insert("type".into(), self.error_type.into());
        error.insert("code".into(), self.code.into());
        error.insert("message".into(), self.message.clone().into());
        if let Some(param) = &self.param {
            error.insert("param".into(), param.clone().into());
        }
        error.insert(
            "doc_url".into(),
            format!("https://www.cstar.help/developers/errors#{}", self.code).into(),
        );
        error.insert("request_id".into(), request_id.into());
        error.extend(self.extra.clone());
        json!({
            "success": false,
            "error": error,
            "meta": {"requestId": request_id, "timestamp": now_rfc3339()},
        })
    }

    /// The error for an injected failure status.
    pub(crate) fn for_status(status: u16) -> Self {
        let (error_type, code, message) = match status {
            400 | 422 => (
                "invalid_request_error",
                "parameter_invalid",
                "Invalid request (injected)",
            ),
            401 => (
                "authentication_error",
                "invalid_api_key",
                "Invalid API key (injected)",
            ),
            403 => (
                "authentication_error",
                "insufficient_permissions",
                "Forbidden (injected)",
            ),
            404 => (
                "not_found_error",
                "resource_missing",
                "Not found (injected)",
            ),
            409 => (
                "invalid_request_error",
                "idempotency_key_reused",
                "Conflict (injected)",
            ),
            429 => (
                "rate_limit_error",
                "rate_limit_exceeded",
                "Rate limit exceeded (injected)",
            ),
            503 => (
                "api_error",
                "service_unavailable",
                "Service unavailable (injected)",
            ),
            500..=599 => ("api_error", "internal_error", "Internal error (injected)"),
            _ => (
                "invalid_request_error",
                "unexpected_status",
                "Unexpected status (injected)",
            ),
        };
        Self::new(status, error_type, code, message)
    }
}

/// `{success, data, meta}`.
pub(crate) fn success(status: u16, data: Value) -> Reply {
    Reply {
        status,
        body: json!({"success": true, "data": data}),
    }
}

/// Adds `meta {requestId, timestamp}` to a success body (kept out of stored idempotent replies'
/// identity: a replay carries the stored body as it was).
pub(crate) fn with_meta(mut body: Value, request_id: &str) -> Value {
    if let Some(object) = body.as_object_mut() {
        let meta = object
            .entry("meta")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert("requestId".into(), request_id.into());
            meta.insert("timestamp".into(), now_rfc3339().into());
        }
    }
    body
}

/// A JSON response with the request id header and any extra headers.
pub(crate) fn respond(
    status: u16,
    body: &Value,
    request_id: &str,
    headers: &HeaderMap,
) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    raw(status, Body::from(bytes), request_id, headers)
}

/// A response with a body as given.
pub(crate) fn raw(status: u16, body: Body, request_id: &str, headers: &HeaderMap) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let out = response.headers_mut();
    out.insert("content-type", HeaderValue::from_static("application/json"));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        out.insert(HeaderName::from_static("x-request-id"), id);
    }
    for (name, value) in headers {
        out.insert(name.clone(), value.clone());
    }
    response
}
