//! The arguments of each MCP tool; their doc comments become the JSON schema's descriptions.

use rmcp::schemars::{self, JsonSchema};
use serde::Deserialize;

/// A search over a list.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct SearchTickets {
    /// Text to find in the ticket's title or the customer's name.
    #[serde(default)]
    pub(crate) query: Option<String>,
    /// Only tickets with this status: open, pending, resolved or closed.
    #[serde(default)]
    pub(crate) status: Option<String>,
    /// How many tickets to return (1 to 100, default 20).
    #[serde(default)]
    pub(crate) limit: Option<u32>,
}

/// A search over customers or articles.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct Search {
    /// Text to find (names and emails for customers, titles and content for articles).
    #[serde(default)]
    pub(crate) query: Option<String>,
    /// How many results to return (1 to 100, default 20).
    #[serde(default)]
    pub(crate) limit: Option<u32>,
}

/// One record by id.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct ById {
    /// The record's id.
    pub(crate) id: String,
}

/// A new ticket.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct CreateTicket {
    /// The ticket's subject.
    pub(crate) title: String,
    /// low, normal, high or urgent (default normal).
    #[serde(default)]
    pub(crate) priority: Option<String>,
    /// The id of the customer the ticket is for.
    #[serde(default)]
    pub(crate) customer_id: Option<String>,
    /// Internal notes, visible to agents only.
    #[serde(default)]
    pub(crate) notes: Option<String>,
}

/// A message on a ticket.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct AddMessage {
    /// The ticket's id.
    pub(crate) ticket_id: String,
    /// The message text.
    pub(crate) content: String,
    /// Who speaks: agent (default) or customer.
    #[serde(default)]
    pub(crate) sender: Option<String>,
    /// An internal note that the customer never sees (default false).
    #[serde(default)]
    pub(crate) internal: bool,
}

/// A ticket's new status.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct UpdateStatus {
    /// The ticket's id.
    pub(crate) ticket_id: String,
    /// open, pending, resolved or closed.
    pub(crate) status: String,
}
