//! What the chat API returns. Only an object's `id` is required: a `null` or missing field reads
//! as the empty value its documentation names, so an answer from a cStar that moved on still
//! reads.

use cstar_types::de::null_as_default;
use cstar_types::{CustomerId, TicketId, TicketStatus, Timestamp};
use serde::{Deserialize, Serialize};

/// A conversation: a ticket, seen from the customer's side (its id is the ticket's, which the
/// admin API's `tickets().get` takes).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", from = "ConversationWire")]
#[non_exhaustive]
pub struct Conversation {
    /// `tkt_...`: the ticket's id. The only required field.
    pub id: TicketId,
    /// The subject (`title` in the newer documentation: either, or both, are read); empty when
    /// neither is sent.
    pub subject: String,
    /// Where the ticket is, e.g. `open`; `Unknown("")` when not sent.
    pub status: TicketStatus,
    /// When it started; `None` when not sent.
    pub created_at: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConversationWire {
    id: TicketId,
    #[serde(default, deserialize_with = "null_as_default")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    title: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    status: TicketStatus,
    #[serde(default, deserialize_with = "null_as_default", alias = "created_at")]
    created_at: Option<Timestamp>,
}

impl From<ConversationWire> for Conversation {
    fn from(wire: ConversationWire) -> Self {
        Self {
            id: wire.id,
            subject: wire.subject.or(wire.title).unwrap_or_default(),
            status: wire.status,
            created_at: wire.created_at,
        }
    }
}

/// A message the customer may see (internal notes never reach them): the shared
/// [`cstar_types::Message`], the same type the admin API and the `ticket.message_added` event
/// give. `sender` is a [`cstar_types::Sender`]; `ticket_id` is the conversation's id when sent.
pub type ChatMessage = cstar_types::Message;

/// The identified customer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChatCustomer {
    /// `cus_...`: the same customer the admin API's `customers().get` shows. The only required
    /// field.
    pub id: CustomerId,
    /// Their email; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub email: String,
    /// Their name; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: Option<String>,
    /// Their id in your system; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "external_id")]
    pub external_id: Option<String>,
}

/// An agent typing in a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TypingAgent {
    /// Their display name; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
}

#[cfg(test)]
mod tests {
    use cstar_types::testing::drift_check;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    use super::*;

    fn decodes<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
        serde_json::from_value(value.clone())
    }

    #[test]
    fn every_chat_model_survives_drift() {
        drift_check(
            &json!({"id": "tkt_1", "object": "conversation", "subject": "Order", "title": "Order",
                "status": "open", "createdAt": "2026-03-30T10:00:00Z"}),
            decodes::<Conversation>,
        );
        drift_check(
            &json!({"id": "msg_1", "ticketId": "tkt_1", "sender": "agent", "senderName": "Ana",
                "content": "Hi", "isInternal": false, "createdAt": "2026-03-30T10:00:00Z"}),
            decodes::<ChatMessage>,
        );
        drift_check(
            &json!({"id": "cus_1", "email": "jane@example.com", "name": "Jane",
                "externalId": "42"}),
            decodes::<ChatCustomer>,
        );
        drift_check(&json!({"name": "Ana"}), decodes::<TypingAgent>);
    }

    #[test]
    fn a_conversation_reads_its_subject_from_either_name() {
        let only_title: Conversation =
            decodes(&json!({"id": "tkt_1", "title": "From title"})).unwrap();
        assert_eq!(only_title.subject, "From title");
        assert_eq!(only_title.id, TicketId::from("tkt_1"));
    }
}
