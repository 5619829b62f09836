//! The ticket and message objects as the API returns them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::{CustomerId, MemberId, MessageId, TicketId};

cstar_core::open_enum! {
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

cstar_core::open_enum! {
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

cstar_core::open_enum! {
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

/// A support ticket.
///
/// Unknown fields are ignored; the older snake_case field names are accepted too.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Ticket {
    /// `tkt_...`.
    pub id: TicketId,
    /// The subject line.
    pub title: String,
    /// Where the ticket is in its life.
    pub status: TicketStatus,
    /// How urgent it is.
    pub priority: Priority,
    /// The customer it belongs to.
    #[serde(default, alias = "customer_id")]
    pub customer_id: Option<CustomerId>,
    /// The customer's display name.
    #[serde(default, alias = "customer_name")]
    pub customer_name: Option<String>,
    /// The inline customer, on lists requested with `expand: [Customer]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<TicketCustomerSummary>,
    /// The agent it is assigned to.
    #[serde(default, alias = "assigned_to")]
    pub assigned_to: Option<MemberId>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Internal notes, never shown to the customer.
    #[serde(default)]
    pub notes: Option<String>,
    /// How many messages the thread has.
    #[serde(default, alias = "message_count")]
    pub message_count: u32,
    /// When the first response is due (SLA).
    #[serde(default)]
    pub response_deadline: Option<Timestamp>,
    /// When resolution is due (SLA).
    #[serde(default)]
    pub resolution_deadline: Option<Timestamp>,
    /// When an agent first answered.
    #[serde(default)]
    pub first_response_at: Option<Timestamp>,
    /// SLA tier for the first response; its value set is undocumented.
    #[serde(default)]
    pub response_tier: Option<Value>,
    /// SLA tier for resolution; its value set is undocumented.
    #[serde(default)]
    pub resolution_tier: Option<Value>,
    /// Whether the SLA clock is paused.
    #[serde(default)]
    pub sla_paused: bool,
    /// Free-form data of your own.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// When it was created.
    #[serde(alias = "created_at")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(alias = "updated_at")]
    pub updated_at: Timestamp,
    /// When it was closed.
    #[serde(default, alias = "closed_at")]
    pub closed_at: Option<Timestamp>,
    /// When it was resolved.
    #[serde(default, alias = "resolved_at")]
    pub resolved_at: Option<Timestamp>,
    /// The whole thread, oldest first; filled by `get` only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
}

/// The customer inlined in a ticket list row by `expand=customer` (`TicketCustomerSummary`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketCustomerSummary {
    /// The customer's id.
    #[serde(default)]
    pub id: Option<CustomerId>,
    /// The customer's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The customer's email.
    #[serde(default)]
    pub email: Option<String>,
}

/// A message in a ticket's thread.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Message {
    /// `msg_...`.
    pub id: MessageId,
    /// The ticket it belongs to.
    #[serde(default, alias = "ticket_id")]
    pub ticket_id: Option<TicketId>,
    /// The text.
    pub content: String,
    /// Who wrote it.
    pub sender: Sender,
    /// The author's display name.
    #[serde(default, alias = "sender_name")]
    pub sender_name: Option<String>,
    /// An internal note, hidden from the customer.
    #[serde(default, alias = "is_internal")]
    pub is_internal: bool,
    /// When it was written.
    #[serde(alias = "created_at")]
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_object_and_tolerates_drift() {
        let ticket: Ticket = serde_json::from_value(serde_json::json!({
            "id": "tkt_1", "object": "ticket", "title": "Help", "status": "escalated",
            "priority": "critical", "customerId": null, "tags": ["a"], "messageCount": 2,
            "slaPaused": false, "metadata": {"k": 1}, "brandNewField": {"x": 1},
            "createdAt": "2026-03-30T10:00:00Z", "updatedAt": "2026-03-30T10:00:00.123Z",
            "closedAt": null
        }))
        .unwrap();
        assert_eq!(ticket.status, TicketStatus::Unknown("escalated".into()));
        assert_eq!(ticket.priority, Priority::Unknown("critical".into()));
        assert_eq!(ticket.message_count, 2);

        let legacy: Ticket = serde_json::from_value(serde_json::json!({
            "id": "tkt_2", "title": "Old", "status": "open", "priority": "low",
            "customer_id": "cus_1", "message_count": 1,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
        }))
        .unwrap();
        assert_eq!(legacy.customer_id, Some(CustomerId::from("cus_1")));
    }
}
