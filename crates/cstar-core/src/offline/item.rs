//! One queued mutation, as the store keeps it.

use serde::{Deserialize, Serialize};

/// The position of an item in the queue: increasing in enqueue order, never reused by a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ItemId(pub u64);

impl std::fmt::Display for ItemId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A mutation waiting for the API: everything needed to send it again, byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QueuedItem {
    /// Its place in the queue.
    pub id: ItemId,
    /// `POST`, `PATCH`, `PUT` or `DELETE`.
    pub method: String,
    /// The route template, for traces (`/tickets/{id}`).
    pub template: String,
    /// The path segments below the base URL (`api`, `v1`, `teams`, ...).
    pub segments: Vec<String>,
    /// Query parameters.
    #[serde(default)]
    pub query: Vec<(String, String)>,
    /// The JSON body, exactly as first sent (the idempotency check compares bytes).
    #[serde(default)]
    pub body: Option<String>,
    /// Sent as `Idempotency-Key` on every replay, so that a mutation the API already applied
    /// is answered from its record instead of applied twice.
    pub idempotency_key: String,
    /// When it was queued, in Unix milliseconds.
    pub enqueued_at_ms: u64,
}

impl QueuedItem {
    /// `METHOD /path`, for messages.
    pub fn describe(&self) -> String {
        format!("{} /{}", self.method, self.segments.join("/"))
    }
}

/// An item before the store gives it an id.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewItem {
    /// See [`QueuedItem::method`].
    pub method: String,
    /// See [`QueuedItem::template`].
    pub template: String,
    /// See [`QueuedItem::segments`].
    pub segments: Vec<String>,
    /// See [`QueuedItem::query`].
    pub query: Vec<(String, String)>,
    /// See [`QueuedItem::body`].
    pub body: Option<String>,
    /// See [`QueuedItem::idempotency_key`].
    pub idempotency_key: String,
    /// See [`QueuedItem::enqueued_at_ms`].
    pub enqueued_at_ms: u64,
}

impl NewItem {
    /// The stored item, once the store chose its id.
    pub fn with_id(self, id: ItemId) -> QueuedItem {
        QueuedItem {
            id,
            method: self.method,
            template: self.template,
            segments: self.segments,
            query: self.query,
            body: self.body,
            idempotency_key: self.idempotency_key,
            enqueued_at_ms: self.enqueued_at_ms,
        }
    }
}

/// The same request, to store again (in another store, or after it was sent).
impl From<QueuedItem> for NewItem {
    fn from(item: QueuedItem) -> Self {
        Self {
            method: item.method,
            template: item.template,
            segments: item.segments,
            query: item.query,
            body: item.body,
            idempotency_key: item.idempotency_key,
            enqueued_at_ms: item.enqueued_at_ms,
        }
    }
}
