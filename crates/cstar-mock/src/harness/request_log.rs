//! The request log tests inspect.

use bytes::Bytes;
use serde_json::Value;

use crate::harness::faults::Fault;

/// One request as the emulator received it, with the status it answered.
///
/// Every request outside the `/__cstar_mock/` control routes is recorded, faulted ones
/// included, in arrival order: see [`MockServer::requests`](crate::MockServer::requests) and
/// [`MockServer::unexpected_requests`](crate::MockServer::unexpected_requests).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = cstar_mock::MockServer::start().await?;
/// // ... let the code under test talk to server.base_url() ...
/// for request in server.requests() {
///     assert!(request.header("Authorization").is_some(), "{} {}", request.method, request.path);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query, as sent (not decoded).
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Every header in arrival order, names lowercase, values decoded lossily as UTF-8.
    pub headers: Vec<(String, String)>,
    /// The body bytes as sent.
    pub body: Bytes,
    /// The status answered. `None` while the request is still being handled; a cut connection
    /// records the status the emulator started to send.
    pub status: Option<u16>,
    /// The fault this request met, queued or drawn by chaos mode; `None` when it was handled
    /// normally.
    pub fault: Option<Fault>,
    /// Whether [`fault`](Self::fault) was chaos mode's draw rather than a queued fault.
    pub chaos: bool,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }

    /// The body as UTF-8 text, or `None` if it is not valid UTF-8.
    pub fn body_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// The body parsed as JSON, or `None` if it is empty or not JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_whatever_the_case() {
        let request = RecordedRequest {
            method: "POST".into(),
            path: "/x".into(),
            query: None,
            headers: vec![
                ("idempotency-key".into(), "k1".into()),
                ("idempotency-key".into(), "k2".into()),
            ],
            body: Bytes::from_static(br#"{"a":1}"#),
            status: Some(201),
            fault: None,
            chaos: false,
        };
        assert_eq!(request.header("Idempotency-Key").as_deref(), Some("k1"));
        assert_eq!(request.header("authorization"), None);
        assert_eq!(request.body_str(), Some(r#"{"a":1}"#));
        assert_eq!(request.body_json().unwrap()["a"], 1);
    }
}
