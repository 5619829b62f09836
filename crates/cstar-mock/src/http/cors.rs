//! CORS, so browser apps (and a browser build of the SDK) can use the customer-facing surfaces:
//! preflights answered, the asking origin allowed (any by default, or the builder's list), the
//! headers the SDK sends allowed, and the request id and rate-limit headers exposed, streams
//! included. Admin routes refuse browsers, as cStar documents: their secret keys stay on servers.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::response::Response;

use crate::api;
use crate::http::error::ApiFailure;
use crate::http::route::{self, Admission};

/// The request headers a browser may send: those the SDK sends.
const ALLOWED_HEADERS: &str = "Accept, Authorization, Cache-Control, Content-Type, \
Idempotency-Key, Last-Event-ID, User-Agent";
/// The response headers a browser script may read.
const EXPOSED_HEADERS: &str = "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, \
X-RateLimit-Reset, X-RateLimit-Window, Retry-After, Idempotent-Replayed";
/// How long a browser may cache a preflight's answer, in seconds.
const MAX_AGE: &str = "600";

/// What CORS makes of a request.
#[derive(Debug)]
pub(crate) enum Cors {
    /// No `Origin` header, a path nobody serves, or an origin not allowed on a customer-facing
    /// route (answered, without CORS headers, so the browser keeps the answer from the page).
    Absent,
    /// A customer-facing route from an allowed origin: the answer carries CORS headers.
    Allowed(HeaderValue),
    /// A preflight of a customer-facing route from an allowed origin, answered 204 here.
    Preflight {
        origin: HeaderValue,
        methods: String,
    },
    /// Refused with this error, unapplied: a browser on an admin route, or a preflight from an
    /// origin not allowed.
    Refused(ApiFailure),
}

impl Cors {
    /// Classifies a request by its `Origin`, its method and what is served at its path.
    pub(crate) fn of(allowed: &[String], method: &Method, headers: &HeaderMap, path: &str) -> Self {
        let Some(origin) = headers.get("origin") else {
            return Self::Absent;
        };
        let routes = route::at_path(api::ROUTES, path);
        let Some(first) = routes.first() else {
            return Self::Absent;
        };
        let preflight =
            method == Method::OPTIONS && headers.contains_key("access-control-request-method");
        if first.admission == Admission::ApiKey {
            return Self::Refused(ApiFailure::new(
                403,
                "authentication_error",
                "cors_not_allowed",
                "Admin API routes take secret keys, which must stay on your servers: call them \
                 from your backend, not from a browser",
            ));
        }
        let welcome = allowed.is_empty()
            || origin
                .to_str()
                .is_ok_and(|o| allowed.iter().any(|a| a.eq_ignore_ascii_case(o)));
        match (welcome, preflight) {
            (true, true) => {
                let mut methods: Vec<&str> = routes.iter().map(|r| r.method).collect();
                methods.dedup();
                methods.push("OPTIONS");
                Self::Preflight {
                    origin: origin.clone(),
                    methods: methods.join(", "),
                }
            }
            (true, false) => Self::Allowed(origin.clone()),
            (false, true) => Self::Refused(ApiFailure::new(
                403,
                "invalid_request_error",
                "cors_origin_not_allowed",
                "This origin is not among the emulator's allowed origins",
            )),
            (false, false) => Self::Absent,
        }
    }

    /// Whether the request goes on to faults, admission and its route.
    pub(crate) fn proceeds(&self) -> bool {
        matches!(self, Self::Absent | Self::Allowed(_))
    }

    /// The preflight's own answer: 204, no body.
    pub(crate) fn preflight_answer(&self) -> Option<Response> {
        let Self::Preflight { methods, .. } = self else {
            return None;
        };
        let mut response = Response::new(Body::empty());
        *response.status_mut() = axum::http::StatusCode::NO_CONTENT;
        let out = response.headers_mut();
        if let Ok(methods) = HeaderValue::from_str(methods) {
            out.insert("access-control-allow-methods", methods);
        }
        out.insert(
            "access-control-allow-headers",
            HeaderValue::from_static(ALLOWED_HEADERS),
        );
        out.insert("access-control-max-age", HeaderValue::from_static(MAX_AGE));
        Some(response)
    }

    /// Adds the CORS headers an allowed origin's answer (or preflight) carries.
    pub(crate) fn decorate(&self, response: &mut Response) {
        let (Self::Allowed(origin) | Self::Preflight { origin, .. }) = self else {
            return;
        };
        let out = response.headers_mut();
        // The asking origin rather than `*`, and credentials allowed, so pages that fetch with
        // `credentials: "include"` work too.
        out.insert("access-control-allow-origin", origin.clone());
        out.insert(
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        );
        out.insert("vary", HeaderValue::from_static("Origin"));
        out.insert(
            "access-control-expose-headers",
            HeaderValue::from_static(EXPOSED_HEADERS),
        );
    }
}
