//! The durable store: one redb file. Every push and removal is its own transaction, committed
//! with fsync before the call returns (redb's `Durability::Immediate`), so a process killed at any
//! instant finds each item either stored or not, never half.

use std::path::Path;

use redb::{Database, ReadableTable, ReadableTableMetadata, TableDefinition};

use super::item::{ItemId, NewItem, QueuedItem};
use super::store::{QueueStore, StoreError};

/// Item id → the item as JSON.
const ITEMS: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("cstar_offline_items");
/// `"next"` → the next id, so that ids are never reused even after the queue empties.
const COUNTERS: TableDefinition<'_, &str, u64> = TableDefinition::new("cstar_offline_counters");

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(e.to_string())
}

/// A durable queue store in one redb file.
///
/// ```no_run
/// let store = cstar_core::offline::RedbStore::open("/var/lib/myapp/cstar-queue.redb")?;
/// # Ok::<(), cstar_core::offline::StoreError>(())
/// ```
pub struct RedbStore {
    db: Database,
}

impl std::fmt::Debug for RedbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedbStore").finish_non_exhaustive()
    }
}

impl RedbStore {
    /// Opens the store at `path`, creating the file when it does not exist.
    ///
    /// # Errors
    ///
    /// [`StoreError::Open`] when the file cannot be created or opened, or is not a redb
    /// database (another file, or one damaged beyond redb's repair).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let open_error = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        let db = Database::create(path).map_err(|e| open_error(e.to_string()))?;
        // Create both tables up front, so that reads never meet a missing table.
        let txn = db.begin_write().map_err(|e| open_error(e.to_string()))?;
        txn.open_table(ITEMS)
            .map_err(|e| open_error(e.to_string()))?;
        txn.open_table(COUNTERS)
            .map_err(|e| open_error(e.to_string()))?;
        txn.commit().map_err(|e| open_error(e.to_string()))?;
        Ok(Self { db })
    }
}

impl QueueStore for RedbStore {
    fn push(&self, item: NewItem) -> Result<QueuedItem, StoreError> {
        let txn = self.db.begin_write().map_err(io)?;
        let stored = {
            let mut counters = txn.open_table(COUNTERS).map_err(io)?;
            let next = counters.get("next").map_err(io)?.map_or(1, |v| v.value());
            counters.insert("next", next + 1).map_err(io)?;
            let stored = item.with_id(ItemId(next));
            let bytes = serde_json::to_vec(&stored).map_err(io)?;
            let mut items = txn.open_table(ITEMS).map_err(io)?;
            items.insert(next, bytes.as_slice()).map_err(io)?;
            stored
        };
        txn.commit().map_err(io)?;
        Ok(stored)
    }

    fn items(&self) -> Result<Vec<QueuedItem>, StoreError> {
        let txn = self.db.begin_read().map_err(io)?;
        let table = txn.open_table(ITEMS).map_err(io)?;
        let mut items = Vec::new();
        for entry in table.iter().map_err(io)? {
            let (key, value) = entry.map_err(io)?;
            let id = ItemId(key.value());
            let item: QueuedItem =
                serde_json::from_slice(value.value()).map_err(|e| StoreError::Corrupt {
                    id,
                    reason: e.to_string(),
                })?;
            if item.id != id {
                return Err(StoreError::Corrupt {
                    id,
                    reason: format!("it says it is item {}", item.id),
                });
            }
            items.push(item);
        }
        Ok(items)
    }

    fn remove(&self, id: ItemId) -> Result<bool, StoreError> {
        let txn = self.db.begin_write().map_err(io)?;
        let removed = {
            let mut table = txn.open_table(ITEMS).map_err(io)?;
            table.remove(id.0).map_err(io)?.is_some()
        };
        txn.commit().map_err(io)?;
        Ok(removed)
    }

    fn len(&self) -> Result<usize, StoreError> {
        let txn = self.db.begin_read().map_err(io)?;
        let table = txn.open_table(ITEMS).map_err(io)?;
        let len = table.len().map_err(io)?;
        usize::try_from(len).map_err(io)
    }

    fn clear(&self) -> Result<usize, StoreError> {
        let txn = self.db.begin_write().map_err(io)?;
        let count = {
            let mut table = txn.open_table(ITEMS).map_err(io)?;
            let ids: Vec<u64> = table
                .iter()
                .map_err(io)?
                .map(|entry| entry.map(|(k, _)| k.value()).map_err(io))
                .collect::<Result<_, _>>()?;
            for id in &ids {
                table.remove(*id).map_err(io)?;
            }
            ids.len()
        };
        txn.commit().map_err(io)?;
        Ok(count)
    }
}
