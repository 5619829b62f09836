//! A stream that survives disconnects: backoff, `Last-Event-ID`, and dropping replays already
//! delivered.

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use super::connection::SseConnection;
use super::parser::SseEvent;
use crate::client::Client;
use crate::error::{Error, StreamError};
use crate::request::RequestSpec;
use crate::runtime;

/// How an [`EventSource`] reconnects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SseOptions {
    /// A connection silent (no event, no heartbeat) for this long is dropped and reopened.
    /// cStar's heartbeat comes every 15 s, so the default is 45 s.
    pub idle_timeout: Duration,
    /// The first reconnection delay; it doubles on each failure in a row.
    pub initial_backoff: Duration,
    /// The longest reconnection delay.
    pub max_backoff: Duration,
    /// How many delivered event ids are remembered to drop duplicate replays.
    pub dedupe_window: usize,
}

impl Default for SseOptions {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(45),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            dedupe_window: 4096,
        }
    }
}

impl SseOptions {
    /// Sets the idle timeout.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Sets the first and the longest reconnection delay.
    #[must_use]
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }
}

/// What an [`EventSource`] yields.
#[derive(Debug)]
#[non_exhaustive]
pub enum SseItem {
    /// A connection opened (first or again).
    Connected,
    /// An event not delivered before.
    Event(SseEvent),
    /// The connection ended; the source reconnects after `retry_in`. `error` is `None` when the
    /// server closed the stream cleanly.
    Disconnected {
        /// Why, if it was a failure.
        error: Option<Error>,
        /// The wait before the next attempt.
        retry_in: Duration,
    },
    /// A failure retrying cannot fix (401, 403, 404, 400, a bad argument): the source is done
    /// and yields nothing more.
    Failed(Error),
}

/// A Server-Sent Events stream that reconnects.
///
/// Each reconnect sends the last delivered event id as `Last-Event-ID`, so the server replays what
/// was missed; ids already delivered (the last [`SseOptions::dedupe_window`]) are dropped, so a
/// consumer sees each event once and in the server's order. Failures in a row back off
/// exponentially with jitter, and a success resets the delay; errors that retrying cannot fix
/// end the source with [`SseItem::Failed`] instead of a tight loop.
#[derive(Debug)]
pub struct EventSource {
    client: Client,
    spec: RequestSpec,
    options: SseOptions,
    connection: Option<SseConnection>,
    last_event_id: Option<String>,
    failures_in_a_row: u32,
    wait_before_open: Option<Duration>,
    delivered: RecentIds,
    done: bool,
}

impl EventSource {
    /// A source for the stream `spec` describes; nothing connects until the first
    /// [`next`](Self::next).
    pub fn new(client: Client, spec: RequestSpec, options: SseOptions) -> Self {
        Self {
            client,
            spec,
            delivered: RecentIds::new(options.dedupe_window),
            options,
            connection: None,
            last_event_id: None,
            failures_in_a_row: 0,
            wait_before_open: None,
            done: false,
        }
    }

    /// Resumes after this event id, as if it had been delivered.
    #[must_use]
    pub fn resume_after(mut self, event_id: impl Into<String>) -> Self {
        self.last_event_id = Some(event_id.into());
        self
    }

    /// The id of the last event delivered (or given to [`resume_after`](Self::resume_after)).
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// Whether a connection is open right now.
    pub fn is_connected(&self) -> bool {
        self.connection.is_some()
    }

    /// The next item; `None` once the source has failed for good.
    pub async fn next(&mut self) -> Option<SseItem> {
        loop {
            if self.done {
                return None;
            }
            let Some(connection) = self.connection.as_mut() else {
                return Some(self.open().await);
            };
            match connection.next_event().await {
                Ok(Some(event)) => {
                    self.failures_in_a_row = 0;
                    if let Some(id) = &event.id {
                        self.last_event_id = Some(id.clone());
                        if !self.delivered.insert(id) {
                            continue;
                        }
                    }
                    return Some(SseItem::Event(event));
                }
                Ok(None) => {
                    let hint = connection.retry_hint();
                    self.connection = None;
                    let retry_in = hint.unwrap_or(self.options.initial_backoff);
                    self.wait_before_open = Some(retry_in);
                    return Some(SseItem::Disconnected {
                        error: None,
                        retry_in,
                    });
                }
                Err(error) => {
                    self.connection = None;
                    let retry_in = self.backoff(&error);
                    self.wait_before_open = Some(retry_in);
                    return Some(SseItem::Disconnected {
                        error: Some(error),
                        retry_in,
                    });
                }
            }
        }
    }

    async fn open(&mut self) -> SseItem {
        if let Some(wait) = self.wait_before_open.take() {
            runtime::sleep(wait).await;
        }
        let opened = SseConnection::open(
            &self.client,
            &self.spec,
            self.last_event_id.as_deref(),
            self.options.idle_timeout,
        )
        .await;
        match opened {
            Ok(connection) => {
                self.connection = Some(connection);
                SseItem::Connected
            }
            Err(error) if is_final(&error) => {
                self.done = true;
                SseItem::Failed(error)
            }
            Err(error) => {
                let retry_in = self.backoff(&error);
                self.wait_before_open = Some(retry_in);
                SseItem::Disconnected {
                    error: Some(error),
                    retry_in,
                }
            }
        }
    }

    /// The wait before the next attempt: what a 429 asked for, else doubling from the initial
    /// delay up to the maximum, with up to 25 % jitter so that many clients do not reconnect in
    /// step.
    fn backoff(&mut self, error: &Error) -> Duration {
        let exponent = self.failures_in_a_row.min(16);
        self.failures_in_a_row = self.failures_in_a_row.saturating_add(1);
        if let Some(wait) = error.retry_after() {
            // The same cap the request retries use: a server asking for hours is not obeyed.
            return wait.min(Duration::from_secs(60));
        }
        let base = self
            .options
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.options.max_backoff);
        let [byte] = runtime::random_bytes::<1>();
        base.mul_f64(1.0 - f64::from(byte) / 255.0 * 0.25)
    }
}

/// Whether reconnecting could ever help.
fn is_final(error: &Error) -> bool {
    matches!(
        error,
        Error::Authentication(_)
            | Error::Permission(_)
            | Error::NotFound(_)
            | Error::Validation(_)
            | Error::Config(_)
            | Error::InvalidArgument(_)
            | Error::Stream(StreamError::NotEventStream { .. })
    )
}

/// The last `capacity` delivered ids.
#[derive(Debug)]
struct RecentIds {
    order: VecDeque<String>,
    set: HashSet<String>,
    capacity: usize,
}

impl RecentIds {
    fn new(capacity: usize) -> Self {
        Self {
            order: VecDeque::new(),
            set: HashSet::new(),
            capacity: capacity.max(1),
        }
    }

    /// Records an id; false when it was already there.
    fn insert(&mut self, id: &str) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() == self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        self.order.push_back(id.to_owned());
        self.set.insert(id.to_owned());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_ids_forget_the_oldest() {
        let mut ids = RecentIds::new(2);
        assert!(ids.insert("a"));
        assert!(!ids.insert("a"));
        assert!(ids.insert("b"));
        assert!(ids.insert("c"));
        assert!(ids.insert("a"), "a fell out of the window");
        assert!(!ids.insert("c"));
    }
}
