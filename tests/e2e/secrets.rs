//! No key in Debug, Display, errors or traces.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cstar_admin::{CStarClient, CreateTicket, ListTickets};
use cstar_e2e::{client, fast_retries, start_mock};
use tracing_subscriber::fmt::format::FmtSpan;

/// The part of a key that must never be printed: everything after the prefix but the last four.
fn hidden_part(key: &str) -> &str {
    let body = &key[8..];
    &body[..body.len() - 4]
}

#[tokio::test]
async fn the_key_never_shows_in_debug_or_errors() {
    let server = start_mock().await;
    let cstar = client(&server);
    let secret = hidden_part(server.secret_key()).to_owned();

    let bad_team = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id("00000000-0000-4000-8000-000000000000")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = bad_team
        .tickets()
        .list(ListTickets::new())
        .await
        .unwrap_err();
    let insecure = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id("t")
        .base_url("http://example.com")
        .build()
        .unwrap_err();

    let shown = [
        format!("{cstar:?}"),
        format!("{:?}", cstar.core()),
        format!("{:?}", cstar.core().api_key()),
        format!("{err:?} {err}"),
        format!("{insecure:?} {insecure}"),
        format!("{:?}", CStarClient::builder().api_key(server.secret_key())),
    ];
    for text in shown {
        assert!(!text.contains(&secret), "secret leaked in: {text}");
    }
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
    let cstar = CStarClient::builder()
        .api_key(server.secret_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .retry_policy(fast_retries())
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
    assert!(text.contains("retrying"), "the retry is traced: {text}");
    assert!(
        !text.contains(hidden_part(server.secret_key())),
        "secret leaked in traces"
    );
}
