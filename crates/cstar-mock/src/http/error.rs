//! API errors and their envelope: `{success: false, error: {type, code, message, param?,
//! doc_url, request_id}, meta}`.

use serde_json::{Map, Value, json};

use crate::http::envelope::Reply;
use crate::model::Env;

/// An API error: status, `error.type`, `error.code`, message and the field at fault.
#[derive(Debug, Clone)]
pub(crate) struct ApiFailure {
    pub(crate) status: u16,
    pub(crate) error_type: &'static str,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    /// Fields beyond the documented ones, such as `retryAfter` on a 429.
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

    /// 400 `parameter_missing` naming the field.
    pub(crate) fn missing(param: &str) -> Self {
        Self::new(
            400,
            "invalid_request_error",
            "parameter_missing",
            format!("{param} is required"),
        )
        .param(param)
    }

    /// 400 `parameter_invalid` naming the field.
    pub(crate) fn invalid(param: &str, why: impl Into<String>) -> Self {
        Self::new(400, "invalid_request_error", "parameter_invalid", why).param(param)
    }

    /// 404 `resource_missing`, "`what` not found".
    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(
            404,
            "not_found_error",
            "resource_missing",
            format!("{what} not found"),
        )
    }

    /// 404 `resource_missing` for a record that exists in the other environment: the message
    /// says where, so a test key asking for a live id is not left with a bare "not found".
    pub(crate) fn not_found_elsewhere(what: &str, caller: Env) -> Self {
        let other = caller.other();
        Self::new(
            404,
            "not_found_error",
            "resource_missing",
            format!(
                "{what} not found: it exists in the {} environment; this key is a {} key",
                other.as_str(),
                caller.as_str()
            ),
        )
    }

    /// 404 `route_not_found`: the catch-all.
    pub(crate) fn no_route(method: &str, path: &str) -> Self {
        Self::new(
            404,
            "not_found_error",
            "route_not_found",
            format!("No route for {method} {path}"),
        )
    }

    /// 429 `rate_limit_exceeded` with `retryAfter` in the error object.
    pub(crate) fn rate_limited(retry_after: u64) -> Self {
        let mut failure = Self::new(
            429,
            "rate_limit_error",
            "rate_limit_exceeded",
            format!("Rate limit exceeded. Try again in {retry_after} seconds."),
        );
        failure
            .extra
            .insert("retryAfter".into(), retry_after.into());
        failure
    }

    /// The envelope, without `meta` (added when the answer is sealed).
    pub(crate) fn reply(&self, request_id: &str) -> Reply {
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
        Reply {
            status: self.status,
            body: json!({"success": false, "error": error}),
        }
    }

    /// The error for an injected failure status; statuses outside 400..=599 become 500, since a
    /// fault is always a failure.
    pub(crate) fn for_status(status: u16) -> Self {
        let status = if (400..=599).contains(&status) {
            status
        } else {
            500
        };
        let (error_type, code, message) = match status {
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
                "parameter_invalid",
                "Invalid request (injected)",
            ),
        };
        Self::new(status, error_type, code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injected_statuses_get_matching_types() {
        let cases = [
            (500, 500, "api_error", "internal_error"),
            (502, 502, "api_error", "internal_error"),
            (503, 503, "api_error", "service_unavailable"),
            (400, 400, "invalid_request_error", "parameter_invalid"),
            (422, 422, "invalid_request_error", "parameter_invalid"),
            (404, 404, "not_found_error", "resource_missing"),
            (200, 500, "api_error", "internal_error"),
            (999, 500, "api_error", "internal_error"),
        ];
        for (asked, status, error_type, code) in cases {
            let f = ApiFailure::for_status(asked);
            assert_eq!((f.status, f.error_type, f.code), (status, error_type, code));
        }
    }

    #[test]
    fn param_appears_only_when_set() {
        let plain = ApiFailure::not_found("Ticket").reply("req_1").body;
        assert!(plain["error"].get("param").is_none());
        assert_eq!(plain["error"]["message"], "Ticket not found");
        let with = ApiFailure::missing("title").reply("req_1").body;
        assert_eq!(with["error"]["param"], "title");
        assert_eq!(
            with["error"]["doc_url"],
            "https://www.cstar.help/developers/errors#parameter_missing"
        );
        assert_eq!(with["error"]["request_id"], "req_1");
    }
}
