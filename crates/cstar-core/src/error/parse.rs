//! Reads an error response in any of the shapes the documentation has shown over the years.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde_json::Value;

use super::{ApiError, ErrorCode, ErrorType, excerpt};
use crate::meta::request_id_from_headers;

/// Builds the error for an unsuccessful response. Never fails: whatever the body is (the current
/// envelope, the 2025 `{error:{code,message,retryAfter}}`, a bare string, an HTML page from a
/// proxy), the status, headers and request id survive.
pub(crate) fn api_error_from_response(status: u16, headers: HeaderMap, body: &[u8]) -> ApiError {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let error = json.as_ref().and_then(|v| v.get("error"));
    let field = |name: &str| {
        error
            .and_then(|e| e.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };

    let message = match error {
        Some(Value::String(text)) => Some(text.clone()),
        _ => field("message"),
    }
    .or_else(|| {
        json.as_ref()
            .and_then(|v| v.get("message"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
    .unwrap_or_else(|| fallback_message(status, body));

    let request_id = field("request_id")
        .or_else(|| field("requestId"))
        .or_else(|| {
            json.as_ref()
                .and_then(|v| v.pointer("/meta/requestId"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .or_else(|| request_id_from_headers(&headers));

    let body_retry_after = error
        .and_then(|e| e.get("retryAfter").or_else(|| e.get("retry_after")))
        .or_else(|| json.as_ref().and_then(|v| v.get("retryAfter")))
        .and_then(seconds);

    ApiError {
        status,
        error_type: field("type").map(|t| ErrorType::from_wire(&t)),
        code: field("code").map(|c| ErrorCode::from_wire(&c)),
        message,
        param: field("param").or_else(|| field("field")),
        doc_url: field("doc_url").or_else(|| field("docUrl")),
        request_id,
        retry_after: retry_after_header(&headers).or(body_retry_after),
        headers,
        idempotency_key: None,
    }
}

fn fallback_message(status: u16, body: &[u8]) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unexpected status");
    let text = excerpt(body);
    let text = text.trim();
    if text.is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}: {text}")
    }
}

/// `Retry-After` in delta-seconds; the HTTP-date form is not used by cStar.
fn retry_after_header(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<f64>().ok().and_then(finite_seconds)
}

fn seconds(value: &Value) -> Option<Duration> {
    match value {
        Value::Number(n) => n.as_f64().and_then(finite_seconds),
        Value::String(s) => s.trim().parse::<f64>().ok().and_then(finite_seconds),
        _ => None,
    }
}

fn finite_seconds(secs: f64) -> Option<Duration> {
    // try_from_secs_f64 refuses negatives, NaN and overflow instead of panicking.
    Duration::try_from_secs_f64(secs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn parse(status: u16, body: &str) -> ApiError {
        api_error_from_response(status, HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn reads_the_current_envelope() {
        let e = parse(
            400,
            r#"{"success":false,"error":{"type":"invalid_request_error","code":"parameter_missing",
               "message":"title is required","param":"title",
               "doc_url":"https://www.cstar.help/developers/errors#parameter_missing",
               "request_id":"req_1"},"meta":{"requestId":"req_1","timestamp":"t"}}"#,
        );
        assert_eq!(e.code(), Some(&ErrorCode::ParameterMissing));
        assert_eq!(e.error_type(), Some(&ErrorType::InvalidRequestError));
        assert_eq!(e.param(), Some("title"));
        assert_eq!(e.request_id(), Some("req_1"));
        assert!(
            e.doc_url()
                .is_some_and(|u| u.ends_with("#parameter_missing"))
        );
    }

    #[test]
    fn reads_legacy_and_odd_shapes() {
        let g1 = parse(
            429,
            r#"{"error":{"code":"RATE_LIMITED","message":"slow","retryAfter":60}}"#,
        );
        assert_eq!(g1.code(), Some(&ErrorCode::RateLimited));
        assert_eq!(g1.retry_after(), Some(Duration::from_secs(60)));

        let string_error = parse(401, r#"{"success":false,"error":"Invalid API key"}"#);
        assert_eq!(string_error.message(), "Invalid API key");
        assert_eq!(string_error.code(), None);

        let field = parse(
            400,
            r#"{"error":{"code":"x","message":"m","field":"email"}}"#,
        );
        assert_eq!(field.param(), Some("email"));

        let upper = parse(
            404,
            r#"{"error":{"code":"RESOURCE_MISSING","message":"Ticket not found"}}"#,
        );
        assert_eq!(upper.code(), Some(&ErrorCode::ResourceMissing));

        let meta_id = parse(
            500,
            r#"{"error":{"message":"m"},"meta":{"requestId":"req_m"}}"#,
        );
        assert_eq!(meta_id.request_id(), Some("req_m"));

        let unknown = parse(400, r#"{"error":{"code":"brand_new_code","message":"m"}}"#);
        assert_eq!(
            unknown.code(),
            Some(&ErrorCode::Unknown("brand_new_code".into()))
        );
    }

    #[test]
    fn survives_bodies_that_are_not_json() {
        let html = parse(502, "<html>Bad Gateway</html>");
        assert_eq!(html.status(), 502);
        assert!(html.message().contains("Bad Gateway"), "{}", html.message());
        let empty = parse(503, "");
        assert_eq!(empty.message(), "Service Unavailable");
    }

    #[test]
    fn header_retry_after_wins_and_nonsense_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        headers.insert("x-request-id", HeaderValue::from_static("req_h"));
        let e = api_error_from_response(429, headers, br#"{"error":{"retryAfter":60}}"#);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(2)));
        assert_eq!(e.request_id(), Some("req_h"));

        let mut bad = HeaderMap::new();
        bad.insert(RETRY_AFTER, HeaderValue::from_static("-5"));
        let e = api_error_from_response(429, bad, br#"{"error":{"retryAfter":"soon"}}"#);
        assert_eq!(e.retry_after(), None);
    }
}
