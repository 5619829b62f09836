//! One open event stream: the authenticated GET, its checks, and reading events off it.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};

use super::parser::{SseEvent, SseParser};
use crate::client::Client;
use crate::error::{Error, Result, StreamError, api_error_from_response};
use crate::meta::request_id_from_headers;
use crate::request::RequestSpec;

const LAST_EVENT_ID: &str = "last-event-id";

/// One open `text/event-stream` response.
///
/// Reading never blocks longer than the idle timeout: a server that goes silent (no event and
/// no heartbeat comment) ends the connection with [`StreamError::Idle`].
#[derive(Debug)]
pub struct SseConnection {
    response: crate::fetch::Response,
    parser: SseParser,
    ready: VecDeque<SseEvent>,
    idle_timeout: Duration,
    request_id: Option<String>,
}

impl SseConnection {
    /// Opens the stream `spec` describes (a GET), sending `Last-Event-ID` when given.
    ///
    /// The response head must arrive within the client's timeout; after that, the stream may
    /// stay open indefinitely as long as something arrives every `idle_timeout`.
    ///
    /// # Errors
    ///
    /// The API error variants for a non-2xx answer (a bad key is
    /// [`Error::Authentication`]), [`Error::Network`] when the connection fails,
    /// [`Error::Stream`] when the answer is not an event stream or does not open in time.
    pub async fn open(
        client: &Client,
        spec: &RequestSpec,
        last_event_id: Option<&str>,
        idle_timeout: Duration,
    ) -> Result<Self> {
        let inner = client.inner();
        if client.is_closed() {
            return Err(Error::Closed);
        }
        let url = inner.base_url.join(&spec.path_segments()?, &spec.query)?;
        let mut request =
            crate::headers::request_with_headers(inner, spec, url, "text/event-stream")
                .header(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Some(id) = last_event_id {
            let value = HeaderValue::try_from(id).map_err(|_| {
                Error::InvalidArgument("the last event id cannot be sent as a header".to_owned())
            })?;
            request = request.header(LAST_EVENT_ID, value);
        }
        let open_timeout = spec.options.timeout.unwrap_or(inner.timeout);
        let response = crate::runtime::timeout(open_timeout, crate::fetch::send(request))
            .await
            .ok_or_else(|| {
                Error::Stream(StreamError::OpenTimeout {
                    after: open_timeout,
                })
            })?
            .map_err(|source| Error::Network {
                source,
                idempotency_key: None,
            })?;

        let status = response.status;
        if !(200..300).contains(&status) {
            let mut response = response;
            let headers = std::mem::take(&mut response.headers);
            let body = crate::runtime::timeout(open_timeout, response.bytes())
                .await
                .and_then(std::result::Result::ok)
                .unwrap_or_default();
            return Err(Error::from_api(api_error_from_response(
                status, headers, &body,
            )));
        }
        let content_type = response
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !content_type
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("text/event-stream")
        {
            return Err(Error::Stream(StreamError::NotEventStream {
                content_type: content_type.to_owned(),
            }));
        }
        let request_id = request_id_from_headers(&response.headers);
        Ok(Self {
            response,
            parser: SseParser::new(),
            ready: VecDeque::new(),
            idle_timeout,
            request_id,
        })
    }

    /// The next event; `Ok(None)` when the server ended the stream cleanly.
    ///
    /// Cancel-safe: an event already parsed stays queued if the future is dropped.
    ///
    /// # Errors
    ///
    /// [`Error::Network`] when the connection breaks, [`Error::Stream`] on silence past the
    /// idle timeout or a malformed frame.
    pub async fn next_event(&mut self) -> Result<Option<SseEvent>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Ok(Some(event));
            }
            let chunk = crate::runtime::timeout(self.idle_timeout, self.response.chunk())
                .await
                .ok_or_else(|| {
                    Error::Stream(StreamError::Idle {
                        after: self.idle_timeout,
                    })
                })?
                .map_err(|source| Error::Network {
                    source,
                    idempotency_key: None,
                })?;
            let Some(chunk) = chunk else {
                return Ok(None);
            };
            let mut events = Vec::new();
            self.parser
                .feed(&chunk, &mut events)
                .map_err(Error::Stream)?;
            self.ready.extend(events);
        }
    }

    /// The id of the last event the stream set, to resume from.
    pub fn last_event_id(&self) -> Option<&str> {
        self.parser.last_event_id()
    }

    /// The reconnection delay the server asked for with `retry:`.
    pub fn retry_hint(&self) -> Option<Duration> {
        self.parser.retry()
    }

    /// The `X-Request-Id` of the response that opened the stream.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}
