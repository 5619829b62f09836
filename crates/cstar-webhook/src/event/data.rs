//! Typed `data` for the ticket, customer and article events. Fields are optional (except ids)
//! and strings stay strings, so a payload with a new status or a missing field still parses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The ticket inside a ticket event (snake_case copy of the REST ticket, plus event-only fields).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketData {
    /// `tkt_...` (some older payloads carry the bare UUID).
    pub id: String,
    /// The human ticket number, e.g. `CST-1024`.
    #[serde(default)]
    pub prefixed_id: Option<String>,
    /// The subject line.
    #[serde(default)]
    pub title: Option<String>,
    /// `new`, `open`, `pending`, `resolved`, `closed`, or a team's own.
    #[serde(default)]
    pub status: Option<String>,
    /// `low`, `normal`, `high`, `urgent`.
    #[serde(default)]
    pub priority: Option<String>,
    /// Where it came from, e.g. `widget`.
    #[serde(default)]
    pub channel: Option<String>,
    /// The customer's id.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// The customer's name.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The assigned agent.
    #[serde(default)]
    pub assigned_to: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A link into the agent dashboard.
    #[serde(default)]
    pub dashboard_url: Option<String>,
    /// When it was created (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// A customer summary or object inside an event.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomerData {
    /// `cus_...`.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// `active` or `inactive`.
    #[serde(default)]
    pub status: Option<String>,
    /// How they feel.
    #[serde(default)]
    pub sentiment: Option<String>,
    /// When it was created (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// An article inside an event.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ArticleData {
    /// `art_...`.
    pub id: String,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The URL slug.
    #[serde(default)]
    pub slug: Option<String>,
    /// `draft`, `published` or `archived`.
    #[serde(default)]
    pub status: Option<String>,
    /// The category's UUID.
    #[serde(default)]
    pub category_id: Option<String>,
    /// Whether it shows in the public library.
    #[serde(default)]
    pub is_public: Option<bool>,
    /// When it was published (ISO 8601).
    #[serde(default)]
    pub published_at: Option<String>,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// A ticket message inside `ticket.message_added`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct MessageData {
    /// `msg_...`.
    pub id: String,
    /// The text.
    #[serde(default)]
    pub content: Option<String>,
    /// `agent`, `customer` or `system`.
    #[serde(default)]
    pub sender: Option<String>,
    /// The author's display name.
    #[serde(default)]
    pub sender_name: Option<String>,
    /// An internal note.
    #[serde(default)]
    pub is_internal: Option<bool>,
    /// When it was written (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
}

/// One changed field of `ticket.updated`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The value before.
    #[serde(default)]
    pub from: Value,
    /// The value after.
    #[serde(default)]
    pub to: Value,
}

/// `data` of the ticket events.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketEvent {
    /// The ticket.
    pub ticket: TicketData,
    /// The customer summary, when sent.
    #[serde(default)]
    pub customer: Option<CustomerData>,
    /// What changed, on `ticket.updated`: field name to `{from, to}`.
    #[serde(default)]
    pub changes: BTreeMap<String, Change>,
    /// The new message, on `ticket.message_added`.
    #[serde(default)]
    pub message: Option<MessageData>,
}

/// `data` of the customer events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomerEvent {
    /// The customer.
    pub customer: CustomerData,
}

/// `data` of the article events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ArticleEvent {
    /// The article.
    pub article: ArticleData,
}
