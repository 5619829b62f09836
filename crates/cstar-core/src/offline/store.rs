//! Where queued items live: the [`QueueStore`] trait, its errors, and the in-memory store.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use super::item::{ItemId, NewItem, QueuedItem};

/// Why a store could not do its job. The queue never drops an item silently: every failure to
/// keep, read or remove one surfaces as this.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store could not be opened (a missing directory, no permission, a file that is not a
    /// queue store or is damaged).
    #[error("cannot open the offline queue store at {path}: {reason}")]
    Open {
        /// The file.
        path: String,
        /// What the database said.
        reason: String,
    },
    /// Reading or writing failed.
    #[error("the offline queue store failed: {0}")]
    Io(String),
    /// An item is unreadable; it stays in the store (see [`QueueStore::remove`] to drop it).
    #[error("queued item {id} is unreadable: {reason}")]
    Corrupt {
        /// The item.
        id: ItemId,
        /// Why.
        reason: String,
    },
}

/// Storage for the offline queue, in enqueue (FIFO) order. Implementations must be safe to
/// share between threads; each call is one atomic step (a crash leaves an item either wholly
/// stored or not at all).
pub trait QueueStore: Send + Sync + 'static {
    /// Stores an item and gives it the next id.
    ///
    /// # Errors
    ///
    /// When it cannot be stored durably.
    fn push(&self, item: NewItem) -> Result<QueuedItem, StoreError>;

    /// Every item, oldest first.
    ///
    /// # Errors
    ///
    /// When the store cannot be read, or an item in it is unreadable.
    fn items(&self) -> Result<Vec<QueuedItem>, StoreError>;

    /// Removes an item; `false` when it was not there.
    ///
    /// # Errors
    ///
    /// When the removal cannot be made durable.
    fn remove(&self, id: ItemId) -> Result<bool, StoreError>;

    /// How many items wait.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    fn len(&self) -> Result<usize, StoreError>;

    /// Whether no item waits.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Removes every item; how many there were.
    ///
    /// # Errors
    ///
    /// When the removal cannot be made durable.
    fn clear(&self) -> Result<usize, StoreError>;
}

/// A queue that lives as long as the process: mutations survive a network outage, not a crash.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<(u64, BTreeMap<ItemId, QueuedItem>)>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, (u64, BTreeMap<ItemId, QueuedItem>)> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl QueueStore for MemoryStore {
    fn push(&self, item: NewItem) -> Result<QueuedItem, StoreError> {
        let mut state = self.state();
        state.0 += 1;
        let id = ItemId(state.0);
        let item = item.with_id(id);
        state.1.insert(id, item.clone());
        Ok(item)
    }

    fn items(&self) -> Result<Vec<QueuedItem>, StoreError> {
        Ok(self.state().1.values().cloned().collect())
    }

    fn remove(&self, id: ItemId) -> Result<bool, StoreError> {
        Ok(self.state().1.remove(&id).is_some())
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.state().1.len())
    }

    fn clear(&self) -> Result<usize, StoreError> {
        let mut state = self.state();
        let count = state.1.len();
        state.1.clear();
        Ok(count)
    }
}
