//! Trace context: `headers_from` adds headers from the caller's context on every attempt (a W3C
//! `traceparent`), and the emulator's request log shows what arrived.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use cstar_admin::CreateTicket;
use cstar_core::reqwest::header::HeaderValue;
use cstar_e2e::{client_builder, start_mock};
use cstar_library::LibraryClient;

/// A traceparent whose span id counts the attempts, so each attempt's can be told apart.
fn traceparent(n: u32) -> String {
    format!("00-4bf92f3577b34da6a3ce929d0e0e4736-{n:016x}-01")
}

#[tokio::test]
async fn every_attempt_carries_the_traceparent_the_hook_set() {
    let server = start_mock().await;
    let attempts = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&attempts);
    let cstar = client_builder(&server)
        .headers_from(move |headers| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            if let Ok(value) = HeaderValue::try_from(traceparent(n)) {
                headers.insert("traceparent", value);
            }
            // The SDK's own headers are left out of what the hook adds.
            headers.insert("authorization", HeaderValue::from_static("Bearer nope"));
        })
        .build()
        .unwrap();
    server.fail_next(1, 503);
    cstar
        .tickets()
        .create(CreateTicket::new("Traced"))
        .await
        .unwrap();
    assert_eq!(attempts.load(Ordering::SeqCst), 2, "one call per attempt");
    let received: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("traceparent"))
        .collect();
    assert_eq!(
        received,
        [Some(traceparent(1)), Some(traceparent(2))],
        "the retry carries its own"
    );
}

#[tokio::test]
async fn customer_clients_take_the_hook_too() {
    let server = start_mock().await;
    let library = LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .headers_from(|headers| {
            headers.insert(
                "traceparent",
                HeaderValue::from_static("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            );
        })
        .build()
        .unwrap();
    library.search("password", None).await.unwrap();
    let sent = server.requests();
    assert_eq!(
        sent.last().and_then(|r| r.header("traceparent")).as_deref(),
        Some("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    );
}
