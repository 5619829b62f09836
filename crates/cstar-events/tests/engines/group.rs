//! The consumer group's leader and fenced cursor on a real PostgreSQL.

use std::time::{Duration, Instant};

use cstar_events::{AdvanceError, ConsumerGroup, Inbox, Outcome, RunError};

use crate::postgres::{effects, inbox, write_effect};
use crate::unique_id;

/// One event consumed by the leader: its effect, its claim and the cursor in one transaction.
async fn consume(
    inbox: &Inbox,
    fence: &cstar_events::Fence,
    event_id: &str,
) -> Result<Outcome<()>, RunError<String>> {
    let (fence, id) = (fence.clone(), event_id.to_owned());
    inbox
        .run_once(event_id, move |tx| {
            Box::pin(async move {
                write_effect(tx, &id).await.map_err(|e| e.to_string())?;
                fence.advance(tx, &id).await.map_err(|e| match e {
                    AdvanceError::FencedOut { .. } => "fenced out".to_owned(),
                    other => other.to_string(),
                })
            })
        })
        .await
}

async fn cursor(inbox: &Inbox, group: &str) -> (i64, Option<String>, i64) {
    let conn = inbox.pool().get().await.unwrap();
    let row = conn
        .query_one(
            "SELECT epoch, cursor, advanced FROM cstar_consumer_cursors WHERE group_name = $1",
            &[&group],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn one_leader_at_a_time_and_the_next_resumes_from_the_cursor() {
    let inbox = inbox().await;
    let name = unique_id("group");
    let poll = Duration::from_millis(20);
    let first = ConsumerGroup::new(&inbox, &name).poll_interval(poll);
    let second = ConsumerGroup::new(&inbox, &name).poll_interval(poll);

    let leader = first.lead().await.unwrap();
    assert_eq!(leader.epoch(), 1);
    assert_eq!(leader.resume_from(), None);
    assert!(
        second.try_lead().await.unwrap().is_none(),
        "the lock is held"
    );

    let (a, b) = (unique_id("g_a"), unique_id("g_b"));
    for id in [&a, &b] {
        assert_eq!(
            consume(&inbox, &leader.fence(), id).await.unwrap(),
            Outcome::Handled(())
        );
    }
    assert_eq!(cursor(&inbox, &name).await, (1, Some(b.clone()), 2));

    // The leader dies: its lock connection closes, the other instance takes over within about
    // one poll interval and resumes after the last committed event.
    let waiting = tokio::spawn(async move { second.lead().await });
    drop(leader);
    let started = Instant::now();
    let successor = waiting.await.unwrap().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(successor.epoch(), 2);
    assert_eq!(successor.resume_from(), Some(b.as_str()));
}

/// A leader that lost its lock without noticing (its session was terminated) keeps running:
/// its cursor writes are refused and roll back with its effects; the cursor does not move
/// backwards and the effect is not committed twice.
#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn a_replaced_leader_is_fenced_out_and_its_effects_roll_back() {
    let inbox = inbox().await;
    let name = unique_id("fence");
    let stale = ConsumerGroup::new(&inbox, &name).lead().await.unwrap();
    let early = unique_id("f_early");
    consume(&inbox, &stale.fence(), &early).await.unwrap();

    let pid = stale.backend_pid().await.unwrap();
    let conn = inbox.pool().get().await.unwrap();
    conn.execute("SELECT pg_terminate_backend($1)", &[&pid])
        .await
        .unwrap();
    let started = Instant::now();
    while stale.is_held().await {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the session was not terminated"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let current = ConsumerGroup::new(&inbox, &name)
        .poll_interval(Duration::from_millis(20))
        .lead()
        .await
        .unwrap();
    assert_eq!(current.epoch(), stale.epoch() + 1);
    let late = unique_id("f_late");
    consume(&inbox, &current.fence(), &late).await.unwrap();

    let zombie = unique_id("f_zombie");
    let refused = consume(&inbox, &stale.fence(), &zombie).await;
    assert!(
        matches!(refused, Err(RunError::Handler(ref e)) if e == "fenced out"),
        "{refused:?}"
    );
    assert_eq!(
        effects(&inbox, &zombie).await,
        0,
        "the stale leader's effect rolled back"
    );
    assert_eq!(
        cursor(&inbox, &name).await,
        (current.epoch(), Some(late), 2)
    );
}

/// The consumer's effect: one row per event, in the event's transaction.
fn handler(
    event: cstar_webhook::Event,
    tx: &mut cstar_events::InboxClaim,
) -> cstar_events::BoxFuture<'_, Result<(), cstar_events::tokio_postgres::Error>> {
    Box::pin(async move { write_effect(tx, &event.id).await })
}

fn stream_event(id: &str) -> cstar_webhook::Event {
    serde_json::from_value(serde_json::json!({"id": id, "type": "ticket.updated", "data": {}}))
        .unwrap()
}

/// The events of `ids` after `cursor`, as a resumed stream would deliver them.
fn after(ids: &[String], cursor: Option<&str>) -> Vec<cstar_webhook::Event> {
    let start = cursor.map_or(0, |c| ids.iter().position(|id| id == c).unwrap() + 1);
    ids[start..].iter().map(|id| stream_event(id)).collect()
}

/// `consume` end to end: the first leader handles half the stream and dies; the second resumes
/// after the cursor, skips an event the inbox already holds (handled from a webhook), and
/// handles the rest. Every event has its effect exactly once, except the skipped one.
#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn consume_resumes_after_a_leader_dies_and_skips_what_the_inbox_holds() {
    use futures_util::StreamExt;

    let inbox = inbox().await;
    let name = unique_id("consume");
    let ids: Vec<String> = (0..10).map(|i| unique_id(&format!("c{i}"))).collect();

    let first = {
        let (inbox, name, ids) = (inbox.clone(), name.clone(), ids.clone());
        tokio::spawn(async move {
            let group = ConsumerGroup::new(&inbox, &name);
            // A live stream: the first five events, then nothing more for now.
            let open = |cursor: Option<String>| {
                let head: Vec<_> = after(&ids[..5], cursor.as_deref());
                futures_util::stream::iter(head).chain(futures_util::stream::pending())
            };
            group.consume(&inbox, open, handler).await
        })
    };
    let started = Instant::now();
    while cursor_of(&inbox, &name).await.as_deref() != Some(ids[4].as_str()) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the first leader stalled"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());

    // Event 7 arrived by webhook meanwhile: the inbox holds it.
    let conn = inbox.pool().get().await.unwrap();
    conn.execute("INSERT INTO cstar_inbox (event_id) VALUES ($1)", &[&ids[7]])
        .await
        .unwrap();

    let resumed_from = std::sync::Mutex::new(None);
    let group = ConsumerGroup::new(&inbox, &name).poll_interval(Duration::from_millis(20));
    let open = |cursor: Option<String>| {
        let rest = after(&ids, cursor.as_deref());
        *resumed_from.lock().unwrap() = cursor;
        futures_util::stream::iter(rest)
    };
    group.consume(&inbox, open, handler).await.unwrap();

    assert_eq!(
        resumed_from.into_inner().unwrap().as_deref(),
        Some(ids[4].as_str())
    );
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(effects(&inbox, id).await, i64::from(i != 7), "event {i}");
    }
    assert_eq!(cursor(&inbox, &name).await, (2, Some(ids[9].clone()), 10));
}

async fn cursor_of(inbox: &Inbox, group: &str) -> Option<String> {
    let conn = inbox.pool().get().await.unwrap();
    conn.query_opt(
        "SELECT cursor FROM cstar_consumer_cursors WHERE group_name = $1",
        &[&group],
    )
    .await
    .unwrap()
    .and_then(|row| row.get(0))
}
