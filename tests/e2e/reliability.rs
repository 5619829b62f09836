//! Issue 12's reliability checks against the emulator: garbled answers retried, the idempotency
//! key on every error of a mutation, a total deadline, headers on the wire, field paths in decode
//! errors, offline outcomes that are never silent, `close()`, and server-side realtime filters.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cstar_admin::offline::{FlushResult, MemoryStore};
use cstar_admin::realtime::RealtimeConfig;
use cstar_admin::{CreateTicket, Error, ListTickets, Method, RetryPolicy, UpdateTicket};
use cstar_core::sse::SseOptions;
use cstar_e2e::{assert_no_unexpected_requests, client, client_builder, start_mock};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(10);

async fn eventually(what: &str, check: impl Fn() -> bool) {
    tokio::time::timeout(PATIENCE, async {
        while !check() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out waiting until {what}"));
}

#[tokio::test]
async fn garbled_answers_are_retried_on_get_patch_and_post_and_apply_once() {
    let server = start_mock().await;
    let cstar = client(&server);
    let before = server.ticket_count();

    server.malformed_body_next(2);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("garbled create"))
        .await
        .unwrap();
    assert_eq!(server.ticket_count(), before + 1, "exactly one record");

    server.malformed_body_next(1);
    let got = cstar.tickets().get(&ticket.id).await.unwrap();
    assert_eq!(got.id, ticket.id);

    server.malformed_body_next(1);
    let updated = cstar
        .tickets()
        .update(&ticket.id, UpdateTicket::patch().title("garbled update"))
        .await
        .unwrap();
    assert_eq!(updated.title, "garbled update");
    assert_eq!(server.ticket_count(), before + 1);

    // Every retry of the create carried the key of its first attempt.
    let creates: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/tickets"))
        .collect();
    assert_eq!(creates.len(), 3);
    let keys: Vec<_> = creates
        .iter()
        .map(|r| r.header("idempotency-key"))
        .collect();
    assert!(
        keys[0].is_some() && keys.iter().all(|k| *k == keys[0]),
        "{keys:?}"
    );
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_carries_its_key_and_repeats_safely() {
    let server = start_mock().await;
    let cstar = client(&server);
    let before = server.ticket_count();
    server.drop_response_after_apply_next(1);
    let err = cstar
        .tickets()
        .create(CreateTicket::new("lost answer"))
        .max_retries(0)
        .await
        .unwrap_err();
    let key = err
        .idempotency_key()
        .unwrap_or_else(|| panic!("no key on {err:?}"))
        .to_owned();
    let sent = server.requests().last().unwrap().header("idempotency-key");
    assert_eq!(sent.as_deref(), Some(key.as_str()));
    assert_eq!(server.ticket_count(), before + 1, "the server applied it");

    let (again, meta) = cstar
        .tickets()
        .create(CreateTicket::new("lost answer"))
        .idempotency_key(key)
        .with_meta()
        .await
        .unwrap();
    assert!(meta.idempotent_replay);
    assert_eq!(again.title, "lost answer");
    assert_eq!(
        server.ticket_count(),
        before + 1,
        "repeating created nothing"
    );

    // A 4xx of a mutation carries its key too; a GET has none.
    let err = cstar
        .tickets()
        .update("tkt_nope", UpdateTicket::patch().title("x"))
        .await
        .unwrap_err();
    assert!(
        err.is_not_found() && err.idempotency_key().is_some(),
        "{err:?}"
    );
    let err = cstar.tickets().get("tkt_nope").await.unwrap_err();
    assert_eq!(err.idempotency_key(), None);
}

#[tokio::test]
async fn a_total_deadline_ends_a_call_facing_repeated_503s() {
    let server = start_mock().await;
    let attempt_timeout = Duration::from_secs(2);
    let cstar = client_builder(&server)
        .timeout(attempt_timeout)
        .retry_policy(
            RetryPolicy::default()
                .with_max_retries(1000)
                .with_backoff(Duration::from_millis(20), Duration::from_millis(40))
                .with_total_timeout(Duration::from_millis(300)),
        )
        .build()
        .unwrap();
    server.fail_next(10_000, 503);
    let started = Instant::now();
    let err = cstar
        .tickets()
        .create(CreateTicket::new("never"))
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(300) + attempt_timeout,
        "took {took:?}"
    );
    let Error::DeadlineExceeded {
        deadline, attempts, ..
    } = &err
    else {
        panic!("expected DeadlineExceeded, got {err:?}")
    };
    assert_eq!(*deadline, Duration::from_millis(300));
    assert!(*attempts > 1, "{attempts}");
    assert!(err.to_string().contains("deadline"), "{err}");
    assert!(err.idempotency_key().is_some());

    // Per call, `deadline` overrides the policy's; a call that meets it succeeds.
    server.clear_faults();
    let ok = cstar
        .tickets()
        .list(ListTickets::new())
        .deadline(Duration::from_secs(5))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

#[tokio::test]
async fn api_version_default_and_call_headers_are_on_the_wire_and_sdk_headers_are_kept() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .api_version("2026-03-01")
        .default_header("x-tenant", "acme")
        .default_header("x-trace", "client")
        .user_agent_suffix("app/1.2")
        .build()
        .unwrap();
    cstar
        .tickets()
        .list(ListTickets::new())
        .header("x-trace", "call")
        .await
        .unwrap();
    cstar
        .request(Method::GET, "/tickets")
        .header("x-raw", "yes")
        .await
        .unwrap();
    let requests = server.requests();
    let [.., typed, raw] = requests.as_slice() else {
        panic!("two requests")
    };
    assert_eq!(typed.header("cstar-version").as_deref(), Some("2026-03-01"));
    assert_eq!(typed.header("x-tenant").as_deref(), Some("acme"));
    assert_eq!(
        typed.header("x-trace").as_deref(),
        Some("call"),
        "the call's wins"
    );
    let agent = typed.header("user-agent").unwrap();
    assert!(
        agent.starts_with("cstar-rs/") && agent.ends_with(" app/1.2"),
        "{agent}"
    );
    assert_eq!(raw.header("x-raw").as_deref(), Some("yes"));
    assert_eq!(raw.header("x-trace").as_deref(), Some("client"));

    // The SDK's own headers cannot be overwritten by accident.
    let sent = server.requests().len();
    let err = cstar
        .tickets()
        .list(ListTickets::new())
        .header("Authorization", "Bearer other")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_eq!(server.requests().len(), sent, "nothing was sent");
    let refused = client_builder(&server)
        .default_header("idempotency-key", "k")
        .build()
        .unwrap_err();
    assert!(matches!(refused, Error::Config(_)), "{refused:?}");
}

#[tokio::test]
async fn a_model_mismatch_names_the_field_path() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only decoding is tested")]
    struct Strict {
        title: u64,
    }
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .tickets()
        .create(CreateTicket::new("not a number"))
        .await
        .unwrap();
    let ticket = cstar
        .tickets()
        .list(ListTickets::new())
        .await
        .unwrap()
        .data
        .remove(0);
    let err = cstar
        .request(Method::GET, &format!("/tickets/{}", ticket.id))
        .send::<Strict>()
        .max_retries(0)
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.path.as_deref(), Some("data.title"));
    assert!(decode.request_id.is_some());
    assert!(err.to_string().contains("data.title"), "{err}");

    // In a list the record is kept aside with the same path, and the call succeeds.
    let page = cstar
        .request(Method::GET, "/tickets")
        .send_page::<Strict>()
        .max_retries(0)
        .await
        .unwrap();
    assert!(page.data.is_empty());
    assert_eq!(page.unreadable[0].path, "data[0].title");
    let err = page.unreadable[0].to_error();
    assert!(err.request_id().is_some());
    assert!(err.to_string().contains("data[0].title"), "{err}");
}

#[tokio::test]
async fn a_refused_item_reaches_the_outcome_handlers_from_a_background_flush() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .offline(MemoryStore::new())
        .offline_probe_interval(Duration::from_millis(20))
        .build()
        .unwrap();
    let queue = cstar.offline_queue().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let _guard = queue.on_outcome(move |outcome| {
        let refused = match &outcome.result {
            FlushResult::Rejected(error) => error.status(),
            _ => None,
        };
        sink.lock().unwrap().push((outcome.item.id, refused));
    });
    // No title: the API answers 400 when the probe flushes it.
    let item = queue
        .enqueue(Method::POST, "/tickets", Some(&json!({"priority": "high"})))
        .unwrap();
    eventually("the outcome is reported", || {
        !seen.lock().unwrap().is_empty()
    })
    .await;
    assert_eq!(seen.lock().unwrap().as_slice(), &[(item.id, Some(400))]);
    assert!(queue.is_empty().unwrap(), "a refused item leaves the queue");
}

#[tokio::test]
async fn without_auto_flush_items_wait_for_an_explicit_flush() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .offline(MemoryStore::new())
        .offline_probe_interval(Duration::from_millis(10))
        .offline_auto_flush(false)
        .build()
        .unwrap();
    let queue = cstar.offline_queue().unwrap();
    assert!(!queue.auto_flush());
    queue
        .enqueue(Method::POST, "/tickets", Some(&json!({"title": "by hand"})))
        .unwrap();
    let outcomes = queue.flush().await.unwrap();
    assert!(matches!(
        outcomes.as_slice(),
        [o] if matches!(o.result, FlushResult::Applied { .. })
    ));
    // Switched on at run time, the probe flushes what waits.
    queue
        .enqueue(
            Method::POST,
            "/tickets",
            Some(&json!({"title": "by probe"})),
        )
        .unwrap();
    queue.set_auto_flush(true);
    eventually("the probe flushed", || queue.is_empty().unwrap()).await;
}

#[tokio::test]
async fn close_ends_the_realtime_connection_and_refuses_later_calls() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .realtime(RealtimeConfig::default().sse(
            SseOptions::default().backoff(Duration::from_millis(10), Duration::from_millis(50)),
        ))
        .build()
        .unwrap();
    let realtime = cstar.realtime();
    let mut events = realtime.subscribe("ticket.*");
    eventually("connected", || realtime.is_connected()).await;
    let listens_before = listen_count(&server);

    cstar.close().await;
    assert!(!realtime.is_connected());
    let err = cstar.tickets().list(ListTickets::new()).await.unwrap_err();
    assert!(matches!(err, Error::Closed), "{err:?}");
    // The stream ends with the connection, and no reconnect follows.
    let end = tokio::time::timeout(PATIENCE, futures_util::StreamExt::next(&mut events)).await;
    assert!(matches!(end, Ok(None)), "the stream ended: {end:?}");
    assert_eq!(listen_count(&server), listens_before);
    // A new subscription on a closed client opens nothing.
    let _late = realtime.subscribe("*");
    assert!(!realtime.is_connected());
    assert_eq!(listen_count(&server), listens_before);
}

fn listen_count(server: &cstar_mock::MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/webhooks/listen"))
        .count()
}

#[tokio::test]
async fn close_stops_the_probe_and_keeps_what_waits() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .max_retries(0)
        .offline(MemoryStore::new())
        .offline_probe_interval(Duration::from_millis(10))
        .build()
        .unwrap();
    server.shutdown().await;
    let err = cstar
        .tickets()
        .create(CreateTicket::new("kept"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Queued { .. }), "{err:?}");
    cstar.close().await;

    server.start_again().await.unwrap();
    let sent = server.requests().len();
    // Ten probe intervals: a live probe would have flushed by now.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.requests().len(),
        sent,
        "the closed client sent nothing"
    );
    let queue = cstar.offline_queue().unwrap();
    assert_eq!(
        queue.len().unwrap(),
        1,
        "the item waits for the next client"
    );
}

#[tokio::test]
async fn the_stream_asks_the_server_for_the_union_of_the_subscribed_types() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .realtime(RealtimeConfig::default().sse(
            SseOptions::default().backoff(Duration::from_millis(10), Duration::from_millis(50)),
        ))
        .build()
        .unwrap();
    let realtime = cstar.realtime();
    let listens = || -> Vec<String> {
        server
            .requests()
            .into_iter()
            .filter(|r| r.path.ends_with("/webhooks/listen"))
            .map(|r| r.query.unwrap_or_default())
            .collect()
    };
    let mut tickets = realtime.subscribe("ticket.*");
    eventually("the first stream request", || !listens().is_empty()).await;
    assert_eq!(listens(), ["types=ticket.*"]);
    eventually("connected", || realtime.is_connected()).await;
    cstar
        .tickets()
        .create(CreateTicket::new("filtered"))
        .await
        .unwrap();
    let event = tokio::time::timeout(PATIENCE, futures_util::StreamExt::next(&mut tickets))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(event.event_type.as_str(), "ticket.created");

    // A wider union reconnects with it.
    let customers = realtime.subscribe("customer.created");
    eventually("a second stream request", || listens().len() == 2).await;
    assert_eq!(listens()[1], "types=customer.created%2Cticket.*");
    drop(customers);
    eventually("a narrower stream request", || listens().len() == 3).await;
    assert_eq!(listens()[2], "types=ticket.*");
}

#[tokio::test]
async fn a_parameter_fills_one_encoded_segment_and_a_blank_one_sends_nothing() {
    let server = start_mock().await;
    let cstar = client(&server);
    let err = cstar.tickets().get("a/b c").await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let last = server.requests().last().unwrap().path.clone();
    assert!(last.ends_with("/tickets/a%2Fb%20c"), "{last}");

    let sent = server.requests().len();
    for blank in ["", "  "] {
        let err = cstar.tickets().get(blank).await.unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    }
    let err = cstar
        .request(Method::GET, "/tickets/{id}")
        .param("id", " ")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_eq!(server.requests().len(), sent, "nothing was sent");

    // The raw hatch fills templates like every typed route.
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("by template"))
        .await
        .unwrap();
    let got = cstar
        .request(Method::GET, "/tickets/{id}")
        .param("id", ticket.id.as_str())
        .await
        .unwrap();
    assert_eq!(got["id"], ticket.id.as_str());
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn customer_clients_send_the_api_version_and_default_headers_too() {
    let server = start_mock().await;
    let library = cstar_library::LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .api_version("2026-03-01")
        .default_header("x-app", "kiosk")
        .build()
        .unwrap();
    library.categories().await.unwrap();
    let sent = server.requests().last().cloned().unwrap();
    assert_eq!(sent.header("cstar-version").as_deref(), Some("2026-03-01"));
    assert_eq!(sent.header("x-app").as_deref(), Some("kiosk"));
}
