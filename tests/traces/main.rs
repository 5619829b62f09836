//! The key never shows in traces; spans use OpenTelemetry's HTTP names; `headers_from` runs
//! inside the attempt's span.
//!
//! This test has a process of its own: tracing caches per call site whether anyone listens, and
//! in a process where other tests run without a subscriber, the `cstar.request` span can be cached
//! as disabled before this test installs its scoped subscriber.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure should stop the test loudly"
)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use cstar_admin::{CStarClient, CreateTicket};
use cstar_e2e::{fast_retries, start_mock};
use tracing_subscriber::fmt::format::FmtSpan;

/// The part of a key that must never be printed: everything after the prefix but the last four.
fn hidden_part(key: &str) -> &str {
    let body = &key[8..];
    &body[..body.len() - 4]
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_key_never_shows_in_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = start_mock().await;
    let spans_seen = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&spans_seen);
    let cstar = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .retry_policy(fast_retries())
        // Where a tracing-opentelemetry user reads the context to inject: the attempt's span.
        .headers_from(move |_headers| {
            let current = tracing::Span::current();
            seen.lock()
                .unwrap()
                .push(current.metadata().map(|m| m.name()));
        })
        .build()
        .unwrap();
    server.fail_next(1, 503);
    cstar
        .tickets()
        .create(CreateTicket::new("Traced"))
        .await
        .unwrap();
    let _ = cstar.tickets().get("tkt_missing").await;

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("cstar.request"),
        "the request span is emitted: {text}"
    );
    assert!(
        text.contains("/tickets/{id}"),
        "spans name the path template: {text}"
    );
    assert!(text.contains("req_"), "spans carry the request id: {text}");
    for field in [
        "http.request.method=POST",
        "url.template=",
        "http.response.status_code=503",
        "http.response.status_code=201",
        "server.address=\"127.0.0.1\"",
    ] {
        assert!(
            text.contains(field),
            "spans use OpenTelemetry's names ({field}): {text}"
        );
    }
    assert!(text.contains("retrying"), "the retry is traced: {text}");
    assert_eq!(
        spans_seen.lock().unwrap().as_slice(),
        [Some("cstar.request"); 3],
        "the hook runs inside each attempt's span"
    );
    assert!(
        !text.contains(hidden_part(server.secret_key())),
        "secret leaked in traces"
    );
}
