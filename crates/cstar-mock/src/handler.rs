//! The one axum handler: records the request, applies a queued fault, runs the pipeline, and
//! turns the answer into HTTP.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::api::{Incoming, process, rate_limited};
use crate::control;
use crate::faults::Fault;
use crate::ids::request_id;
use crate::record::RecordedRequest;
use crate::state::Shared;
use crate::wire::{ApiFailure, raw, respond};

/// Bodies above this are refused; the API takes JSON documents, not uploads.
const MAX_BODY: usize = 8 * 1024 * 1024;

pub(crate) async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let request_id = request_id();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        let failure = ApiFailure::new(
            413,
            "invalid_request_error",
            "body_too_large",
            "The body is too large",
        );
        return respond(
            413,
            &failure.body(&request_id),
            &request_id,
            &HeaderMap::new(),
        );
    };
    let path = parts.uri.path().to_owned();
    if let Some(rest) = path.strip_prefix("/__cstar_mock/") {
        return control::handle(&shared, parts.method.as_str(), rest, &body);
    }
    let query: Vec<(String, String)> = parts.uri.query().map(url_decode_pairs).unwrap_or_default();

    let record = RecordedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
        status: None,
    };
    let (index, fault, delay) = {
        let mut state = shared.lock();
        state.requests.push(record);
        let fault = if path.starts_with("/api/") {
            state.faults.pop_front()
        } else {
            None
        };
        (state.requests.len() - 1, fault, state.settings.delay)
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }

    let mut drop_after_apply = false;
    match fault {
        None => {}
        Some(Fault::Delay { duration }) => tokio::time::sleep(duration).await,
        Some(Fault::DropResponseAfterApply) => drop_after_apply = true,
        Some(Fault::Fail { status }) => {
            let failure = ApiFailure::for_status(status);
            set_status(&shared, index, status);
            return respond(
                status,
                &failure.body(&request_id),
                &request_id,
                &HeaderMap::new(),
            );
        }
        Some(Fault::RateLimit { retry_after_secs }) => {
            let answer = rate_limited(retry_after_secs, &request_id, HeaderMap::new());
            set_status(&shared, index, 429);
            return respond(429, &answer.body, &request_id, &answer.headers);
        }
        Some(Fault::MalformedBody) => {
            set_status(&shared, index, 200);
            let truncated = Bytes::from_static(b"{\"success\":true,\"data\":{\"id\":\"tkt_");
            return raw(200, Body::from(truncated), &request_id, &HeaderMap::new());
        }
        Some(Fault::DropConnection) => {
            set_status(&shared, index, 200);
            return broken(&request_id, b"{\"success\":true,\"data\":{");
        }
    }

    let answer = {
        let mut state = shared.lock();
        let incoming = Incoming {
            method: parts.method.as_str(),
            path: &path,
            query: &query,
            headers: &parts.headers,
            body: &body,
            request_id: &request_id,
        };
        let answer = process(&mut state, &incoming);
        if let Some(recorded) = state.requests.get_mut(index) {
            recorded.status = Some(answer.status);
            if answer.unexpected {
                let copy = recorded.clone();
                state.unexpected.push(copy);
            }
        }
        answer
    };
    if drop_after_apply {
        let bytes = serde_json::to_vec(&answer.body).unwrap_or_default();
        let half = &bytes[..bytes.len() / 2];
        return broken(&request_id, half);
    }
    respond(answer.status, &answer.body, &request_id, &answer.headers)
}

fn set_status(shared: &Shared, index: usize, status: u16) {
    if let Some(recorded) = shared.lock().requests.get_mut(index) {
        recorded.status = Some(status);
    }
}

/// A 200 that promises more body than it sends, then fails the stream so hyper cuts the
/// connection: the client sees a response that ends mid-body.
fn broken(request_id: &str, part: &[u8]) -> Response {
    let first: Result<Bytes, std::io::Error> = Ok(Bytes::copy_from_slice(part));
    let cut: Result<Bytes, std::io::Error> = Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionAborted,
        "cstar-mock: connection dropped on purpose",
    ));
    let stream = futures_util::stream::iter([first, cut]);
    let mut headers = HeaderMap::new();
    headers.insert(
        "content-length",
        axum::http::HeaderValue::from(part.len() as u64 + 1024),
    );
    raw(200, Body::from_stream(stream), request_id, &headers)
}

/// Decodes `a=1&b=x%20y` into pairs (`+` is a space).
fn url_decode_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_queries() {
        assert_eq!(
            url_decode_pairs("a=1&b=x%20y&c=d+e&flag&bad=%zz&end=%4"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("c".into(), "d e".into()),
                ("flag".into(), "".into()),
                ("bad".into(), "%zz".into()),
                ("end".into(), "%4".into()),
            ]
        );
    }
}
