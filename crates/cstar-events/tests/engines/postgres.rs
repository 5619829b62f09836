//! The transactional inbox on a real PostgreSQL.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cstar_events::{DEFAULT_RETENTION, Inbox, InboxClaim, Outcome, RunError, tokio_postgres};

use crate::{engine_url, unique_id};

/// A migrated inbox (on a pool of its own) and the test's effects table.
pub(crate) async fn inbox() -> Inbox {
    let inbox = Inbox::connect(&engine_url("CSTAR_TEST_DATABASE_URL")).unwrap();
    inbox.migrate().await.unwrap();
    let mut conn = inbox.pool().get().await.unwrap();
    let tx = conn.transaction().await.unwrap();
    // Tests run in parallel: one creates the table, the others wait for it.
    tx.execute("SELECT pg_advisory_xact_lock(4242)", &[])
        .await
        .unwrap();
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS effects (event_id text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now())",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    inbox
}

/// One effect row for `event_id`, written in the claim's transaction.
pub(crate) async fn write_effect(
    tx: &InboxClaim,
    event_id: &str,
) -> Result<(), tokio_postgres::Error> {
    tx.execute("INSERT INTO effects (event_id) VALUES ($1)", &[&event_id])
        .await
        .map(drop)
}

pub(crate) async fn effects(inbox: &Inbox, event_id: &str) -> i64 {
    let conn = inbox.pool().get().await.unwrap();
    conn.query_one(
        "SELECT count(*) FROM effects WHERE event_id = $1",
        &[&event_id],
    )
    .await
    .unwrap()
    .get(0)
}

async fn claimed(inbox: &Inbox, event_id: &str) -> bool {
    let conn = inbox.pool().get().await.unwrap();
    conn.query_opt(
        "SELECT 1 FROM cstar_inbox WHERE event_id = $1",
        &[&event_id],
    )
    .await
    .unwrap()
    .is_some()
}

async fn handle(inbox: &Inbox, id: &str) -> Outcome<()> {
    let event_id = id.to_owned();
    inbox
        .run_once(id, |tx| {
            Box::pin(async move { write_effect(tx, &event_id).await })
        })
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn a_duplicate_is_not_run_again() {
    let inbox = inbox().await;
    let id = unique_id("dup");
    assert_eq!(handle(&inbox, &id).await, Outcome::Handled(()));
    assert_eq!(handle(&inbox, &id).await, Outcome::Duplicate);
    assert_eq!(effects(&inbox, &id).await, 1);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn a_failed_handler_rolls_back_its_writes_and_the_id() {
    let inbox = inbox().await;
    let id = unique_id("fail");
    let event_id = id.clone();
    let failed: Result<Outcome<()>, RunError<String>> = inbox
        .run_once(&id, |tx| {
            Box::pin(async move {
                write_effect(tx, &event_id)
                    .await
                    .map_err(|e| e.to_string())?;
                Err("the API we call is down".to_owned())
            })
        })
        .await;
    assert!(matches!(failed, Err(RunError::Handler(_))));
    assert_eq!(effects(&inbox, &id).await, 0, "the effect rolled back");
    assert!(!claimed(&inbox, &id).await, "the id rolled back");
    assert_eq!(
        handle(&inbox, &id).await,
        Outcome::Handled(()),
        "the retry runs"
    );
    assert_eq!(effects(&inbox, &id).await, 1);
}

/// Waits until some session waits on a lock: the second claim is blocked behind the first.
async fn until_a_claim_waits(inbox: &Inbox) {
    let conn = inbox.pool().get().await.unwrap();
    let started = Instant::now();
    loop {
        let waiting: i64 = conn
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO cstar_inbox%'",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if waiting > 0 {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the second claim never waited"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Two receivers (two pools, so two connections) get the same event at the same moment: the
/// second claim waits for the first transaction and then finds the id committed.
#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn concurrent_claims_on_two_connections_run_the_handler_once() {
    for first_fails in [false, true] {
        let (first, second) = (inbox().await, inbox().await);
        let id = unique_id("race");
        let runs = Arc::new(AtomicUsize::new(0));
        let (inside_tx, inside_rx) = tokio::sync::oneshot::channel::<()>();
        let (go_tx, go_rx) = tokio::sync::oneshot::channel::<()>();

        let holder = {
            let (id, runs) = (id.clone(), Arc::clone(&runs));
            tokio::spawn(async move {
                let event_id = id.clone();
                first
                    .run_once(&id, move |tx| {
                        Box::pin(async move {
                            runs.fetch_add(1, Ordering::SeqCst);
                            write_effect(tx, &event_id)
                                .await
                                .map_err(|e| e.to_string())?;
                            inside_tx.send(()).unwrap();
                            go_rx.await.unwrap();
                            if first_fails {
                                Err("failed".to_owned())
                            } else {
                                Ok(())
                            }
                        })
                    })
                    .await
            })
        };
        inside_rx.await.unwrap();
        let contender = {
            let (id, runs, second) = (id.clone(), Arc::clone(&runs), second.clone());
            tokio::spawn(async move {
                let event_id = id.clone();
                second
                    .run_once(&id, move |tx| {
                        Box::pin(async move {
                            runs.fetch_add(1, Ordering::SeqCst);
                            write_effect(tx, &event_id).await
                        })
                    })
                    .await
            })
        };
        until_a_claim_waits(&second).await;
        go_tx.send(()).unwrap();

        let held = holder.await.unwrap();
        let contended = contender.await.unwrap().unwrap();
        if first_fails {
            assert!(matches!(held, Err(RunError::Handler(_))));
            assert_eq!(contended, Outcome::Handled(()), "the rollback freed the id");
            assert_eq!(runs.load(Ordering::SeqCst), 2);
        } else {
            assert_eq!(held.unwrap(), Outcome::Handled(()));
            assert_eq!(contended, Outcome::Duplicate);
            assert_eq!(runs.load(Ordering::SeqCst), 1, "the handler ran once");
        }
        assert_eq!(effects(&second, &id).await, 1);
    }
}

/// A request cancelled mid-handler (the client hung up) leaves nothing behind.
#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn a_cancelled_handler_frees_the_id() {
    let inbox = inbox().await;
    let id = unique_id("cancel");
    let (inside_tx, inside_rx) = tokio::sync::oneshot::channel::<()>();
    let event_id = id.clone();
    let running = {
        let inbox = inbox.clone();
        let id = id.clone();
        tokio::spawn(async move {
            inbox
                .run_once(&id, move |tx| {
                    Box::pin(async move {
                        write_effect(tx, &event_id).await?;
                        inside_tx.send(()).unwrap();
                        std::future::pending::<()>().await;
                        Ok::<_, tokio_postgres::Error>(())
                    })
                })
                .await
        })
    };
    inside_rx.await.unwrap();
    running.abort();
    assert!(running.await.unwrap_err().is_cancelled());
    // The dropped claim closed its connection; the server rolls back as it notices.
    assert_eq!(handle(&inbox, &id).await, Outcome::Handled(()));
    assert_eq!(effects(&inbox, &id).await, 1);
}

#[tokio::test]
#[ignore = "needs PostgreSQL: run `cargo xtask engines`"]
async fn the_sweep_removes_only_ids_older_than_the_retention() {
    let inbox = inbox().await;
    let (old, recent) = (unique_id("old"), unique_id("recent"));
    {
        let conn = inbox.pool().get().await.unwrap();
        conn.execute(
            "INSERT INTO cstar_inbox (event_id, received_at) VALUES ($1, now() - interval '73 hours')",
            &[&old],
        )
        .await
        .unwrap();
    }
    assert_eq!(handle(&inbox, &recent).await, Outcome::Handled(()));
    let removed = inbox.sweep(DEFAULT_RETENTION).await.unwrap();
    assert!(removed >= 1);
    assert!(!claimed(&inbox, &old).await);
    assert!(claimed(&inbox, &recent).await);
    assert_eq!(handle(&inbox, &recent).await, Outcome::Duplicate);
}
