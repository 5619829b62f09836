//! The realtime consumer group's PostgreSQL half: one leader elected through a session
//! advisory lock, and a durable cursor fenced by the leader's epoch.
//!
//! N instances run the same consumer; the one that holds the group's lock reads the realtime
//! stream, resuming after the stored cursor, and the others wait. Each event's effects, its
//! inbox claim and the cursor commit in one transaction. [`ConsumerGroup::consume`] is that
//! whole loop (lead, open the stream after the cursor, handle, lead again after a takeover);
//! by hand it reads:
//!
//! ```no_run
//! use cstar_events::{ConsumerGroup, Inbox};
//!
//! # async fn run(inbox: Inbox, next_event: impl Fn() -> cstar_webhook::Event)
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! let group = ConsumerGroup::new(&inbox, "crm-sync");
//! let leader = group.lead().await?; // waits while another instance leads
//! println!("epoch {}, resuming after {:?}", leader.epoch(), leader.resume_from());
//! loop {
//!     let event = next_event(); // from the realtime stream, resumed after the cursor
//!     let fence = leader.fence(); // owned: moves into the handler
//!     inbox
//!         .run_once(&event.id.clone(), |tx| {
//!             Box::pin(async move {
//!                 tx.execute("INSERT INTO effects (event_id) VALUES ($1)", &[&event.id])
//!                     .await
//!                     .map_err(|e| e.to_string())?;
//!                 // Fenced: fails (and so rolls everything back) if another instance took over.
//!                 fence.advance(tx, &event.id).await.map_err(|e| e.to_string())
//!             })
//!         })
//!         .await
//!         .map_err(|e| e.to_string())?;
//! }
//! # }
//! ```
//!
//! # Takeover bound
//!
//! The lock belongs to the leader's database session. When the leader's process dies, its
//! operating system closes the connection and PostgreSQL releases the lock at once; a waiting
//! instance polls every [`ConsumerGroup::poll_interval`] (1 s by default), so it takes over
//! within about one poll interval. When the leader's *machine* vanishes (no FIN, no RST),
//! PostgreSQL notices only through TCP keepalives (`tcp_keepalives_idle` and friends on the
//! server; 2 hours by default on Linux, set it lower, such as 10 s idle, 3 probes of 5 s) or
//! `tcp_user_timeout`: the bound is then the poll interval plus that detection time.
//!
//! # Transaction pooling
//!
//! A session advisory lock lives on one server connection. Behind a pooler in transaction mode
//! (PgBouncer `pool_mode = transaction`, most managed "pooler" endpoints), consecutive
//! statements of one client run on different server connections: the lock is taken on one and
//! checked on another, and two instances can both believe they lead. Connect the group to
//! PostgreSQL directly or through session pooling. The epoch fence still keeps the cursor
//! from moving backwards, but leadership itself would mean nothing.

use std::time::Duration;

use deadpool_postgres::{Object, Pool};
use tokio_postgres::GenericClient;

use crate::postgres::{Inbox, InboxClaim, failed};
use crate::store::StoreError;

/// `pg_try_advisory_lock(int, int)`'s first key: ours ("cstr"), so that group locks do not
/// collide with the application's own single-key advisory locks.
const LOCK_CLASS: i32 = 0x6373_7472;

const TRY_LOCK: &str = "SELECT pg_try_advisory_lock($1, hashtext($2))";
const TAKE_OVER: &str = "INSERT INTO cstar_consumer_cursors (group_name, epoch) VALUES ($1, 1)
     ON CONFLICT (group_name) DO UPDATE SET epoch = cstar_consumer_cursors.epoch + 1, updated_at = now()
     RETURNING epoch, cursor";
const ADVANCE: &str = "UPDATE cstar_consumer_cursors
     SET cursor = $1, advanced = advanced + 1, updated_at = now()
     WHERE group_name = $2 AND epoch = $3";

/// One consumer group: the instances that share a name compete for its leadership.
#[derive(Clone, Debug)]
pub struct ConsumerGroup {
    pool: Pool,
    name: String,
    poll_interval: Duration,
}

impl ConsumerGroup {
    /// The group `name`, on the inbox's database (migrated by [`Inbox::migrate`]).
    pub fn new(inbox: &Inbox, name: impl Into<String>) -> Self {
        Self {
            pool: inbox.pool().clone(),
            name: name.into(),
            poll_interval: Duration::from_secs(1),
        }
    }

    /// How often a waiting instance tries the lock (default 1 s): the takeover bound after a
    /// leader's process dies.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// The group's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pool of the group's database.
    #[cfg_attr(
        not(feature = "realtime"),
        allow(dead_code, reason = "only the realtime source's gap handling uses it")
    )]
    pub(crate) fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Becomes the leader: waits, polling, while another instance holds the lock.
    ///
    /// # Errors
    ///
    /// The database cannot be reached.
    pub async fn lead(&self) -> Result<Leadership, StoreError> {
        loop {
            if let Some(leadership) = self.try_lead().await? {
                return Ok(leadership);
            }
            tokio::time::sleep(self.poll_interval).await;
        }
    }

    /// Becomes the leader if no other instance is: `None` while one is.
    ///
    /// # Errors
    ///
    /// The database cannot be reached.
    pub async fn try_lead(&self) -> Result<Option<Leadership>, StoreError> {
        let conn = self.pool.get().await.map_err(failed)?;
        // The lock is held by this connection's session: it leaves the pool for good.
        let conn = Object::take(conn);
        let locked: bool = conn
            .query_one(TRY_LOCK, &[&LOCK_CLASS, &self.name])
            .await
            .map_err(failed)?
            .get(0);
        if !locked {
            return Ok(None);
        }
        let row = conn
            .query_one(TAKE_OVER, &[&self.name])
            .await
            .map_err(failed)?;
        Ok(Some(Leadership {
            lock: conn,
            group: self.name.clone(),
            epoch: row.get(0),
            resume_from: row.get(1),
        }))
    }
}

/// This instance leads its group, as long as its lock connection lives. Dropping it closes that
/// connection, which releases the lock for the next instance.
pub struct Leadership {
    lock: deadpool_postgres::ClientWrapper,
    group: String,
    epoch: i64,
    resume_from: Option<String>,
}

impl std::fmt::Debug for Leadership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leadership")
            .field("group", &self.group)
            .field("epoch", &self.epoch)
            .field("resume_from", &self.resume_from)
            .finish_non_exhaustive()
    }
}

/// Writes the group's cursor only while its leadership's epoch is the group's: a leader that
/// was replaced writes nothing.
#[derive(Clone, Debug)]
pub struct Fence {
    group: String,
    epoch: i64,
}

impl Fence {
    /// The epoch this fence writes under.
    pub fn epoch(&self) -> i64 {
        self.epoch
    }

    /// Moves the cursor to `event_id` inside the inbox transaction of the event's effects, so
    /// that the claim, the effects and the cursor commit together or not at all.
    ///
    /// # Errors
    ///
    /// [`AdvanceError::FencedOut`] when another instance took over: nothing was written; return
    /// the error from the handler (which rolls back) and stop.
    pub async fn advance(&self, tx: &InboxClaim, event_id: &str) -> Result<(), AdvanceError> {
        self.advance_with(&***tx, event_id).await
    }

    /// [`Fence::advance`] through a transaction of your own (a `tokio_postgres`
    /// transaction; a deadpool one derefs to it).
    ///
    /// # Errors
    ///
    /// As [`Fence::advance`].
    pub async fn advance_with<C: GenericClient + Sync>(
        &self,
        tx: &C,
        event_id: &str,
    ) -> Result<(), AdvanceError> {
        let updated = tx
            .execute(ADVANCE, &[&event_id, &self.group, &self.epoch])
            .await
            .map_err(|e| AdvanceError::Store(failed(e)))?;
        if updated == 1 {
            Ok(())
        } else {
            Err(AdvanceError::FencedOut { epoch: self.epoch })
        }
    }
}

/// The cursor was not written: another instance took over (a higher epoch). Roll back and stop
/// consuming; what this instance did not commit, the new leader replays.
#[derive(Debug)]
#[non_exhaustive]
pub enum AdvanceError {
    /// Another instance leads now.
    FencedOut {
        /// This instance's epoch, no longer the group's.
        epoch: i64,
    },
    /// The database failed.
    Store(StoreError),
}

impl std::fmt::Display for AdvanceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::FencedOut { epoch } => {
                write!(
                    f,
                    "another instance leads the consumer group (our epoch {epoch} is stale)"
                )
            }
            Self::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AdvanceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::FencedOut { .. } => None,
            Self::Store(e) => Some(e),
        }
    }
}

impl Leadership {
    /// This leadership's epoch: one more than the previous leader's.
    pub fn epoch(&self) -> i64 {
        self.epoch
    }

    /// The id of the last event whose effects committed, to resume the stream after
    /// (`None` on the group's first run).
    pub fn resume_from(&self) -> Option<&str> {
        self.resume_from.as_deref()
    }

    /// The fence for this leadership's cursor writes: owned and cheap to clone, to move into
    /// each event's handler.
    pub fn fence(&self) -> Fence {
        Fence {
            group: self.group.clone(),
            epoch: self.epoch,
        }
    }

    /// Whether the lock connection is still open. A closed one means the lock is gone: stop
    /// (the fence refuses this instance's cursor writes anyway once another one leads).
    pub async fn is_held(&self) -> bool {
        !self.lock.is_closed() && self.lock.simple_query("SELECT 1").await.is_ok()
    }

    /// The server process id of the lock's session (to watch or terminate it in tests and
    /// operations).
    ///
    /// # Errors
    ///
    /// The lock connection is gone.
    pub async fn backend_pid(&self) -> Result<i32, StoreError> {
        self.lock
            .query_one("SELECT pg_backend_pid()", &[])
            .await
            .map(|row| row.get(0))
            .map_err(failed)
    }
}
