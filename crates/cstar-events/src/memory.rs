//! The in-memory store: one process only, for tests and single-instance receivers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::store::{ClaimAnswer, Store, StoreError};

/// Event ids remembered in this process: the same interface as the database stores, for tests
/// and for a receiver that runs as exactly one process.
///
/// Behind a load balancer, or across a restart, it forgets: each process has its own memory,
/// so a redelivery that reaches another instance runs again. Use [`Inbox`](crate) (feature
/// `postgres`) there. Clones share one memory.
#[derive(Clone, Default)]
pub struct MemoryStore {
    ids: Arc<Mutex<HashMap<String, State>>>,
}

#[derive(Clone, Copy)]
enum State {
    Processing,
    Done(Instant),
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("ids", &self.lock().len())
            .finish()
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many event ids are remembered (handled or being handled).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no event id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets the handled ids completed more than `older_than` ago; returns how many. Keep at
    /// least cStar's retry window ([`DEFAULT_RETENTION`](crate::DEFAULT_RETENTION)).
    pub fn sweep(&self, older_than: Duration) -> usize {
        let mut ids = self.lock();
        let before = ids.len();
        let now = Instant::now();
        ids.retain(|_, state| match state {
            State::Processing => true,
            State::Done(at) => now.saturating_duration_since(*at) < older_than,
        });
        before - ids.len()
    }

    /// The map stays consistent under a panic elsewhere (each change is one insert or remove),
    /// so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, State>> {
        self.ids.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A claim on one event id in a [`MemoryStore`]. Dropped without being completed (the handler
/// panicked, the request was cancelled), it is released, so the next delivery runs again.
#[derive(Debug)]
pub struct MemoryClaim {
    store: MemoryStore,
    event_id: String,
    settled: bool,
}

impl Drop for MemoryClaim {
    fn drop(&mut self) {
        if !self.settled {
            self.store.lock().remove(&self.event_id);
        }
    }
}

impl Store for MemoryStore {
    type Claim = MemoryClaim;

    async fn claim(&self, event_id: &str) -> Result<ClaimAnswer<MemoryClaim>, StoreError> {
        let mut ids = self.lock();
        Ok(match ids.get(event_id) {
            Some(State::Done(_)) => ClaimAnswer::Duplicate,
            Some(State::Processing) => ClaimAnswer::InProgress,
            None => {
                ids.insert(event_id.to_owned(), State::Processing);
                ClaimAnswer::New(MemoryClaim {
                    store: self.clone(),
                    event_id: event_id.to_owned(),
                    settled: false,
                })
            }
        })
    }

    async fn complete(&self, event_id: &str, mut claim: MemoryClaim) -> Result<(), StoreError> {
        claim.settled = true;
        self.lock()
            .insert(event_id.to_owned(), State::Done(Instant::now()));
        Ok(())
    }

    async fn release(&self, _event_id: &str, claim: MemoryClaim) -> Result<(), StoreError> {
        // Dropping an unsettled claim removes its id.
        drop(claim);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Outcome, RunError, run_once};

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .map(|rt| rt.block_on(f))
            .unwrap_or_else(|e| panic!("runtime: {e}"))
    }

    #[test]
    fn a_duplicate_does_not_run_and_a_failure_can_be_retried() {
        let store = MemoryStore::new();
        block_on(async {
            let failed: Result<Outcome<()>, RunError<&str>> =
                run_once(&store, "evt_1", |_| Box::pin(async { Err("boom") })).await;
            assert!(matches!(failed, Err(RunError::Handler("boom"))));
            assert!(store.is_empty(), "a failed handler releases its claim");

            let first = run_once(&store, "evt_1", |_| Box::pin(async { Ok::<_, ()>(7) })).await;
            assert_eq!(first.ok(), Some(Outcome::Handled(7)));
            let again = run_once(&store, "evt_1", |_| Box::pin(async { Ok::<_, ()>(8) })).await;
            assert_eq!(again.ok(), Some(Outcome::Duplicate));
        });
    }

    #[test]
    fn a_claim_held_elsewhere_is_in_progress_and_a_dropped_claim_is_released() {
        let store = MemoryStore::new();
        block_on(async {
            let held = store.claim("evt_2").await.ok();
            assert!(matches!(held, Some(ClaimAnswer::New(_))));
            let other = store.claim("evt_2").await.ok();
            assert!(matches!(other, Some(ClaimAnswer::InProgress)));
            drop(held);
            let after = store.claim("evt_2").await.ok();
            assert!(matches!(after, Some(ClaimAnswer::New(_))));
        });
    }

    #[test]
    fn sweep_forgets_only_old_handled_ids() {
        let store = MemoryStore::new();
        block_on(async {
            let done = run_once(&store, "evt_3", |_| Box::pin(async { Ok::<_, ()>(()) })).await;
            assert!(done.is_ok());
            let _held = store.claim("evt_4").await;
            assert_eq!(store.sweep(Duration::from_secs(3600)), 0);
            assert_eq!(
                store.sweep(Duration::ZERO),
                1,
                "the handled id is older than zero"
            );
            assert_eq!(store.len(), 1, "the claim in progress stays");
        });
    }
}
