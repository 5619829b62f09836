//! The ticket and its messages.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{CustomerId, MemberId, MessageId, TicketId, Timestamp};

crate::open_enum! {
    /// Where a ticket is in its life. Teams may define their own statuses; those arrive as
    /// `Unknown` with the name kept.
    pub enum TicketStatus {
        /// Just arrived.
        New => "new",
        /// Being worked on.
        Open => "open",
        /// Waiting on someone.
        Pending => "pending",
        /// Solved.
        Resolved => "resolved",
        /// Done.
        Closed => "closed",
    }
}

crate::open_enum! {
    /// How urgent a ticket is.
    pub enum Priority {
        /// Low.
        Low => "low",
        /// Normal (the default).
        Normal => "normal",
        /// High.
        High => "high",
        /// Urgent.
        Urgent => "urgent",
    }
}

crate::open_enum! {
    /// Who wrote a message.
    pub enum Sender {
        /// A support agent.
        Agent => "agent",
        /// The customer.
        Customer => "customer",
        /// The system (automations, notices).
        System => "system",
    }
}

/// A support ticket: from the admin API, inside a webhook or realtime event, or a chat
/// conversation's ticket.
///
/// Unknown fields are ignored; the snake_case field names of webhook payloads are read too.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Ticket {
    /// `tkt_...` (some older payloads carry the bare UUID). The only required field.
    pub id: TicketId,
    /// The human ticket number, e.g. `CST-1024`; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "prefixed_id"
    )]
    pub prefixed_id: Option<String>,
    /// The subject line; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub title: String,
    /// Where the ticket is in its life; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub status: TicketStatus,
    /// How urgent it is; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub priority: Priority,
    /// Where it came from, e.g. `widget`; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub channel: Option<String>,
    /// The customer it belongs to; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "customer_id"
    )]
    pub customer_id: Option<CustomerId>,
    /// The customer's display name; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "customer_name"
    )]
    pub customer_name: Option<String>,
    /// The inline customer, on lists requested with `expand: [Customer]`; `None` otherwise.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer: Option<TicketCustomerSummary>,
    /// The agent it is assigned to; `None` when unassigned or not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "assigned_to"
    )]
    pub assigned_to: Option<MemberId>,
    /// Tags; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub tags: Vec<String>,
    /// Internal notes, never shown to the customer; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub notes: Option<String>,
    /// How many messages the thread has; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "message_count"
    )]
    pub message_count: u32,
    /// When the first response is due (SLA); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "response_deadline"
    )]
    pub response_deadline: Option<Timestamp>,
    /// When resolution is due (SLA); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "resolution_deadline"
    )]
    pub resolution_deadline: Option<Timestamp>,
    /// When an agent first answered; `None` when not yet or not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "first_response_at"
    )]
    pub first_response_at: Option<Timestamp>,
    /// SLA tier for the first response; its value set is undocumented; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "response_tier"
    )]
    pub response_tier: Option<Value>,
    /// SLA tier for resolution; its value set is undocumented; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "resolution_tier"
    )]
    pub resolution_tier: Option<Value>,
    /// Whether the SLA clock is paused; false when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "sla_paused"
    )]
    pub sla_paused: bool,
    /// A link into the agent dashboard (webhook payloads); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "dashboard_url"
    )]
    pub dashboard_url: Option<String>,
    /// Free-form data of your own; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub metadata: Map<String, Value>,
    /// When it was created; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "updated_at"
    )]
    pub updated_at: Option<Timestamp>,
    /// When it was closed; `None` when open or not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "closed_at"
    )]
    pub closed_at: Option<Timestamp>,
    /// When it was resolved; `None` when unresolved or not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "resolved_at"
    )]
    pub resolved_at: Option<Timestamp>,
    /// The whole thread, oldest first; filled by the admin `get` only, empty otherwise.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub messages: Vec<Message>,
}

/// The customer inlined in a ticket list row by `expand=customer`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketCustomerSummary {
    /// The customer's id; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub id: Option<CustomerId>,
    /// The customer's name; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub name: Option<String>,
    /// The customer's email; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub email: Option<String>,
}

/// A message in a ticket's thread: from the admin API, a `ticket.message_added` event, or the
/// chat widget (which never shows internal notes).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Message {
    /// `msg_...`: the key to dedupe on. The only required field.
    pub id: MessageId,
    /// The ticket (or chat conversation) it belongs to; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "ticket_id"
    )]
    pub ticket_id: Option<TicketId>,
    /// The text; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub content: String,
    /// Who wrote it; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub sender: Sender,
    /// The author's display name; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "sender_name"
    )]
    pub sender_name: Option<String>,
    /// An internal note, hidden from the customer; false when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "is_internal"
    )]
    pub is_internal: bool,
    /// When it was written; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
}
