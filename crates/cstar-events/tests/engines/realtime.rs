//! The consumer group fed by the emulator's realtime stream (real SSE over loopback HTTP) on a
//! real PostgreSQL: a new leader resumes after the cursor across a restart, and a cursor the
//! server no longer holds stops the group with a typed gap instead of a silent fresh start.

use std::time::{Duration, Instant};

use cstar_admin::CStarClient;
use cstar_events::{ConsumeError, ConsumerGroup, Inbox, RealtimeSource};
use cstar_mock::MockServer;
use serde_json::json;

use crate::postgres::{effects, inbox, write_effect};
use crate::unique_id;

const PATIENCE: Duration = Duration::from_secs(20);

async fn emulator() -> MockServer {
    MockServer::builder()
        .start()
        .await
        .expect("the emulator starts on a free loopback port")
}

/// The emulator's stream, `ticket.*` only.
fn source(server: &MockServer) -> RealtimeSource {
    let (key, team, base) = (
        server.secret_key().to_owned(),
        server.team_id().to_owned(),
        server.base_url(),
    );
    RealtimeSource::new(move |config| {
        CStarClient::builder()
            .api_key(&key)
            .team_id(team.clone())
            .base_url(base.clone())
            .realtime(config)
            .build()
    })
    .pattern("ticket.*")
}

fn handler(
    event: cstar_webhook::Event,
    tx: &mut cstar_events::InboxClaim,
) -> cstar_events::BoxFuture<'_, Result<(), cstar_events::tokio_postgres::Error>> {
    Box::pin(async move { write_effect(tx, &event.id).await })
}

async fn cursor(inbox: &Inbox, group: &str) -> (i64, Option<String>) {
    let conn = inbox.pool().get().await.unwrap();
    let row = conn
        .query_one(
            "SELECT epoch, cursor FROM cstar_consumer_cursors WHERE group_name = $1",
            &[&group],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

async fn until_cursor(inbox: &Inbox, group: &str, id: &str) {
    let started = Instant::now();
    while cursor(inbox, group).await.1.as_deref() != Some(id) {
        assert!(
            started.elapsed() < PATIENCE,
            "the cursor did not reach {id}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Sets the group's cursor as a leader that handled `event_id` would have, then steps down.
async fn seed_cursor(inbox: &Inbox, group: &str, event_id: &str) {
    let leader = ConsumerGroup::new(inbox, group).lead().await.unwrap();
    let conn = inbox.pool().get().await.unwrap();
    leader
        .fence()
        .advance_with(&**conn, event_id)
        .await
        .unwrap();
}

/// Runs the group's realtime consumer in a task of its own (an instance of the group).
fn instance(
    inbox: &Inbox,
    group: &str,
    source: &RealtimeSource,
) -> tokio::task::JoinHandle<Result<(), ConsumeError<cstar_events::tokio_postgres::Error>>> {
    let (inbox, source) = (inbox.clone(), source.clone());
    let group = ConsumerGroup::new(&inbox, group).poll_interval(Duration::from_millis(20));
    tokio::spawn(async move { group.consume_realtime(&inbox, &source, handler).await })
}

fn publish(server: &MockServer, event_type: &str) -> String {
    server.publish_event(event_type, json!({"ticket": {"id": "tkt_1"}}))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The `Last-Event-ID` of every connection to the stream, in order.
fn resumed_after(server: &MockServer) -> Vec<Option<String>> {
    server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/webhooks/listen"))
        .map(|r| {
            r.headers
                .iter()
                .find(|(name, _)| name == "last-event-id")
                .map(|(_, value)| value.clone())
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn the_leader_resumes_after_the_cursor_across_a_restart() {
    let (server, inbox) = (emulator().await, inbox().await);
    let group = unique_id("rt_group");
    let source = source(&server);
    let before: Vec<String> = (0..3).map(|_| publish(&server, "ticket.updated")).collect();
    seed_cursor(&inbox, &group, &before[0]).await;

    let first = instance(&inbox, &group, &source);
    until_cursor(&inbox, &group, &before[2]).await;
    // A restart: the instance stops (its lock connection closes with it).
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());

    // Published while no instance runs: only the stream's replay can bring them.
    let skipped = publish(&server, "customer.created");
    let during: Vec<String> = (0..2).map(|_| publish(&server, "ticket.closed")).collect();
    let second = instance(&inbox, &group, &source);
    until_cursor(&inbox, &group, &during[1]).await;
    second.abort();
    let _ = second.await;

    assert_eq!(cursor(&inbox, &group).await.0, 3, "seed, first, second");
    assert_eq!(
        effects(&inbox, &before[0]).await,
        0,
        "the cursor's own event"
    );
    for id in before[1..].iter().chain(&during) {
        assert_eq!(effects(&inbox, id).await, 1, "{id} handled exactly once");
    }
    assert_eq!(effects(&inbox, &skipped).await, 0, "not the pattern");
    assert_eq!(
        resumed_after(&server),
        [Some(before[0].clone()), Some(before[2].clone())],
        "each leader resumed after the cursor it found"
    );
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn an_unknown_cursor_stops_the_group_with_a_gap_until_it_is_skipped() {
    let (server, inbox) = (emulator().await, inbox().await);
    let group = unique_id("rt_gap");
    let source = source(&server);
    let gone = unique_id("long_gone");
    seed_cursor(&inbox, &group, &gone).await;

    for _attempt in 0..2 {
        // Every leader reports the same gap: it survives restarts until resolved.
        let stopped = tokio::time::timeout(PATIENCE, instance(&inbox, &group, &source))
            .await
            .expect("the gap in time")
            .unwrap();
        match stopped {
            Err(ConsumeError::Gap { last_event_id }) => assert_eq!(last_event_id, gone),
            other => panic!("expected a gap, got {other:?}"),
        }
        assert_eq!(cursor(&inbox, &group).await.1, Some(gone.clone()));
    }

    // Reconciled through the API (not shown): skip the gap, once.
    let group_handle = ConsumerGroup::new(&inbox, &group);
    assert!(group_handle.skip_gap(&gone).await.unwrap());
    assert!(
        !group_handle.skip_gap(&gone).await.unwrap(),
        "already skipped"
    );
    assert_eq!(cursor(&inbox, &group).await.1, None);

    // From now on, live events flow again. The stream starts with the next event, so publish
    // until the consumer (connecting meanwhile) handles one.
    let live = instance(&inbox, &group, &source);
    let started = Instant::now();
    let handled = loop {
        publish(&server, "ticket.created");
        let wait = Instant::now();
        while wait.elapsed() < Duration::from_millis(500) {
            if cursor(&inbox, &group).await.1.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        if let (_, Some(at)) = cursor(&inbox, &group).await {
            break at;
        }
        assert!(started.elapsed() < PATIENCE, "no live event was handled");
    };
    assert!(!live.is_finished(), "no gap any more");
    live.abort();
    let _ = live.await;
    assert_eq!(effects(&inbox, &handled).await, 1);
    let resumed = resumed_after(&server);
    assert_eq!(resumed[..2], [Some(gone.clone()), Some(gone.clone())]);
    assert_eq!(resumed[2], None, "after the skip, the stream starts live");
}

/// A consumer slower than its queue lags: the realtime client drops an event for it and says
/// so; the group then reopens the stream after its cursor, the server replays the dropped
/// event, and every event is still handled exactly once.
#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn a_lagging_consumer_reopens_after_its_cursor_and_loses_nothing() {
    let (server, inbox) = (emulator().await, inbox().await);
    let group = unique_id("rt_lag");
    // One queued event and 5 ms of patience, for a handler that takes 20 ms per event.
    let source = source(&server).config(
        cstar_admin::realtime::RealtimeConfig::default()
            .buffer(1)
            .stall_timeout(Duration::from_millis(5)),
    );
    let ids: Vec<String> = (0..6).map(|_| publish(&server, "ticket.updated")).collect();
    seed_cursor(&inbox, &group, &ids[0]).await;

    let (inbox2, source2) = (inbox.clone(), source.clone());
    let slow = ConsumerGroup::new(&inbox, &group);
    let consumer = tokio::spawn(async move {
        slow.consume_realtime(&inbox2, &source2, |event, tx| {
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                write_effect(tx, &event.id).await
            })
        })
        .await
    });
    until_cursor(&inbox, &group, &ids[5]).await;
    consumer.abort();
    let _ = consumer.await;

    for id in &ids[1..] {
        assert_eq!(effects(&inbox, id).await, 1, "{id} handled exactly once");
    }
    let opened = resumed_after(&server);
    assert!(opened.len() > 1, "the lag reopened the stream: {opened:?}");
    assert_eq!(opened[0].as_deref(), Some(ids[0].as_str()));
}
