//! Offline-queue enqueue rate: how many mutations a second the queue keeps, in memory and in a
//! redb file with its durability on (fsync on every commit: each enqueue survives a crash the
//! moment it returns). Writes `target/bench/offline.md`. No target: the durable figure is the
//! disk's fsync rate, which the SDK cannot change; it is reported so that an app knows how fast
//! it may queue.

#![allow(
    clippy::expect_used,
    clippy::cast_precision_loss,
    reason = "a benchmark program: a failed setup should stop the run loudly"
)]

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use cstar_benches::Report;
use cstar_core::Client;
use cstar_core::offline::{MemoryStore, QueueStore, RedbStore};
use cstar_core::reqwest::Method;
use serde_json::json;

const ITEMS: usize = 500;

fn client(store: impl QueueStore) -> Client {
    Client::builder()
        .api_key("sk_test_benchbenchbenchbenchbenchbench00")
        .team_id("8b7f3c1e-0000-4000-8000-000000000000")
        .base_url("http://127.0.0.1:9")
        .offline(store)
        .build()
        .expect("client")
}

/// Enqueues `ITEMS` ticket creates; items per second.
fn rate(client: &Client) -> f64 {
    let queue = client.offline_queue().expect("queue");
    let body = json!({"title": "Printer on fire", "priority": "high", "tags": ["hardware"]});
    let started = Instant::now();
    for _ in 0..ITEMS {
        queue
            .enqueue(Method::POST, "/tickets", Some(&body))
            .expect("enqueue");
    }
    let elapsed = started.elapsed();
    assert_eq!(queue.len().expect("len"), ITEMS);
    ITEMS as f64 / elapsed.as_secs_f64()
}

fn main() -> std::process::ExitCode {
    let mut report = Report::new("offline", "Offline queue: enqueue rate");
    let memory = rate(&client(MemoryStore::new()));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let path = std::env::temp_dir().join(format!("cstar-bench-offline-{nanos}.redb"));
    let durable = rate(&client(RedbStore::open(&path).expect("store")));
    let _ = std::fs::remove_file(&path);
    report.row(&[
        ("store", "memory".to_owned()),
        ("enqueues/s", format!("{memory:.0}")),
        ("durable", "no".to_owned()),
    ]);
    report.row(&[
        ("store", "redb file".to_owned()),
        ("enqueues/s", format!("{durable:.0}")),
        ("durable", "yes: fsync per enqueue".to_owned()),
    ]);
    report.note(&format!(
        "{ITEMS} ticket creates queued one by one through OfflineQueue::enqueue; release build; \
         the redb file in the system temp directory."
    ));
    report.finish(false)
}
