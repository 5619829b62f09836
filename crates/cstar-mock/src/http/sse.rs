//! Server-Sent Events: a `text/event-stream` response that follows the event log, each stream
//! choosing its events and writing their frames, with heartbeat comments while nothing happens.
//! The realtime stream (`api::admin::listen`) and chat's conversation stream use it.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use futures_util::stream;
use serde_json::Value;
use tokio::sync::watch;

use crate::http::context::StreamStart;
use crate::http::envelope::respond;
use crate::store::{Shared, State};

/// Picks the events a stream sends and writes their frames.
pub(crate) type Select = Box<dyn Fn(&Value) -> Option<Bytes> + Send>;

/// A `text/event-stream` response that sends the greeting, then a frame for each logged event
/// from the start's sequence on that its `select` picks, with heartbeats, until the server
/// stops.
pub(crate) fn stream_response(
    shared: &Shared,
    state: &State,
    start: StreamStart,
    request_id: &str,
    headers: &HeaderMap,
) -> Response {
    let listener = Listener {
        shared: shared.clone(),
        signal: state.events.watch(),
        epoch: state.events.epoch(),
        next: start.next,
        select: start.select,
        heartbeat: state.settings.heartbeat,
        queue: VecDeque::from([Bytes::from(start.greeting)]),
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
