//! Realtime events over the emulator's SSE stream: delivery, wildcards, unsubscribing, resuming
//! across server restarts exactly once, slow subscribers, bad keys, and closing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cstar_admin::realtime::{Event, EventStream, Realtime, RealtimeConfig, RealtimeError};
use cstar_admin::{CStarClient, CreateTicket, Error, UpdateTicket};
use cstar_core::sse::SseOptions;
use cstar_e2e::{client_builder, start_mock};
use cstar_mock::MockServer;
use futures_util::StreamExt;
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(10);

fn config() -> RealtimeConfig {
    RealtimeConfig::default().sse(
        SseOptions::default()
            .backoff(Duration::from_millis(10), Duration::from_millis(100))
            .idle_timeout(Duration::from_secs(5)),
    )
}

fn realtime_client(server: &MockServer) -> CStarClient {
    client_builder(server).realtime(config()).build().unwrap()
}

async fn eventually(what: &str, check: impl Fn() -> bool) {
    tokio::time::timeout(PATIENCE, async {
        while !check() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out waiting until {what}"));
}

async fn connected(realtime: &Realtime) {
    eventually("connected", || realtime.is_connected()).await;
}

async fn next(stream: &mut EventStream) -> Event {
    tokio::time::timeout(PATIENCE, stream.next())
        .await
        .expect("an event in time")
        .expect("the stream is open")
}

fn listen_requests(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/webhooks/listen"))
        .count()
}

#[tokio::test]
async fn api_mutations_arrive_with_their_types_in_order() {
    let server = start_mock().await;
    let cstar = realtime_client(&server);
    let realtime = cstar.realtime();
    let mut tickets = realtime.subscribe("ticket.*");
    connected(&realtime).await;

    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Live"))
        .await
        .unwrap();
    cstar
        .tickets()
        .update(&ticket.id, UpdateTicket::patch().title("Live, renamed"))
        .await
        .unwrap();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let event = next(&mut tickets).await;
        assert_eq!(event.data["ticket"]["id"], ticket.id.as_str());
        seen.push(event.event_type.as_str().to_owned());
    }
    assert_eq!(seen, ["ticket.created", "ticket.updated"]);
}

#[tokio::test]
async fn resource_wildcards_stop_at_the_first_dot() {
    let server = start_mock().await;
    let cstar = realtime_client(&server);
    let realtime = cstar.realtime();
    let mut customers = realtime.subscribe("customer.*");
    let mut exact = realtime.subscribe("ticket.created");
    connected(&realtime).await;
    for event_type in [
        "customer_group.created",
        "ticket.updated",
        "customer.created",
        "ticket.created",
        "customer.updated",
    ] {
        server.publish_event(event_type, json!({}));
    }
    assert_eq!(
        next(&mut customers).await.event_type.as_str(),
        "customer.created"
    );
    assert_eq!(
        next(&mut customers).await.event_type.as_str(),
        "customer.updated"
    );
    assert_eq!(next(&mut exact).await.event_type.as_str(), "ticket.created");
}

#[tokio::test]
async fn unsubscribe_stops_delivery_and_the_last_one_closes_the_connection() {
    let server = start_mock().await;
    let cstar = realtime_client(&server);
    let realtime = cstar.realtime();
    let count = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&count);
    let handler = realtime.on("ticket.*", move |_event| {
        counted.fetch_add(1, Ordering::SeqCst);
    });
    let mut all = realtime.subscribe("*");
    connected(&realtime).await;

    server.publish_event("ticket.created", json!({}));
    next(&mut all).await;
    eventually("the handler ran", || count.load(Ordering::SeqCst) == 1).await;

    handler.unsubscribe();
    server.publish_event("ticket.updated", json!({}));
    next(&mut all).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        count.load(Ordering::SeqCst),
        1,
        "no event after unsubscribe()"
    );

    drop(all);
    eventually("disconnected", || !realtime.is_connected()).await;
}

#[tokio::test]
async fn events_published_while_the_server_is_down_arrive_once_in_order() {
    let server = start_mock().await;
    let cstar = realtime_client(&server);
    let realtime = cstar.realtime();
    let changes = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&changes);
    let _watch = realtime.on_connection_change(move |up| recorded.lock().unwrap().push(up));
    let mut all = realtime.subscribe("*");
    connected(&realtime).await;

    for round in 0..3 {
        cstar
            .tickets()
            .create(CreateTicket::new(format!("before restart {round}")))
            .await
            .unwrap();
        server.shutdown().await;
        eventually("the client noticed", || !realtime.is_connected()).await;
        server.publish_event("ticket.updated", json!({"round": round, "while": "down"}));
        server.publish_event("customer.created", json!({"round": round, "while": "down"}));
        server.start_again().await.unwrap();
        cstar
            .tickets()
            .create(CreateTicket::new(format!("after restart {round}")))
            .await
            .unwrap();
        connected(&realtime).await;
    }

    let expected: Vec<String> = server
        .events()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(expected.len(), 12);
    let mut received = Vec::new();
    while received.len() < expected.len() {
        received.push(next(&mut all).await.id);
    }
    assert_eq!(received, expected, "every event once, in order");

    let sentinel = server.publish_event("ticket.closed", json!({}));
    assert_eq!(
        next(&mut all).await.id,
        sentinel["id"].as_str().unwrap(),
        "no duplicates"
    );
    let changes = changes.lock().unwrap().clone();
    assert_eq!(changes.first(), Some(&true));
    assert_eq!(changes.iter().filter(|up| !**up).count(), 3, "{changes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stuck_handler_lags_alone_and_is_reported() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .realtime(config().buffer(1).stall_timeout(Duration::from_millis(20)))
        .build()
        .unwrap();
    let realtime = cstar.realtime();
    let lagged = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&lagged);
    let _errors = realtime.on_error(move |error| {
        if matches!(error, RealtimeError::Lagged { .. }) {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    let (release, gate) = std::sync::mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    let stuck = realtime.on("ticket.*", move |_event| {
        // Blocks its own task until the test ends: the slowest handler there is.
        let _ = gate.lock().unwrap().recv_timeout(PATIENCE);
    });
    let mut fast = realtime.subscribe("*");
    connected(&realtime).await;

    let published: Vec<String> = (0..6)
        .map(|n| {
            server.publish_event("ticket.updated", json!({"n": n}))["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut received = Vec::new();
    for _ in 0..published.len() {
        received.push(next(&mut fast).await.id);
    }
    assert_eq!(received, published, "the fast subscriber lost nothing");
    eventually("the stuck one was reported", || {
        lagged.load(Ordering::SeqCst) >= 1
    })
    .await;
    drop(release);
    drop(stuck);
}

#[tokio::test]
async fn a_bad_key_is_reported_once_without_a_reconnect_loop() {
    let server = start_mock().await;
    let cstar = CStarClient::builder()
        .api_key("sk_test_wrongwrongwrongwrongwrongwrong")
        .team_id(server.team_id())
        .base_url(server.base_url())
        .realtime(config())
        .build()
        .unwrap();
    let realtime = cstar.realtime();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&errors);
    let _errors = realtime.on_error(move |error| {
        let stopped_by_auth = matches!(error, RealtimeError::Stopped(Error::Authentication(_)));
        recorded.lock().unwrap().push(stopped_by_auth);
    });
    let _events = realtime.subscribe("*");
    eventually("the error was reported", || {
        !errors.lock().unwrap().is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(*errors.lock().unwrap(), [true], "one Authentication error");
    assert_eq!(listen_requests(&server), 1, "no reconnect loop");
    assert!(!realtime.is_connected());
}

#[tokio::test]
async fn dropping_the_client_ends_its_streams() {
    let server = start_mock().await;
    let cstar = realtime_client(&server);
    let realtime = cstar.realtime();
    let mut all = realtime.subscribe("*");
    connected(&realtime).await;
    drop(realtime);
    drop(cstar);
    let end = tokio::time::timeout(PATIENCE, all.next()).await.unwrap();
    assert!(end.is_none(), "the stream ended with the client");
}

/// A consumer that kept its cursor (the id of the last event it finished with) picks up after
/// it in a new process: what it missed is replayed first, in order, then live events follow.
#[tokio::test]
async fn resume_from_a_saved_cursor_replays_what_came_after_it() {
    let server = start_mock().await;
    let first = realtime_client(&server);
    let realtime = first.realtime();
    let mut tickets = realtime.subscribe("ticket.created");
    connected(&realtime).await;
    for n in 0..3 {
        first
            .tickets()
            .create(CreateTicket::new(format!("Before the restart {n}")))
            .await
            .unwrap();
    }
    let before: Vec<Event> = vec![
        next(&mut tickets).await,
        next(&mut tickets).await,
        next(&mut tickets).await,
    ];
    drop(tickets);
    drop(first);

    let cursor = before[0].id.clone();
    let second = client_builder(&server)
        .realtime(config().resume_from(cursor))
        .build()
        .unwrap();
    let realtime = second.realtime();
    let gaps = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&gaps);
    let _errors = realtime.on_error(move |error| {
        if matches!(error, RealtimeError::Gap { .. }) {
            counted.fetch_add(1, Ordering::SeqCst);
        }
    });
    let mut tickets = realtime.subscribe("ticket.created");
    let replayed = [next(&mut tickets).await.id, next(&mut tickets).await.id];
    assert_eq!(replayed, [before[1].id.clone(), before[2].id.clone()]);
    let live = second
        .tickets()
        .create(CreateTicket::new("After the restart"))
        .await
        .unwrap();
    let event = next(&mut tickets).await;
    assert_eq!(event.data["ticket"]["id"], live.id.as_str());
    assert_eq!(
        gaps.load(Ordering::SeqCst),
        0,
        "no gap when the log holds the cursor"
    );
}

/// A cursor the server no longer holds is a typed gap, never a silent fresh start; events from
/// then on still flow.
#[tokio::test]
async fn a_cursor_the_server_no_longer_holds_is_reported_as_a_gap() {
    let server = start_mock().await;
    let cstar = client_builder(&server)
        .realtime(config().resume_from("evt_long_gone"))
        .build()
        .unwrap();
    let realtime = cstar.realtime();
    let gaps = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&gaps);
    let _errors = realtime.on_error(move |error| {
        if let RealtimeError::Gap { last_event_id } = error {
            seen.lock().unwrap().push(last_event_id.clone());
        }
    });
    let mut tickets = realtime.subscribe("ticket.created");
    eventually("the gap is reported", || !gaps.lock().unwrap().is_empty()).await;
    assert_eq!(*gaps.lock().unwrap(), ["evt_long_gone"]);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("After the gap"))
        .await
        .unwrap();
    assert_eq!(
        next(&mut tickets).await.data["ticket"]["id"],
        ticket.id.as_str()
    );
    assert_eq!(gaps.lock().unwrap().len(), 1, "one gap, not one per frame");
}
