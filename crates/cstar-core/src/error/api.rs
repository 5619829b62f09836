//! The error cStar returned: status, type, code, message, field, docs link, request id, headers.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::meta::RateLimit;

crate::open_enum! {
    /// The error category in `error.type`.
    pub enum ErrorType {
        /// Key missing, malformed, invalid, expired, or lacking permission.
        AuthenticationError => "authentication_error",
        /// Seen in some 403 examples instead of `authentication_error`.
        AuthorizationError => "authorization_error",
        /// Bad or missing parameters, bad JSON, conflicts.
        InvalidRequestError => "invalid_request_error",
        /// The resource does not exist.
        NotFoundError => "not_found_error",
        /// Too many requests.
        RateLimitError => "rate_limit_error",
        /// A server-side failure, usually transient.
        ApiError => "api_error",
    }
}

crate::open_enum! {
    /// The machine-readable `error.code`, matched case-insensitively.
    pub enum ErrorCode {
        /// 401: `Authorization` header missing or malformed.
        AuthenticationRequired => "authentication_required",
        /// 401: key revoked, unknown, or from another team or environment.
        InvalidApiKey => "invalid_api_key",
        /// 401: the key has no known prefix.
        InvalidKeyFormat => "invalid_key_format",
        /// 401: the key is past its expiry.
        KeyExpired => "key_expired",
        /// 403: the key or role lacks the permission.
        InsufficientPermissions => "insufficient_permissions",
        /// 403: a publishable key tried to write.
        PublishableKeyWrite => "publishable_key_write",
        /// 403: the key belongs to another team.
        TeamAccessDenied => "team_access_denied",
        /// 400: a required field is absent; `param` names it.
        ParameterMissing => "parameter_missing",
        /// 400: a field has a value the API does not accept; `param` names it.
        ParameterInvalid => "parameter_invalid",
        /// 400: the body is not valid JSON.
        InvalidJson => "invalid_json",
        /// 409: the idempotency key was already used for a different request.
        IdempotencyKeyReused => "idempotency_key_reused",
        /// 404: no such resource.
        ResourceMissing => "resource_missing",
        /// 404: no such route.
        RouteNotFound => "route_not_found",
        /// 429: too many requests in the window.
        RateLimitExceeded => "rate_limit_exceeded",
        /// 5xx: an unexpected server failure.
        InternalError => "internal_error",
        /// 503: the service is briefly unavailable.
        ServiceUnavailable => "service_unavailable",
        /// Legacy 401 code.
        Unauthorized => "unauthorized",
        /// Legacy 403 code.
        Forbidden => "forbidden",
        /// Legacy 429 code.
        RateLimited => "rate_limited",
    }
}

/// Everything cStar said about a failed request.
///
/// Every field the wire may carry is optional there, so accessors return `Option` except for the
/// status and the message (which falls back to the HTTP reason phrase).
#[derive(Clone)]
pub struct ApiError {
    pub(crate) status: u16,
    pub(crate) error_type: Option<ErrorType>,
    pub(crate) code: Option<ErrorCode>,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    pub(crate) doc_url: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) headers: HeaderMap,
    pub(crate) idempotency_key: Option<String>,
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// `error.type`, when the body had one.
    pub fn error_type(&self) -> Option<&ErrorType> {
        self.error_type.as_ref()
    }

    /// `error.code`, when the body had one.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.code.as_ref()
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request field at fault (`param`, or `field` in some documentation), if any.
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// The documentation link for this error, if any.
    pub fn doc_url(&self) -> Option<&str> {
        self.doc_url.as_deref()
    }

    /// The request id to quote to cStar support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How long the server asked us to wait (`Retry-After` header, else body `retryAfter`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The `Idempotency-Key` the call was sent with (see
    /// [`Error::idempotency_key`](crate::Error::idempotency_key)).
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `X-RateLimit-*` headers of the response, when present.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers are left out on purpose: they are long, and a proxy could echo credentials.
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("type", &self.error_type.as_ref().map(ErrorType::as_str))
            .field("code", &self.code.as_ref().map(ErrorCode::as_str))
            .field("message", &self.message)
            .field("param", &self.param)
            .field("doc_url", &self.doc_url)
            .field("request_id", &self.request_id)
            .field("retry_after", &self.retry_after)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}", self.message, self.status)?;
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(param) = &self.param {
            write!(f, ", param {param}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

/// Whether the API refused a customer call because the chat session is anonymous.
pub(super) fn is_identify_required(error: &ApiError) -> bool {
    error
        .code()
        .is_some_and(|code| code.as_str() == "identify_required")
}

/// What to do next, for the few refusals whose fix is a call the SDK knows.
pub(super) fn hint(error: &ApiError) -> &'static str {
    if is_identify_required(error) {
        " (identify the customer first: ChatClient::identify)"
    } else {
        ""
    }
}
