//! The one axum handler and dispatcher: it records the request, settles CORS (answering
//! preflights, refusing browsers on admin routes), applies a queued fault or chaos's draw,
//! matches the request against every surface's route table, admits it, checks its
//! idempotency key, runs the route's handler under the state lock, and turns the answer (or
//! stream) into HTTP.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State as AxumState};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use futures_util::{StreamExt, stream};

use crate::api;
use crate::delivery;
use crate::harness::chaos::Chaos;
use crate::harness::control;
use crate::harness::faults::Fault;
use crate::harness::request_log::RecordedRequest;
use crate::http::admission::{Admitted, admit, idempotency};
use crate::http::answer::{Deferred, Incoming, Outgoing};
use crate::http::context::{Ctx, StreamStart};
use crate::http::cors::Cors;
use crate::http::envelope::{respond, respond_reply, success};
use crate::http::error::ApiFailure;
use crate::http::query::decode_pairs;
use crate::http::route;
use crate::http::sse;
use crate::model::ids::request_id;
use crate::store::{Shared, State};

/// Bodies above this are refused; the API takes JSON documents, not uploads.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// How long a cut-off response waits between its partial body and the cut.
const FLUSH_PAUSE: Duration = Duration::from_millis(20);

/// What a malformed-body fault sends: JSON cut off mid-object.
const TRUNCATED_JSON: &[u8] = b"{\"success\":true,\"data\":{\"id\":\"tkt_";

pub(crate) async fn handle(AxumState(shared): AxumState<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let request_id = request_id();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        let failure = ApiFailure::new(
            413,
            "invalid_request_error",
            "body_too_large",
            "The request body is larger than 8 MiB",
        );
        return respond_reply(failure.reply(&request_id), &request_id, &HeaderMap::new());
    };
    let path = parts.uri.path().to_owned();
    if let Some(rest) = path.strip_prefix("/__cstar_mock/") {
        return control::handle(&shared, parts.method.as_str(), rest, &body);
    }

    let (index, fault, delay, cors) = {
        let mut state = shared.lock();
        let mut recorded = record(&parts, &body);
        let cors = Cors::of(
            &state.settings.cors_origins,
            &parts.method,
            &parts.headers,
            &path,
        );
        // Preflights and refused browsers meet no fault: they never reach the API.
        let (fault, by_chaos) = if path.starts_with("/api/") && cors.proceeds() {
            match state.faults.pop_front() {
                Some(queued) => (Some(queued), false),
                None => {
                    let drawn = state.chaos.as_mut().and_then(Chaos::draw);
                    let by_chaos = drawn.is_some();
                    (drawn, by_chaos)
                }
            }
        } else {
            (None, false)
        };
        recorded.fault.clone_from(&fault);
        recorded.chaos = by_chaos;
        state.requests.push(recorded);
        (state.requests.len() - 1, fault, state.settings.delay, cors)
    };
    if let Some(mut response) = cors.preflight_answer() {
        set_status(&shared, index, 204);
        cors.decorate(&mut response);
        return response;
    }
    if let Cors::Refused(failure) = &cors {
        set_status(&shared, index, failure.status);
        return respond_reply(failure.reply(&request_id), &request_id, &HeaderMap::new());
    }
    let mut response = answer(&shared, &parts, &body, index, fault, delay, &request_id).await;
    cors.decorate(&mut response);
    response
}

/// The answer to an API request that met `fault` (if any) after its record at `index`.
async fn answer(
    shared: &Shared,
    parts: &Parts,
    body: &Bytes,
    index: usize,
    fault: Option<Fault>,
    delay: Option<Duration>,
    request_id: &str,
) -> Response {
    let path = parts.uri.path();
    // Sleeps happen outside the lock, so a stalled request does not stall the others.
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let mut drop_after_apply = false;
    match fault {
        None => {}
        Some(Fault::Delay { duration }) => tokio::time::sleep(duration).await,
        Some(Fault::DropResponseAfterApply) => drop_after_apply = true,
        Some(Fault::Fail { status }) => {
            let reply = ApiFailure::for_status(status).reply(request_id);
            set_status(shared, index, reply.status);
            return respond_reply(reply, request_id, &HeaderMap::new());
        }
        Some(Fault::RateLimit { retry_after_secs }) => {
            let answer = Outgoing::rate_limited(retry_after_secs, request_id, HeaderMap::new());
            set_status(shared, index, answer.status);
            return send(answer);
        }
        Some(Fault::MalformedBody) => {
            set_status(shared, index, 200);
            let body = Body::from(Bytes::from_static(TRUNCATED_JSON));
            return respond(200, body, request_id, &HeaderMap::new());
        }
        Some(Fault::DropConnection) => {
            set_status(shared, index, 200);
            let part = Bytes::from_static(b"{\"success\":true,\"data\":{");
            return cut_off(200, request_id, part);
        }
    }

    let query = parts.uri.query().map(decode_pairs).unwrap_or_default();
    // The peer's address, for the per-IP limit (absent only when served without it).
    let ip = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let incoming = Incoming {
        method: parts.method.as_str(),
        path,
        query: &query,
        headers: &parts.headers,
        body,
        ip: &ip,
    };
    let (answer, deferred) = {
        let mut state = shared.lock();
        let (outcome, deferred) = apply(&mut state, &incoming, request_id);
        let answer = match outcome {
            Outcome::Answer(answer) => answer,
            Outcome::Stream(start, headers) => {
                if let Some(recorded) = state.requests.get_mut(index) {
                    recorded.status = Some(200);
                }
                // A stream has no end to cut halfway: it is cut before its first frame.
                if drop_after_apply {
                    return cut_off(200, request_id, Bytes::new());
                }
                return sse::stream_response(shared, &state, start, request_id, &headers);
            }
        };
        if let Some(recorded) = state.requests.get_mut(index) {
            recorded.status = Some(answer.status);
            if answer.unexpected {
                let copy = recorded.clone();
                state.unexpected.push(copy);
            }
        }
        (answer, deferred)
    };
    let answer = match deferred {
        Some(deferred) => {
            let result = delivery::run_test(shared, deferred.test).await;
            let answer = Outgoing::new(success(200, result), &answer.request_id, answer.headers);
            let mut state = shared.lock();
            if let Some(remember) = deferred.remember {
                remember.store(&mut state, &answer);
            }
            if let Some(recorded) = state.requests.get_mut(index) {
                recorded.status = Some(answer.status);
            }
            answer
        }
        None => answer,
    };
    if drop_after_apply {
        let half = answer.body.slice(..answer.body.len() / 2);
        return cut_off(answer.status, &answer.request_id, half);
    }
    send(answer)
}

/// What a request comes to under the lock.
enum Outcome {
    Answer(Outgoing),
    /// Admitted to a stream of events (with the rate-limit headers).
    Stream(StreamStart, HeaderMap),
}

/// Route match, admission, idempotency, then the handler: one request against the state.
fn apply(
    state: &mut State,
    incoming: &Incoming<'_>,
    request_id: &str,
) -> (Outcome, Option<Deferred>) {
    let answer = |outgoing| (Outcome::Answer(outgoing), None);
    let Some(matched) = route::find(api::ROUTES, incoming.method, incoming.path) else {
        return answer(Outgoing::no_route(
            incoming.method,
            incoming.path,
            request_id,
        ));
    };
    let Admitted { caller, headers } = match admit(state, &matched, incoming, request_id) {
        Ok(admitted) => admitted,
        Err(outgoing) => return answer(outgoing),
    };
    let admission = matched.route.admission;
    let remember = match idempotency(state, admission, &caller, incoming, request_id, &headers) {
        Ok(remember) => remember,
        Err(outgoing) => return answer(outgoing),
    };
    let mut ctx = Ctx {
        state,
        caller,
        method: incoming.method,
        params: &matched.params,
        query: incoming.query,
        headers: incoming.headers,
        body: incoming.body,
        deferred: None,
        stream: None,
    };
    let result = (matched.route.handler)(&mut ctx);
    let (stream, test) = (ctx.stream.take(), ctx.deferred.take());
    let reply = match (result, stream) {
        (Ok(_), Some(start)) => return (Outcome::Stream(start, headers), None),
        (Ok(mut reply), None) => {
            if let Some(drift) = &state.settings.drift {
                drift.apply(&mut reply.body);
            }
            reply
        }
        (Err(failure), _) => failure.reply(request_id),
    };
    let outgoing = Outgoing::new(reply, request_id, headers);
    if let Some(test) = test.filter(|_| outgoing.status < 300) {
        return (Outcome::Answer(outgoing), Some(Deferred { test, remember }));
    }
    if let Some(remember) = remember {
        remember.store(state, &outgoing);
    }
    answer(outgoing)
}

fn record(parts: &Parts, body: &Bytes) -> RecordedRequest {
    RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (n.as_str().to_owned(), value)
            })
            .collect(),
        body: body.clone(),
        status: None,
        fault: None,
        chaos: false,
    }
}

fn set_status(shared: &Shared, index: usize, status: u16) {
    if let Some(recorded) = shared.lock().requests.get_mut(index) {
        recorded.status = Some(status);
    }
}

fn send(answer: Outgoing) -> Response {
    respond(
        answer.status,
        Body::from(answer.body),
        &answer.request_id,
        &answer.headers,
    )
}

/// A response that promises more body than it sends, then fails its stream so hyper aborts the
/// connection: the client sees the status and headers, part of the body, then the cut.
fn cut_off(status: u16, request_id: &str, part: Bytes) -> Response {
    let promised = part.len() as u64 + 1024;
    let first = stream::once(async move { Ok::<Bytes, std::io::Error>(part) });
    // The pause makes hyper flush the head and the first chunk before the error: failing at once
    // would abort with everything still in its write buffer, and the client would see no answer
    // at all instead of a truncated one.
    let cut = stream::once(async {
        tokio::time::sleep(FLUSH_PAUSE).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "cstar-mock: connection dropped on purpose",
        ))
    });
    let mut headers = HeaderMap::new();
    headers.insert("content-length", HeaderValue::from(promised));
    respond(
        status,
        Body::from_stream(first.chain(cut)),
        request_id,
        &headers,
    )
}
