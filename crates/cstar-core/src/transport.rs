//! Executes a [`RequestSpec`]: the one seam every call of every crate goes through.
//!
//! [`Client::execute`] checks the spec (a closed client, a bad argument, a route whose template
//! and parameters do not agree: nothing is sent), resolves the route and the customer's token,
//! then runs attempts under the retry policy and the call's deadline: headers, the request,
//! decoding of the answer. When the call gives up, the client's [`CallHook`](crate::hook) (the
//! offline queue, when there is one) sees it before the caller does; that is the one place a
//! cross-cutting feature may hook in. Every error of a call that carried an idempotency key
//! carries that key.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use reqwest::{Method, Url};
use tracing::{Instrument, field};

use crate::client::Client;
use crate::envelope::{BodyMeta, DecodeFn};
use crate::error::{
    ConnectionClosedError, DecodeError, Error, Result, api_error_from_response, excerpt,
};
use crate::hook::GaveUp;
use crate::meta::{Meta, RateLimit, request_id_from_headers};
use crate::request::RequestSpec;
use crate::retry::{Outcome, SystemRandom};
use crate::runtime;

const JSON: &str = "application/json";
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// A finished call's value and its [`Meta`], boxed: on its way out through the layers of
/// futures (attempt, retry loop, [`Call`](crate::Call)) it is moved several times, and a move
/// then copies a pointer instead of the whole value (a ticket and its Meta are 720 bytes).
pub(crate) type Done<T> = Box<(T, Meta)>;

/// Why an attempt failed, and whether that is worth another one.
struct Failure {
    error: Error,
    outcome: Outcome,
}

impl Failure {
    fn fatal(error: Error) -> Self {
        Self {
            error,
            outcome: Outcome::Fatal,
        }
    }
}

/// Everything an attempt needs that does not change between attempts.
struct Prepared<'a> {
    spec: &'a RequestSpec,
    segments: Vec<&'a str>,
    url: Url,
    idempotency_key: Option<HeaderValue>,
    timeout: Duration,
}

impl Prepared<'_> {
    fn key(&self) -> Option<&str> {
        self.idempotency_key.as_ref().and_then(|k| k.to_str().ok())
    }

    /// Whether sending it again cannot apply it twice: a method that means the same when
    /// repeated, or a key the server deduplicates by.
    fn repeatable(&self) -> bool {
        self.idempotency_key.is_some()
            || matches!(
                self.spec.method,
                Method::GET | Method::HEAD | Method::DELETE | Method::PUT | Method::OPTIONS
            )
    }
}

/// When the whole call must be over.
#[derive(Clone, Copy)]
struct Deadline {
    total: Duration,
    at: runtime::Instant,
}

impl Deadline {
    fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(runtime::monotonic_now())
    }
}

impl Client {
    /// Runs the call: one attempt, then retries as the policy allows, within the deadline.
    ///
    /// Not an `async fn`, and owning the client: an `async fn`'s state would keep its arguments
    /// twice (as given and as locals), and a caller boxing it would wrap it once more.
    #[expect(
        clippy::manual_async_fn,
        reason = "an async fn would store its arguments twice in the call's state"
    )]
    pub(crate) fn execute<T: Send + 'static>(
        self,
        mut spec: RequestSpec,
        decode: DecodeFn<T>,
    ) -> impl Future<Output = Result<Done<T>>> + Send + 'static {
        async move {
            if self.is_closed() {
                return Err(Error::Closed);
            }
            if let Some(reason) = &spec.invalid {
                return Err(Error::InvalidArgument(reason.clone()));
            }
            if let Some(source) = spec.options.token_source.take() {
                if spec.options.authorization.is_none() {
                    let token = source.0.access_token().await?;
                    spec = spec.bearer(token.expose_secret());
                    if let Some(reason) = &spec.invalid {
                        return Err(Error::InvalidArgument(reason.clone()));
                    }
                }
            }
            let prepared = self.prepare(&spec)?;
            // The client's policy by reference, and the call's override apart: a copy of the
            // policy in this call's state would make it too large for the allocator's cache.
            let policy = &self.inner().retry;
            let max_retries = spec.options.max_retries;
            let deadline = spec
                .options
                .deadline
                .or(policy.total_timeout())
                .map(|total| Deadline {
                    total,
                    at: runtime::monotonic_now() + total,
                });
            let mut retries_done = 0u32;
            // Boxed for the same reason as the policy: an Error is 64 bytes.
            let mut last: Option<Box<Error>> = None;
            let failure = loop {
                // One attempt and the decision on it, in a block: what it leaves behind is dead
                // before the backoff wait, so the wait adds nothing to this call's state.
                let wait = {
                    // Field names after OpenTelemetry's HTTP client conventions, so that an
                    // OTel pipeline reads them without mapping.
                    let span = tracing::debug_span!(
                        "cstar.request",
                        http.request.method = %spec.method,
                        url.template = %spec.template,
                        server.address = prepared.url.host_str().unwrap_or_default(),
                        http.request.resend_count = retries_done,
                        attempt = retries_done + 1,
                        http.response.status_code = field::Empty,
                        request_id = field::Empty,
                    );
                    let started = runtime::monotonic_now();
                    // Boxed: the attempt is most of this call's state, and apart the two
                    // allocations stay small enough for the allocator's per-thread cache (one
                    // block of 1.5 KB did not, and took the slow path on every call). A box is
                    // also what the timer holds, so a deadline adds nothing to the size.
                    let attempt = Box::pin(
                        self.attempt(&prepared, decode, deadline, &span)
                            .instrument(span.clone()),
                    );
                    let result = match deadline {
                        None => attempt.await,
                        Some(d) => match runtime::timeout(d.remaining(), attempt).await {
                            Some(result) => result,
                            None => break out_of_time(d, retries_done + 1, last),
                        },
                    };
                    let failure = match result {
                        Ok(done) => return Ok(done),
                        Err(failure) => failure,
                    };
                    let policy = max_retries.map_or(*policy, |n| policy.with_max_retries(n));
                    let decided = policy.decide(
                        retries_done,
                        &failure.outcome,
                        prepared.repeatable(),
                        &mut SystemRandom,
                    );
                    let Some(wait) = decided else {
                        break failure.error;
                    };
                    if let Some(d) = deadline {
                        if wait >= d.remaining() {
                            break out_of_time(d, retries_done + 1, Some(Box::new(failure.error)));
                        }
                    }
                    tracing::debug!(
                        parent: &span,
                        elapsed = ?started.elapsed(),
                        ?wait,
                        error = %failure.error,
                        "attempt failed; retrying"
                    );
                    last = Some(Box::new(failure.error));
                    wait
                };
                // Boxed too: a timer is 100 bytes, and only a retry needs one.
                Box::pin(runtime::sleep(wait)).await;
                retries_done += 1;
            };
            let error = failure.with_idempotency_key(prepared.key());
            match self.hook() {
                Some(hook) if !spec.options.internal => {
                    let call = GaveUp {
                        spec: &spec,
                        segments: &prepared.segments,
                        idempotency_key: prepared.key(),
                    };
                    Err(hook.on_give_up(&self, &call, error))
                }
                _ => Err(error),
            }
        }
    }

    fn prepare<'a>(&self, spec: &'a RequestSpec) -> Result<Prepared<'a>> {
        let segments = spec.path_segments()?;
        let url = self.inner().base_url.join(&segments, &spec.query)?;
        let key = match &spec.options.idempotency_key {
            Some(key) => Some(key.clone()),
            None if matches!(spec.method, Method::POST | Method::PATCH) => Some(runtime::uuid_v4()),
            None => None,
        };
        let idempotency_key = key
            .map(|key| {
                if key.is_empty() {
                    return Err(Error::InvalidArgument(
                        "the idempotency key is empty".to_owned(),
                    ));
                }
                HeaderValue::try_from(key).map_err(|_| {
                    Error::InvalidArgument(
                        "the idempotency key must be visible ASCII (it is sent as a header)"
                            .to_owned(),
                    )
                })
            })
            .transpose()?;
        Ok(Prepared {
            spec,
            segments,
            url,
            idempotency_key,
            timeout: spec.options.timeout.unwrap_or(self.inner().timeout),
        })
    }

    async fn attempt<T>(
        &self,
        prepared: &Prepared<'_>,
        decode: DecodeFn<T>,
        deadline: Option<Deadline>,
        span: &tracing::Span,
    ) -> Result<Done<T>, Failure> {
        let inner = self.inner();
        let spec = prepared.spec;
        let timeout = deadline.map_or(prepared.timeout, |d| prepared.timeout.min(d.remaining()));
        let mut request =
            crate::headers::request_with_headers(inner, spec, prepared.url.clone(), JSON)
                .timeout(timeout);
        if let Some(key) = &prepared.idempotency_key {
            request = request.header(IDEMPOTENCY_KEY, key.clone());
        }
        if let Some(body) = &spec.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static(JSON))
                .body(Bytes::clone(body));
        }

        let response = crate::fetch::send(request)
            .await
            .map_err(|e| transport_failure(e, timeout))?;
        // Apart, and the body read once for every status, so that this call's state holds one
        // body future and the headers beside it, nothing more.
        let (status, headers, body) = response.into_parts();
        span.record("http.response.status_code", status);
        let body = body.await.map_err(|source| {
            if source.is_timeout() {
                return transport_failure(source, timeout);
            }
            // The head arrived, so this is an answer cut short, not a network failure before
            // one: say so, with the request id its headers carried. Retried like a network
            // failure: every attempt of a mutation carries the same idempotency key.
            let request_id = request_id_from_headers(&headers);
            if let Some(id) = &request_id {
                span.record("request_id", id.as_str());
            }
            Failure {
                error: Error::ConnectionClosed(Box::new(ConnectionClosedError {
                    status,
                    request_id,
                    idempotency_key: None,
                    source,
                })),
                outcome: Outcome::Network,
            }
        })?;
        if !(200..300).contains(&status) {
            let error = api_error_from_response(status, headers, &body);
            if let Some(id) = error.request_id() {
                span.record("request_id", id);
            }
            let outcome = Outcome::Status {
                status,
                retry_after: error.retry_after(),
            };
            return Err(Failure {
                error: Error::from_api(error),
                outcome,
            });
        }

        let rate_limit = RateLimit::from_headers(&headers);
        let replayed = headers.contains_key(&REPLAYED);
        match decode(&body) {
            Ok((value, body_meta)) if !body_meta.failed => {
                let meta = build_meta(status, body_meta, &headers, rate_limit, replayed);
                if let Some(id) = &meta.request_id {
                    span.record("request_id", id.as_str());
                }
                Ok(Box::new((value, meta)))
            }
            // A 2xx that says `success: false` is an error in disguise.
            Ok(_) => Err(Failure::fatal(Error::from_api(api_error_from_response(
                status, headers, &body,
            )))),
            // Garbled or cut short on the way, or not what the model says: a repeatable call
            // tries again (the policy decides), the rest report it.
            Err(undecodable) => {
                let request_id =
                    body_request_id(&body).or_else(|| request_id_from_headers(&headers));
                if let Some(id) = &request_id {
                    span.record("request_id", id.as_str());
                }
                Err(Failure {
                    error: Error::Decode(Box::new(DecodeError {
                        status,
                        request_id,
                        excerpt: excerpt(&body),
                        path: undecodable.path,
                        idempotency_key: None,
                        source: undecodable.source,
                    })),
                    outcome: Outcome::Undecodable,
                })
            }
        }
    }
}

fn build_meta(
    status: u16,
    body: BodyMeta,
    headers: &reqwest::header::HeaderMap,
    rate_limit: Option<RateLimit>,
    idempotent_replay: bool,
) -> Meta {
    Meta {
        status,
        request_id: body.request_id.or_else(|| request_id_from_headers(headers)),
        timestamp: body.timestamp,
        pagination: body.pagination,
        rate_limit,
        idempotent_replay,
    }
}

/// The request id of a body that is JSON but not the expected shape.
fn body_request_id(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value
        .pointer("/meta/requestId")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

/// The deadline ran out; `last` is how the last finished attempt failed.
fn out_of_time(deadline: Deadline, attempts: u32, last: Option<Box<Error>>) -> Error {
    Error::DeadlineExceeded {
        deadline: deadline.total,
        attempts,
        idempotency_key: None,
        last,
    }
}

fn transport_failure(error: reqwest::Error, timeout: Duration) -> Failure {
    if error.is_timeout() {
        Failure {
            error: Error::Timeout {
                timeout,
                source: error,
                idempotency_key: None,
            },
            outcome: Outcome::Timeout,
        }
    } else if error.is_builder() {
        Failure::fatal(Error::InvalidArgument(format!(
            "the request could not be built: {error}"
        )))
    } else {
        Failure {
            error: Error::Network {
                source: error,
                idempotency_key: None,
            },
            outcome: Outcome::Network,
        }
    }
}
