//! The dedupe marker in Redis: weaker than the inbox, and honest about it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::aio::ConnectionManager;

use crate::store::{ClaimAnswer, Store, StoreError};

/// The value of a marker whose handler completed.
const DONE: &str = "done";

/// Deletes the marker only if it is still ours: our processing TTL may have lapsed and another
/// receiver claimed the id since.
const RELEASE_IF_OURS: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

fn failed(e: redis::RedisError) -> StoreError {
    StoreError::new("redis", e)
}

/// A dedupe marker per event id in Redis: `SET key <token> NX PX <processing TTL>` before the
/// handler, `SET key done PX <retention>` after it, `DEL` (if still ours) when it fails.
///
/// # What it guarantees, and what it does not
///
/// The marker lives beside your effects, not with them, so there is a window where they
/// disagree:
///
/// - **A crash after the effect, before the marker says done** (the process is killed, Redis is
///   unreachable for the second `SET`): the marker lapses after the processing TTL and cStar's
///   retry runs the handler **again**: a duplicate effect.
/// - **A handler slower than the processing TTL**: the marker lapses while it runs and a
///   concurrent retry runs it a second time. Keep the TTL well above your handler's worst case
///   (default 60 s; cStar gives a delivery 10 s).
/// - **Redis loses data** (no persistence, a failover to a replica that had not seen the write,
///   `maxmemory` eviction): the ids it forgets run again on a redelivery.
/// - **A retention shorter than cStar's retry window** (about 31 hours) forgets an id before its
///   last retry. The default is [`DEFAULT_RETENTION`](crate::DEFAULT_RETENTION), 72 hours.
///
/// Nothing is lost by the marker itself: a failed or crashed handler leaves the id claimable
/// again, and cStar retries until a 2xx. The failure mode is running twice.
///
/// It is enough for handlers whose effects are idempotent anyway (an upsert keyed by the
/// ticket id, a cache invalidation, a call made with an idempotency key derived from the event
/// id) or where a rare duplicate is harmless (a notification). When a duplicate matters and
/// the effects are in PostgreSQL, use the [`Inbox`](crate) (feature `postgres`).
///
/// Clones share one connection (a multiplexed connection that reconnects by itself).
#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    key_prefix: String,
    processing_ttl: Duration,
    retention: Duration,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("key_prefix", &self.key_prefix)
            .field("processing_ttl", &self.processing_ttl)
            .field("retention", &self.retention)
            .finish_non_exhaustive()
    }
}

/// A claim on one event id in Redis: the token written into the marker, so that only its owner
/// releases it. Dropped without being completed, the marker lapses after the processing TTL.
#[derive(Debug)]
pub struct RedisClaim {
    token: String,
}

impl RedisStore {
    /// Connects to `url` (`redis://127.0.0.1:6379/0`).
    ///
    /// # Errors
    ///
    /// The URL cannot be read or the server cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(failed)?;
        let conn = ConnectionManager::new(client).await.map_err(failed)?;
        Ok(Self::new(conn))
    }

    /// A store on a connection of your own.
    pub fn new(conn: ConnectionManager) -> Self {
        Self {
            conn,
            key_prefix: "cstar:event:".to_owned(),
            processing_ttl: Duration::from_secs(60),
            retention: crate::DEFAULT_RETENTION,
        }
    }

    /// How long a claim holds before it lapses if its receiver dies (default 60 s). Longer
    /// than the slowest handler, short enough for cStar's next retry to find the id free.
    pub fn processing_ttl(mut self, ttl: Duration) -> Self {
        self.processing_ttl = ttl;
        self
    }

    /// How long a handled id is remembered (default 72 hours; keep more than cStar's ~31 hour
    /// retry window).
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = retention;
        self
    }

    /// The prefix of the marker keys (default `cstar:event:`).
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.key_prefix = prefix.into();
        self
    }

    fn key(&self, event_id: &str) -> String {
        format!("{}{event_id}", self.key_prefix)
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

/// A value no other claim holds: this process's id, a counter and the clock.
fn new_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "claim:{}:{}:{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl Store for RedisStore {
    type Claim = RedisClaim;

    async fn claim(&self, event_id: &str) -> Result<ClaimAnswer<RedisClaim>, StoreError> {
        let key = self.key(event_id);
        let token = new_token();
        let mut conn = self.conn.clone();
        let set: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(&token)
            .arg("NX")
            .arg("PX")
            .arg(millis(self.processing_ttl))
            .query_async(&mut conn)
            .await
            .map_err(failed)?;
        if set.is_some() {
            return Ok(ClaimAnswer::New(RedisClaim { token }));
        }
        let current: Option<String> = redis::cmd("GET")
            .arg(&key)
            .query_async(&mut conn)
            .await
            .map_err(failed)?;
        Ok(match current.as_deref() {
            Some(DONE) => ClaimAnswer::Duplicate,
            // Held by another receiver, or lapsed between the two commands: either way, let
            // cStar's retry decide.
            _ => ClaimAnswer::InProgress,
        })
    }

    async fn complete(&self, event_id: &str, _claim: RedisClaim) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        redis::cmd("SET")
            .arg(self.key(event_id))
            .arg(DONE)
            .arg("PX")
            .arg(millis(self.retention))
            .query_async::<()>(&mut conn)
            .await
            .map_err(failed)
    }

    async fn release(&self, event_id: &str, claim: RedisClaim) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        redis::cmd("EVAL")
            .arg(RELEASE_IF_OURS)
            .arg(1)
            .arg(self.key(event_id))
            .arg(claim.token)
            .query_async::<()>(&mut conn)
            .await
            .map_err(failed)
    }
}
