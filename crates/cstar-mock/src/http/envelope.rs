//! The success envelope, `meta`, and turning an answer into an HTTP response with the headers
//! every response carries.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::model::clock::now_rfc3339;

/// What a route answers, before `meta` is added: `{success, data, ...}` or `{success, error}`.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Value,
}

/// `{success: true, data}`.
pub(crate) fn success(status: u16, data: Value) -> Reply {
    Reply {
        status,
        body: json!({"success": true, "data": data}),
    }
}

/// Adds `meta {requestId, timestamp}` (keeping a `meta.pagination` already there) and
/// serializes: these are the bytes sent, and the bytes an idempotent replay sends again.
pub(crate) fn seal(mut body: Value, request_id: &str) -> Bytes {
    if let Some(object) = body.as_object_mut() {
        let meta = object
            .entry("meta")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert("requestId".into(), request_id.into());
            meta.insert("timestamp".into(), now_rfc3339().into());
        }
    }
    // Serializing a `Value` cannot fail (its map keys are strings).
    Bytes::from(serde_json::to_vec(&body).unwrap_or_default())
}

/// A JSON response with `X-Request-Id` and any extra headers.
pub(crate) fn respond(status: u16, body: Body, request_id: &str, headers: &HeaderMap) -> Response {
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

/// A reply sealed and sent, for answers that never reach the API pipeline.
pub(crate) fn respond_reply(reply: Reply, request_id: &str, headers: &HeaderMap) -> Response {
    let status = reply.status;
    respond(
        status,
        Body::from(seal(reply.body, request_id)),
        request_id,
        headers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_keeps_legacy_pagination_and_adds_the_request_id() {
        let body = json!({"success": true, "data": [], "meta": {"pagination": {"page": 1}}});
        let sealed: Value = serde_json::from_slice(&seal(body, "req_x")).unwrap();
        assert_eq!(sealed["meta"]["pagination"]["page"], 1);
        assert_eq!(sealed["meta"]["requestId"], "req_x");
        assert!(sealed["meta"]["timestamp"].as_str().unwrap().ends_with('Z'));
    }
}
