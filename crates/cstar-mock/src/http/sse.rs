//! `GET /api/v1/teams/{teamId}/webhooks/listen`: the realtime stream, as Server-Sent Events.
//!
//! Frames are `id:` (the event id), `event:` (the type) and `data:` (the webhook envelope). A
//! `types=` filter takes a comma-separated list of exact types, `resource.*` or `*`. A
//! `Last-Event-ID` header (or `lastEventId` query parameter) replays the logged events after
//! that id; an id the log no longer holds replays nothing and says so in a comment. A comment
//! line goes out every heartbeat interval so that clients can tell a quiet stream from a dead
//! one. Only secret keys may listen: events carry customer data.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::HeaderValue;
use axum::response::Response;
use futures_util::stream;
use serde_json::Value;
use tokio::sync::watch;

use crate::http::envelope::respond;
use crate::http::error::ApiFailure;
use crate::http::pipeline::{Admitted, Answer, Incoming, admit};
use crate::model::KeyKind;
use crate::store::Shared;

/// Whether a request is for the stream (the handler sends those here instead of the pipeline).
pub(crate) fn is_listen(method: &str, path: &str) -> bool {
    method == "GET"
        && path
            .strip_prefix("/api/v1/teams/")
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(team, rest)| !team.is_empty() && rest == "webhooks/listen")
}

/// Checks the request as the pipeline would, then answers with the stream. The status is
/// returned too, for the request log.
pub(crate) fn open(shared: &Shared, incoming: &Incoming<'_>, request_id: &str) -> (Response, u16) {
    let mut state = shared.lock();
    let Admitted {
        caller, headers, ..
    } = match admit(&mut state, incoming, request_id) {
        Ok(admitted) => admitted,
        Err(answer) => {
            let status = answer.status;
            return (send(answer), status);
        }
    };
    if caller.kind != KeyKind::Secret {
        let failure = ApiFailure::new(
            403,
            "authentication_error",
            "secret_key_required",
            "Listening to events needs a secret key",
        );
        return (send(Answer::failure(&failure, request_id, headers)), 403);
    }
    let types = query(incoming.query, "types").map(parse_types);
    let resume = incoming
        .headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| query(incoming.query, "lastEventId").map(str::to_owned))
        .filter(|id| !id.is_empty());
    let mut greeting = String::from(": connected\n\n");
    let next = match resume.as_deref().map(|id| state.events.seq_after(id)) {
        Some(Some(seq)) => seq,
        Some(None) => {
            greeting.push_str(": unknown Last-Event-ID; nothing before now is replayed\n\n");
            state.events.next_seq()
        }
        None => state.events.next_seq(),
    };
    let select: Select = Box::new(move |event: &Value| {
        let event_type = event["type"].as_str().unwrap_or_default();
        let wanted = types
            .as_ref()
            .is_none_or(|types| types.iter().any(|p| type_matches(p, event_type)));
        wanted.then(|| frame(event))
    });
    let response = stream_response(shared, &state, next, select, greeting, request_id, &headers);
    (response, 200)
}

/// Picks the events a stream sends and writes their frames.
pub(crate) type Select = Box<dyn Fn(&Value) -> Option<Bytes> + Send>;

/// A `text/event-stream` response that sends `greeting`, then a frame for each logged event
/// from sequence `next` on that `select` picks, with heartbeats, until the server stops.
pub(crate) fn stream_response(
    shared: &Shared,
    state: &crate::store::State,
    next: u64,
    select: Select,
    greeting: String,
    request_id: &str,
    headers: &axum::http::HeaderMap,
) -> Response {
    let listener = Listener {
        shared: shared.clone(),
        signal: state.events.watch(),
        epoch: state.events.epoch(),
        next,
        select,
        heartbeat: state.settings.heartbeat,
        queue: VecDeque::from([Bytes::from(greeting)]),
    };
    let body = Body::from_stream(stream::unfold(listener, Listener::step));
    let mut response = respond(200, body, request_id, headers);
    let out = response.headers_mut();
    out.insert(
        "content-type",
        HeaderValue::from_static("text/event-stream"),
    );
    out.insert("cache-control", HeaderValue::from_static("no-cache"));
    response
}

fn send(answer: Answer) -> Response {
    respond(
        answer.status,
        Body::from(answer.body),
        &answer.request_id,
        &answer.headers,
    )
}

fn query<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn parse_types(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `*` matches all; `resource.*` matches types whose part before the first `.` is `resource`
/// (so `customer.*` does not match `customer_group.created`); anything else matches exactly.
pub(crate) fn type_matches(pattern: &str, event_type: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_suffix(".*") {
        Some(resource) => event_type.split('.').next() == Some(resource),
        None => pattern == event_type,
    }
}

/// One open stream.
struct Listener {
    shared: Shared,
    signal: watch::Receiver<u64>,
    epoch: u64,
    /// The sequence number of the next event to consider.
    next: u64,
    select: Select,
    heartbeat: Duration,
    queue: VecDeque<Bytes>,
}

impl Listener {
    async fn step(mut self) -> Option<(Result<Bytes, Infallible>, Self)> {
        loop {
            if let Some(frame) = self.queue.pop_front() {
                return Some((Ok(frame), self));
            }
            // Marked seen before the log is read, so a publish in between still wakes us.
            self.signal.borrow_and_update();
            {
                let state = self.shared.lock();
                if state.events.epoch() != self.epoch {
                    return None;
                }
                let (events, next) = state.events.since(self.next);
                self.next = next;
                let frames: Vec<Bytes> = events.iter().filter_map(|e| (self.select)(e)).collect();
                self.queue.extend(frames);
            }
            if !self.queue.is_empty() {
                continue;
            }
            tokio::select! {
                changed = self.signal.changed() => {
                    // The log was replaced (the emulator was reset): this stream is over.
                    if changed.is_err() {
                        return None;
                    }
                }
                () = tokio::time::sleep(self.heartbeat) => {
                    self.queue.push_back(Bytes::from_static(b": heartbeat\n\n"));
                }
            }
        }
    }
}

fn frame(event: &Value) -> Bytes {
    let id = event["id"].as_str().unwrap_or_default();
    let event_type = event["type"].as_str().unwrap_or_default();
    Bytes::from(format!("id: {id}\nevent: {event_type}\ndata: {event}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_stop_at_the_first_dot() {
        assert!(type_matches("*", "anything.at_all"));
        assert!(type_matches("ticket.*", "ticket.created"));
        assert!(type_matches("customer.*", "customer.updated"));
        assert!(!type_matches("customer.*", "customer_group.created"));
        assert!(type_matches("ticket.created", "ticket.created"));
        assert!(!type_matches("ticket.created", "ticket.updated"));
    }

    #[test]
    fn only_the_listen_path_streams() {
        assert!(is_listen("GET", "/api/v1/teams/t1/webhooks/listen"));
        assert!(!is_listen("POST", "/api/v1/teams/t1/webhooks/listen"));
        assert!(!is_listen("GET", "/api/v1/teams//webhooks/listen"));
        assert!(!is_listen("GET", "/api/v1/teams/t1/webhooks/wh_1"));
    }
}
