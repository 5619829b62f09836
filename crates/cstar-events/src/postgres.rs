//! The transactional inbox in PostgreSQL: the event id and the handler's writes commit together.
//!
//! # Choice of client
//!
//! tokio-postgres with a deadpool-postgres pool, not sqlx: without its macros sqlx still
//! compiles its `Any` driver layer, its own pool and runtime glue, several times tokio-postgres'
//! build, for nothing this crate uses; tokio-postgres is the protocol on tokio (already in every
//! async receiver's tree) and deadpool-postgres a thin pool with a statement cache. Both declare
//! `rust-version = 1.85`, our MSRV. Users who already have a pool hand it in ([`Inbox::new`]),
//! with their own TLS connector: [`Inbox::connect`] uses none, for a database on loopback or a
//! private network.

use std::time::Duration;

use deadpool_postgres::{ClientWrapper, Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::store::{BoxFuture, ClaimAnswer, Outcome, RunError, Store, StoreError, run_once};

/// The schema, in order, as `(file name, SQL)`: `0001_inbox.sql` (`cstar_inbox (event_id text
/// primary key, received_at timestamptz)` and an index for the sweep) and
/// `0002_consumer_group.sql` (the realtime consumer group's fenced cursor).
/// [`Inbox::migrate`] applies them; give them to your own migration tool instead if you have one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_inbox.sql",
        include_str!("../migrations/0001_inbox.sql"),
    ),
    (
        "0002_consumer_group.sql",
        include_str!("../migrations/0002_consumer_group.sql"),
    ),
];

/// Serialises concurrent `migrate()` calls: `CREATE TABLE IF NOT EXISTS` is not safe against
/// itself in two sessions at once. An arbitrary constant of ours ("cstar" in ASCII).
const MIGRATION_LOCK: i64 = 0x0063_7374_6172;

const CLAIM: &str = "INSERT INTO cstar_inbox (event_id) VALUES ($1) ON CONFLICT DO NOTHING";
const SWEEP: &str = "DELETE FROM cstar_inbox WHERE received_at < now() - make_interval(secs => $1)";

pub(crate) fn failed(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> StoreError {
    StoreError::new("postgres", e)
}

/// The transactional inbox: each handler runs inside the transaction that inserted its event
/// id, so the id and the handler's writes commit together or not at all.
///
/// - A duplicate finds the id committed: the handler does not run, the delivery is answered 2xx.
/// - Two deliveries of one event at the same moment, on two receivers: the second insert waits
///   for the first transaction, then sees its row (duplicate) or, if it rolled back, inserts
///   and runs. The handler runs once either way.
/// - A handler error rolls back its writes and the id: the receiver answers non-2xx and cStar's
///   retry runs it again from a clean state.
///
/// The concurrent duplicate's answer waits as long as the first handler runs: keep handlers
/// within cStar's 10 s delivery budget (queue slow work through an outbox row). Each claim
/// holds one pooled connection for the handler's duration, so the pool size bounds how many
/// events a receiver handles at once.
///
/// ```no_run
/// use cstar_events::{Inbox, Outcome};
///
/// # async fn run(event: cstar_webhook::Event) -> Result<(), Box<dyn std::error::Error>> {
/// let inbox = Inbox::connect("postgres://app@127.0.0.1/app")?;
/// inbox.migrate().await?;
/// let outcome = inbox
///     .run_once(&event.id, |tx| {
///         let event_id = event.id.clone();
///         Box::pin(async move {
///             // Effects outside the database go through an outbox row, in this transaction;
///             // the worker that sends it uses an idempotency key derived from the event id:
///             // `.idempotency_key(format!("reply/{event_id}"))`.
///             tx.execute(
///                 "INSERT INTO outbox (kind, idempotency_key, event_id) VALUES ('reply', $1, $2)",
///                 &[&format!("reply/{event_id}"), &event_id],
///             )
///             .await?;
///             Ok::<_, cstar_events::tokio_postgres::Error>(())
///         })
///     })
///     .await?;
/// assert!(matches!(outcome, Outcome::Handled(()) | Outcome::Duplicate));
/// # Ok(()) }
/// ```
///
/// Clones share one pool.
#[derive(Clone)]
pub struct Inbox {
    pool: Pool,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The pool's configuration holds the password: show its size only.
        let status = self.pool.status();
        f.debug_struct("Inbox")
            .field("pool_size", &status.size)
            .field("pool_max", &status.max_size)
            .finish()
    }
}

impl Inbox {
    /// An inbox on a pool of your own (with your TLS connector and sizes).
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// An inbox on a pool of at most 16 connections to `url`
    /// (`postgres://user:password@host:port/db` or `host=... user=...`), without TLS.
    /// Connections are opened on first use.
    ///
    /// # Errors
    ///
    /// The URL cannot be read.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let config: tokio_postgres::Config = url.parse().map_err(failed)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(failed)?;
        Ok(Self { pool })
    }

    /// The pool, for the application's own queries.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Creates the inbox's tables if they do not exist ([`MIGRATIONS`]). Safe to call from every
    /// receiver at start-up, concurrently.
    ///
    /// # Errors
    ///
    /// The database cannot be reached or refused the schema.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.get().await.map_err(failed)?;
        let tx = conn.transaction().await.map_err(failed)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(failed)?;
        for (_, sql) in MIGRATIONS {
            tx.batch_execute(sql).await.map_err(failed)?;
        }
        tx.commit().await.map_err(failed)
    }

    /// Runs `handler` inside the transaction that claims `event_id`, unless the id is already
    /// committed. The handler gets the transaction's connection for its own writes: they commit
    /// with the id, or roll back with it when the handler returns an error.
    ///
    /// The connection is already inside the transaction: write through it, but do not begin,
    /// commit or roll back yourself (use `SAVEPOINT` for a nested scope).
    ///
    /// # Errors
    ///
    /// [`RunError::Handler`] (rolled back) or [`RunError::Store`] (nothing committed).
    pub async fn run_once<T, E, F>(
        &self,
        event_id: &str,
        handler: F,
    ) -> Result<Outcome<T>, RunError<E>>
    where
        F: for<'c> FnOnce(&'c mut InboxClaim) -> BoxFuture<'c, Result<T, E>>,
    {
        run_once(self, event_id, handler).await
    }

    /// Deletes the ids received more than `older_than` ago; returns how many. Run it now and
    /// then (a daily job is plenty) with at least [`DEFAULT_RETENTION`](crate::DEFAULT_RETENTION):
    /// cStar retries for about 31 hours, and an id swept before its last retry runs again.
    ///
    /// # Errors
    ///
    /// The database cannot be reached.
    pub async fn sweep(&self, older_than: Duration) -> Result<u64, StoreError> {
        let conn = self.pool.get().await.map_err(failed)?;
        conn.execute(SWEEP, &[&older_than.as_secs_f64()])
            .await
            .map_err(failed)
    }
}

/// A pooled connection inside the transaction that claimed an event id. Derefs to the
/// connection (`tx.execute(..)`, `tx.query(..)`, `tx.prepare_cached(..)`).
///
/// Dropped before it is completed (the handler panicked, the request was cancelled), its
/// connection is closed instead of returned to the pool, and PostgreSQL rolls the transaction
/// back: the id is free again for the next delivery.
pub struct InboxClaim {
    conn: Option<Object>,
}

impl std::fmt::Debug for InboxClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InboxClaim")
            .field("open", &self.conn.is_some())
            .finish()
    }
}

impl std::ops::Deref for InboxClaim {
    type Target = ClientWrapper;

    fn deref(&self) -> &ClientWrapper {
        // Only `finish` takes the connection out, and it consumes the claim.
        match &self.conn {
            Some(conn) => conn,
            None => unreachable!("an InboxClaim is never used after it is finished"),
        }
    }
}

impl InboxClaim {
    /// Ends the transaction with `statement`; on failure the connection is discarded so that
    /// the server rolls back, whatever state it was in.
    async fn finish(mut self, statement: &str) -> Result<(), StoreError> {
        let Some(conn) = self.conn.take() else {
            return Ok(());
        };
        match conn.batch_execute(statement).await {
            Ok(()) => Ok(()),
            Err(e) => {
                drop(Object::take(conn));
                Err(failed(e))
            }
        }
    }
}

impl Drop for InboxClaim {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Not back to the pool mid-transaction: closing it makes the server roll back.
            drop(Object::take(conn));
        }
    }
}

impl Store for Inbox {
    type Claim = InboxClaim;

    async fn claim(&self, event_id: &str) -> Result<ClaimAnswer<InboxClaim>, StoreError> {
        let conn = self.pool.get().await.map_err(failed)?;
        let claim = InboxClaim { conn: Some(conn) };
        claim.batch_execute("BEGIN").await.map_err(failed)?;
        let statement = claim.prepare_cached(CLAIM).await.map_err(failed)?;
        // Blocks while another transaction holds the same id uncommitted, then sees its fate.
        let inserted = claim
            .execute(&statement, &[&event_id])
            .await
            .map_err(failed)?;
        if inserted == 1 {
            Ok(ClaimAnswer::New(claim))
        } else {
            claim.finish("ROLLBACK").await?;
            Ok(ClaimAnswer::Duplicate)
        }
    }

    async fn complete(&self, _event_id: &str, claim: InboxClaim) -> Result<(), StoreError> {
        claim.finish("COMMIT").await
    }

    async fn release(&self, _event_id: &str, claim: InboxClaim) -> Result<(), StoreError> {
        claim.finish("ROLLBACK").await
    }
}
