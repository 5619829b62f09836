//! The offline queue: mutations made while the API is down are kept and applied once it is up,
//! in order, exactly once, also across SIGKILL in the middle of a flush.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt;
use serde_json::json;

use std::sync::Arc;

use cstar_admin::offline::{
    FlushResult, ItemId, MemoryStore, NewItem, QueueStore, QueuedItem, RedbStore, StoreError,
};
use cstar_admin::{CStarClient, CreateMessage, CreateTicket, Error, ListTickets, Method};
use cstar_e2e::{assert_no_unexpected_requests, client_builder, start_mock};
use cstar_mock::MockServer;

/// A path for a store file no other test uses.
fn temp_store(name: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("cstar-offline-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.redb"))
}

fn offline_client(server: &MockServer, store: impl QueueStore, probe: Duration) -> CStarClient {
    client_builder(server)
        .max_retries(0)
        .offline(store)
        .offline_probe_interval(probe)
        .build()
        .unwrap()
}

async fn titles(cstar: &CStarClient, search: &str) -> Vec<String> {
    let tickets: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new().search(search))
        .try_collect()
        .await
        .unwrap();
    // Newest first on the wire; oldest first here.
    tickets.into_iter().rev().map(|t| t.title).collect()
}

#[tokio::test]
async fn mutations_made_while_down_are_applied_in_order_once_up() {
    let server = start_mock().await;
    let cstar = offline_client(&server, MemoryStore::new(), Duration::from_secs(3600));
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("first"))
        .await
        .unwrap();
    server.shutdown().await;

    let mut queued = Vec::new();
    for title in ["second", "third"] {
        match cstar.tickets().create(CreateTicket::new(title)).await {
            Err(Error::Queued { item, .. }) => queued.push(item.id),
            other => panic!("expected Queued, got {other:?}"),
        }
    }
    let err = cstar
        .tickets()
        .messages(&ticket.id)
        .create(CreateMessage::new("while down"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Queued { .. }), "{err:?}");
    // Reads are not queued: they fail as they would without a queue.
    let err = cstar.tickets().get(&ticket.id).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");

    let queue = cstar.offline_queue().unwrap();
    assert_eq!(queue.len().unwrap(), 3);
    let items = queue.items().unwrap();
    assert!(items.windows(2).all(|w| w[0].id < w[1].id), "FIFO ids");
    assert!(items.iter().all(|i| !i.idempotency_key.is_empty()));

    // Still down: the first item is kept and the rest wait behind it.
    let outcomes = queue.flush().await.unwrap();
    assert_eq!(outcomes.len(), 3, "one outcome per item");
    assert!(matches!(
        outcomes[0].result,
        FlushResult::Kept(Error::Network { .. })
    ));
    assert!(matches!(outcomes[1].result, FlushResult::Waiting));
    assert!(matches!(outcomes[2].result, FlushResult::Waiting));
    assert_eq!(queue.len().unwrap(), 3);

    server.start_again().await.unwrap();
    let outcomes = queue.flush().await.unwrap();
    assert_eq!(outcomes.len(), 3);
    assert!(outcomes.iter().all(|o| matches!(
        o.result,
        FlushResult::Applied {
            status: 201,
            replayed: false
        }
    )));
    assert!(queue.is_empty().unwrap());
    assert_eq!(titles(&cstar, "").await, ["first", "second", "third"]);
    assert_eq!(server.message_count(), 1);
    assert!(queue.flush().await.unwrap().is_empty(), "nothing twice");
    assert_eq!(server.ticket_count(), 3);
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn the_queue_flushes_itself_when_the_api_is_back() {
    let server = start_mock().await;
    let cstar = offline_client(&server, MemoryStore::new(), Duration::from_millis(50));
    server.shutdown().await;
    for n in 0..3 {
        let err = cstar
            .tickets()
            .create(CreateTicket::new(format!("auto-{n}")))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Queued { .. }), "{err:?}");
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        cstar.offline_queue().unwrap().len().unwrap(),
        3,
        "kept while down"
    );

    server.start_again().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.ticket_count() < 3 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(titles(&cstar, "auto").await, ["auto-0", "auto-1", "auto-2"]);
    assert!(cstar.offline_queue().unwrap().is_empty().unwrap());
}

#[tokio::test]
async fn a_refused_item_leaves_the_queue_with_its_error() {
    let server = start_mock().await;
    let cstar = offline_client(&server, MemoryStore::new(), Duration::from_secs(3600));
    let queue = cstar.offline_queue().unwrap();
    queue
        .enqueue(Method::POST, "/tickets", Some(&json!({"title": ""})))
        .unwrap();
    queue
        .enqueue(Method::POST, "tickets", Some(&json!({"title": "valid"})))
        .unwrap();
    let err = queue.enqueue(Method::GET, "/tickets", None).unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    let err = queue
        .enqueue(Method::POST, "/tickets/../x", None)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");

    let outcomes = queue.flush().await.unwrap();
    assert_eq!(outcomes.len(), 2);
    let FlushResult::Rejected(Error::Validation(api)) = &outcomes[0].result else {
        panic!(
            "expected a rejected validation error, got {:?}",
            outcomes[0].result
        )
    };
    assert_eq!(api.param(), Some("title"));
    assert!(matches!(outcomes[1].result, FlushResult::Applied { .. }));
    assert!(queue.is_empty().unwrap(), "a 4xx answer removes the item");
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn a_durable_queue_survives_the_client() {
    let server = start_mock().await;
    let path = temp_store("survive");
    {
        let store = RedbStore::open(&path).unwrap();
        let cstar = offline_client(&server, store, Duration::from_secs(3600));
        server.shutdown().await;
        for n in 0..2 {
            let err = cstar
                .tickets()
                .create(CreateTicket::new(format!("durable-{n}")))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Queued { .. }), "{err:?}");
        }
    }
    server.start_again().await.unwrap();
    let cstar = offline_client(
        &server,
        RedbStore::open(&path).unwrap(),
        Duration::from_secs(3600),
    );
    let queue = cstar.offline_queue().unwrap();
    assert_eq!(queue.len().unwrap(), 2, "kept across the client's end");
    let outcomes = queue.flush().await.unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(titles(&cstar, "durable").await, ["durable-0", "durable-1"]);
}

/// A store the test can reach behind the client's back.
#[derive(Clone, Default)]
struct Shared(Arc<MemoryStore>);

impl QueueStore for Shared {
    fn push(&self, item: NewItem) -> Result<QueuedItem, StoreError> {
        self.0.push(item)
    }
    fn items(&self) -> Result<Vec<QueuedItem>, StoreError> {
        self.0.items()
    }
    fn remove(&self, id: ItemId) -> Result<bool, StoreError> {
        self.0.remove(id)
    }
    fn len(&self) -> Result<usize, StoreError> {
        self.0.len()
    }
    fn clear(&self) -> Result<usize, StoreError> {
        self.0.clear()
    }
}

#[tokio::test]
async fn an_item_sent_twice_is_applied_once() {
    let server = start_mock().await;
    let store = Shared::default();
    let cstar = offline_client(&server, store.clone(), Duration::from_secs(3600));
    let queue = cstar.offline_queue().unwrap();
    let item = queue
        .enqueue(Method::POST, "/tickets", Some(&json!({"title": "once"})))
        .unwrap();
    assert!(matches!(
        queue.flush().await.unwrap()[0].result,
        FlushResult::Applied {
            replayed: false,
            ..
        }
    ));
    // What a crash between the API's answer and the store's removal leaves behind.
    store.push(NewItem::from(item)).unwrap();
    let outcomes = queue.flush().await.unwrap();
    assert!(
        matches!(
            outcomes[0].result,
            FlushResult::Applied {
                status: 201,
                replayed: true
            }
        ),
        "{:?}",
        outcomes[0].result
    );
    assert_eq!(server.ticket_count(), 1);
}

#[tokio::test]
async fn an_unreadable_store_is_a_clear_error_and_drops_nothing() {
    let garbage = temp_store("garbage");
    std::fs::write(&garbage, b"this is not a redb database, just some bytes").unwrap();
    let err = RedbStore::open(&garbage).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("garbage.redb"), "{err}");

    // A damaged item: the store refuses to read past it instead of skipping it.
    let path = temp_store("damaged");
    drop(RedbStore::open(&path).unwrap());
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let table: redb::TableDefinition<'_, u64, &[u8]> =
                redb::TableDefinition::new("cstar_offline_items");
            let mut items = txn.open_table(table).unwrap();
            items.insert(7, b"{not json".as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    let store = RedbStore::open(&path).unwrap();
    let err = store.items().unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(store.len().unwrap(), 1, "nothing was dropped");

    let server = start_mock().await;
    let cstar = offline_client(&server, store, Duration::from_secs(3600));
    let err = cstar.offline_queue().unwrap().flush().await.unwrap_err();
    assert!(
        matches!(err, Error::OfflineStore(StoreError::Corrupt { .. })),
        "{err:?}"
    );
    assert_eq!(server.ticket_count(), 0);
}

/// Runs the helper client; its exit status.
fn helper(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_offline-client"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// How many ticket creates reached the emulator.
fn posts(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/tickets"))
        .count()
}

/// Waits for a child without blocking the runtime that serves the emulator.
async fn wait(mut child: std::process::Child) -> std::process::ExitStatus {
    tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_in_the_middle_of_a_flush_loses_and_repeats_nothing() {
    const ITEMS: usize = 12;
    const RUNS: usize = 6;
    let server = MockServer::builder()
        .rate_limit_secret(1_000_000)
        .start()
        .await
        .unwrap();
    // Each request takes a few milliseconds, so that kills land between sends, between a send and
    // its answer, and between an answer and the store forgetting the item.
    server.set_delay(Some(Duration::from_millis(4)));
    let (base, key, team) = (server.base_url(), server.secret_key(), server.team_id());
    let cstar = client_builder(&server).build().unwrap();
    let mut kills = 0;
    for run in 0..RUNS {
        let store = temp_store(&format!("kill-{run}"));
        let store = store.to_str().unwrap();
        let prefix = format!("kill{run}x");
        let status = helper(&[
            "enqueue",
            store,
            "http://127.0.0.1:9",
            key,
            team,
            &prefix,
            &ITEMS.to_string(),
        ]);
        let status = wait(status).await;
        assert!(status.success(), "enqueue run {run}");

        // Kill each flush a few sends in, and a little later each time, so that kills land
        // while a request is in flight, between the API's answer and the store forgetting the
        // item, and between items; the fifth flush of a run may finish.
        for attempt in 0..5 {
            let target = posts(&server) + 1 + (run + attempt) % 4;
            let pause = Duration::from_millis(((run * 5 + attempt * 3) % 9) as u64);
            let mut child = helper(&["flush", store, &base, key, team]);
            if attempt == 4 {
                let status = wait(child).await;
                assert!(
                    status.success(),
                    "the last flush of run {run} empties the queue"
                );
                break;
            }
            let deadline = Instant::now() + Duration::from_secs(20);
            while posts(&server) < target && Instant::now() < deadline {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            tokio::time::sleep(pause).await;
            match child.try_wait().unwrap() {
                Some(status) => {
                    assert!(
                        status.success(),
                        "a flush that ran to its end empties the queue"
                    );
                    break;
                }
                None => {
                    child.kill().unwrap();
                    wait(child).await;
                    kills += 1;
                }
            }
        }
        let mut got = titles(&cstar, &prefix).await;
        got.sort();
        let mut want: Vec<String> = (0..ITEMS).map(|n| format!("{prefix}-{n}")).collect();
        want.sort();
        assert_eq!(got, want, "run {run}: every item applied exactly once");
    }
    assert!(
        kills >= RUNS,
        "the flushes were really interrupted ({kills} kills)"
    );
    assert_eq!(server.ticket_count(), ITEMS * RUNS);
    // Some kills caught an item after its request left and before the store forgot it: it was
    // sent again, and still applied once.
    assert!(
        posts(&server) > ITEMS * RUNS,
        "{} sends for {} items",
        posts(&server),
        ITEMS * RUNS
    );
}

/// A mutation whose answer was cut short (applied or not, nobody knows) is kept like one that
/// got no answer, and its replay under the same key is applied once.
#[tokio::test]
async fn a_mutation_whose_answer_was_cut_short_is_kept_and_applied_once() {
    let server = start_mock().await;
    let cstar = offline_client(&server, MemoryStore::new(), Duration::from_secs(3600));
    server.drop_response_after_apply_next(1);
    let err = cstar
        .tickets()
        .create(CreateTicket::new("Cut short"))
        .await
        .unwrap_err();
    let Error::Queued { item, .. } = &err else {
        panic!("expected Queued, got {err:?}")
    };
    assert_eq!(server.ticket_count(), 1, "the server had applied it");
    let queue = cstar.offline_queue().unwrap();
    let outcomes = queue.flush().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].item.idempotency_key, item.idempotency_key);
    assert_eq!(
        server.ticket_count(),
        1,
        "the replay is the stored answer, not a second ticket"
    );
}
