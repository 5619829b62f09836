//! What the chat API returns.

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

/// A conversation (a ticket, seen from the customer's side).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", try_from = "ConversationWire")]
#[non_exhaustive]
pub struct Conversation {
    /// `tkt_...`.
    pub id: String,
    /// The subject (`title` in the newer documentation: either, or both, are read).
    pub subject: String,
    /// E.g. `open`.
    pub status: Option<String>,
    /// When it started.
    pub created_at: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConversationWire {
    id: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default, alias = "created_at")]
    created_at: Option<Timestamp>,
}

impl TryFrom<ConversationWire> for Conversation {
    type Error = String;

    fn try_from(wire: ConversationWire) -> Result<Self, String> {
        let subject = wire
            .subject
            .or(wire.title)
            .ok_or("a conversation needs a subject or a title")?;
        Ok(Self {
            id: wire.id,
            subject,
            status: wire.status,
            created_at: wire.created_at,
        })
    }
}

/// A message the customer may see (internal notes never reach them).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ChatMessage {
    /// `msg_...`: the key to dedupe on.
    pub id: String,
    /// `customer`, `agent` or `system`.
    pub sender: String,
    /// The sender's display name.
    #[serde(default, alias = "senderName")]
    pub sender_name: Option<String>,
    /// The text.
    pub content: String,
    /// When it was sent.
    #[serde(default, alias = "createdAt")]
    pub created_at: Option<Timestamp>,
}

/// The identified customer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChatCustomer {
    /// `cus_...`.
    pub id: String,
    /// Their email.
    pub email: String,
    /// Their name.
    #[serde(default)]
    pub name: Option<String>,
    /// Their id in your system.
    #[serde(default, alias = "external_id")]
    pub external_id: Option<String>,
}

/// An agent typing in a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TypingAgent {
    /// Their display name.
    pub name: String,
}
