//! The one error type of every cstar-rs crate.

mod api;
mod closed;
mod config;
mod parse;
mod stream;

use std::time::Duration;

pub use api::{ApiError, ErrorCode, ErrorType};
pub use closed::ConnectionClosedError;
pub use config::ConfigError;
pub(crate) use parse::api_error_from_response;
pub use stream::StreamError;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a cStar call.
///
/// The API variants mirror the JS SDK's error classes (`CStarAuthenticationError` ...) and each
/// carries the whole [`ApiError`]; the others describe failures before or around the HTTP
/// exchange. Match on the variant, or use the predicates.
///
/// An error of a mutation may leave its outcome unknown (a response lost after the server
/// applied it): [`idempotency_key`](Self::idempotency_key) gives the key every attempt carried,
/// and repeating the call with `.idempotency_key(key)` is safe within the API's 24 h
/// idempotency window: the server applies it at most once and answers a repeat from its record.
///
/// ```no_run
/// # async fn demo(err: cstar_core::Error) {
/// match &err {
///     cstar_core::Error::Validation(e) => eprintln!("fix field {:?}: {}", e.param(), e.message()),
///     cstar_core::Error::NotFound(_) => eprintln!("gone"),
///     other if other.is_retryable() => eprintln!("try again later"),
///     other => eprintln!("{other} (request id {:?})", other.request_id()),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401: the key is missing, malformed, unknown, revoked or expired; or, on the customer
    /// APIs, the customer's token is (see [`is_identify_required`](Self::is_identify_required)).
    #[error("authentication failed: {0}{hint}", hint = api::hint(.0))]
    Authentication(Box<ApiError>),
    /// 403: the key may not do this (publishable key writing, other team, secret-only route).
    #[error("permission denied: {0}")]
    Permission(Box<ApiError>),
    /// 404: no such resource, or not visible to this key.
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),
    /// 400 or 422: the request was invalid; [`ApiError::param`] names the field when known.
    #[error("invalid request: {0}")]
    Validation(Box<ApiError>),
    /// 409: an idempotency key reused for another request, or a unique value already taken.
    #[error("conflict: {0}")]
    Conflict(Box<ApiError>),
    /// 429: rate limited, after the retries the policy allowed; see [`ApiError::retry_after`].
    #[error("rate limited: {0}")]
    RateLimit(Box<ApiError>),
    /// 5xx: the server failed, after the retries the policy allowed.
    #[error("server error: {0}")]
    Server(Box<ApiError>),
    /// Any other unsuccessful status.
    #[error("unexpected response: {0}")]
    Api(Box<ApiError>),
    /// The request could not be sent or no response arrived (DNS, connect, reset, TLS).
    #[error("network error: {source}")]
    Network {
        /// The transport's own error.
        #[source]
        source: reqwest::Error,
        /// The idempotency key the call was sent with (see [`Error::idempotency_key`]).
        idempotency_key: Option<String>,
    },
    /// A response began (its status and headers arrived) and the connection closed before its
    /// body ended; the request id is there when the headers carried one.
    #[error(transparent)]
    ConnectionClosed(Box<ConnectionClosedError>),
    /// No complete response arrived within the timeout of an attempt.
    #[error("request timed out after {timeout:?}")]
    Timeout {
        /// The per-attempt timeout that ran out.
        timeout: Duration,
        /// The transport's own error.
        #[source]
        source: reqwest::Error,
        /// The idempotency key the call was sent with (see [`Error::idempotency_key`]).
        idempotency_key: Option<String>,
    },
    /// The call's total deadline ([`RetryPolicy::with_total_timeout`](crate::RetryPolicy) or
    /// [`Call::deadline`](crate::Call::deadline)) ran out, across attempts, backoff and 429 waits.
    #[error(
        "the call ran out of its {deadline:?} deadline after {attempts} attempt(s){}",
        last.as_ref().map(|e| format!("; last: {e}")).unwrap_or_default()
    )]
    DeadlineExceeded {
        /// The deadline that ran out.
        deadline: Duration,
        /// How many attempts were started.
        attempts: u32,
        /// The idempotency key the call was sent with (see [`Error::idempotency_key`]).
        idempotency_key: Option<String>,
        /// How the last finished attempt failed, if one did.
        #[source]
        last: Option<Box<Error>>,
    },
    /// The client was closed ([`Client::close`](crate::Client::close)); nothing was sent.
    #[error("the client was closed; build a new one to make calls")]
    Closed,
    /// A success response whose body is not what the API documents.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// An event stream (realtime, chat) broke: wrong content type, silence past the idle
    /// timeout, or a malformed frame.
    #[error("event stream error: {0}")]
    Stream(StreamError),
    /// The client is misconfigured; nothing was sent.
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
    /// An argument of the call cannot be sent (an empty id, an unserializable body); nothing
    /// was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The API could not be reached, so the mutation was kept in the client's offline queue;
    /// it will be sent, with the same idempotency key, when the API is reachable again.
    #[cfg(feature = "offline")]
    #[error("the API could not be reached; queued offline as item {} ({})", item.id, item.describe())]
    Queued {
        /// The queued mutation.
        item: Box<crate::offline::QueuedItem>,
        /// Why it could not be sent.
        #[source]
        source: reqwest::Error,
    },
    /// The call acts as a signed-in customer and there is none: never signed in, logged out,
    /// or the refresh token was refused. Nothing was sent.
    #[error(
        "no customer is signed in: sign in with AuthClient::login or signup first, or pass the \
         customer's access token to the call"
    )]
    NotSignedIn,
    /// The session store (where a customer's or chat session is kept) failed.
    #[error(transparent)]
    SessionStore(#[from] crate::session::SessionStoreError),
    /// The call needs an async runtime to run in the background (a live feed, a timer) and
    /// none is running on this thread. Nothing was started.
    #[error(
        "no async runtime: call this from inside a Tokio runtime (e.g. a #[tokio::main] \
         function)"
    )]
    NoRuntime,
    /// A local I/O operation failed; nothing was sent. The SDK's calls do not produce it: it
    /// lets `?` carry an `std::io::Error` (starting the emulator, reading a file) in a function
    /// that returns [`Result`].
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The offline queue's store failed (it could not keep, read or remove an item).
    #[cfg(feature = "offline")]
    #[error(transparent)]
    OfflineStore(#[from] crate::offline::StoreError),
}

/// A response body that could not be read as the documented shape.
#[derive(Debug, thiserror::Error)]
#[error(
    "could not decode the response (HTTP {status}, request id {}){}: {source}; body starts: {excerpt:?}",
    request_id.as_deref().unwrap_or("none"),
    path.as_deref().map(|p| format!(" at {p}")).unwrap_or_default()
)]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: u16,
    /// The request id, from the body if it got that far, else from the response headers.
    pub request_id: Option<String>,
    /// The first bytes of the body (at most 512), lossily decoded.
    pub excerpt: String,
    /// Where in the body the decoder stopped (`data[3].createdAt`), when it got that far.
    pub path: Option<String>,
    /// The idempotency key the call was sent with (see [`Error::idempotency_key`]).
    pub idempotency_key: Option<String>,
    /// What the JSON decoder said.
    #[source]
    pub source: serde_json::Error,
}

/// How many bytes of an unreadable body an error keeps: enough to recognise an HTML error page or
/// a truncated document, not so much that a huge body bloats logs.
pub(crate) const EXCERPT_LIMIT: usize = 512;

pub(crate) fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_LIMIT)];
    String::from_utf8_lossy(cut).into_owned()
}

impl Error {
    /// The cStar error behind this, for every API variant.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Authentication(e)
            | Self::Permission(e)
            | Self::NotFound(e)
            | Self::Validation(e)
            | Self::Conflict(e)
            | Self::RateLimit(e)
            | Self::Server(e)
            | Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Decode(e) => Some(e.status),
            Self::ConnectionClosed(e) => Some(e.status),
            other => other.api_error().map(ApiError::status),
        }
    }

    /// The request id to quote to cStar support, when a response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Decode(e) => e.request_id.as_deref(),
            Self::ConnectionClosed(e) => e.request_id.as_deref(),
            other => other.api_error().and_then(ApiError::request_id),
        }
    }

    /// The `Idempotency-Key` the failed call was sent with: every POST and PATCH has one (the
    /// caller's, or one the SDK generated). When the outcome is unknown (a network failure or
    /// timeout, a connection closed mid-answer, a 5xx, an unreadable answer, the deadline), repeating the call with
    /// `.idempotency_key(key)` is safe within the API's 24 h window: the server applies it at
    /// most once.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Self::Network {
                idempotency_key, ..
            }
            | Self::Timeout {
                idempotency_key, ..
            }
            | Self::DeadlineExceeded {
                idempotency_key, ..
            } => idempotency_key.as_deref(),
            Self::Decode(e) => e.idempotency_key.as_deref(),
            Self::ConnectionClosed(e) => e.idempotency_key.as_deref(),
            #[cfg(feature = "offline")]
            Self::Queued { item, .. } => Some(&item.idempotency_key),
            other => other.api_error().and_then(ApiError::idempotency_key),
        }
    }

    /// The same error, carrying the call's idempotency key.
    pub(crate) fn with_idempotency_key(mut self, key: Option<&str>) -> Self {
        let Some(key) = key else { return self };
        let slot = match &mut self {
            Self::Network {
                idempotency_key, ..
            }
            | Self::Timeout {
                idempotency_key, ..
            }
            | Self::DeadlineExceeded {
                idempotency_key, ..
            } => idempotency_key,
            Self::Decode(e) => &mut e.idempotency_key,
            Self::ConnectionClosed(e) => &mut e.idempotency_key,
            Self::Authentication(e)
            | Self::Permission(e)
            | Self::NotFound(e)
            | Self::Validation(e)
            | Self::Conflict(e)
            | Self::RateLimit(e)
            | Self::Server(e)
            | Self::Api(e) => &mut e.idempotency_key,
            _ => return self,
        };
        *slot = Some(key.to_owned());
        self
    }

    /// The `error.code`, when the response had one.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.api_error().and_then(ApiError::code)
    }

    /// How long the server asked us to wait, on a rate-limit error.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_error().and_then(ApiError::retry_after)
    }

    /// Whether trying the same call again later may succeed (network, a connection closed
    /// mid-answer, timeout, deadline, an unreadable answer, 429, 5xx).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Network { .. }
                | Self::ConnectionClosed(_)
                | Self::Timeout { .. }
                | Self::DeadlineExceeded { .. }
                | Self::Decode(_)
                | Self::RateLimit(_)
                | Self::Server(_)
                | Self::Stream(StreamError::Idle { .. } | StreamError::OpenTimeout { .. })
        )
    }

    /// Whether this is a 429.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Self::RateLimit(_))
    }

    /// Whether an attempt, or the whole call's deadline, ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. } | Self::DeadlineExceeded { .. })
    }

    /// Whether a customer chat call needs an identified customer and the session is
    /// anonymous (an [`Authentication`](Self::Authentication) error with code
    /// `identify_required`): call `ChatClient::identify` first.
    pub fn is_identify_required(&self) -> bool {
        matches!(self, Self::Authentication(e) if api::is_identify_required(e))
    }

    /// Whether this is a 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound(_))
    }

    /// Picks the variant for a status, as the JS SDK picks its error class.
    pub(crate) fn from_api(error: ApiError) -> Self {
        let boxed = Box::new(error);
        match boxed.status {
            401 => Self::Authentication(boxed),
            403 => Self::Permission(boxed),
            404 => Self::NotFound(boxed),
            400 | 422 => Self::Validation(boxed),
            409 => Self::Conflict(boxed),
            429 => Self::RateLimit(boxed),
            500..=599 => Self::Server(boxed),
            _ => Self::Api(boxed),
        }
    }
}
