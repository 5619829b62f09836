//! Typed `data` for the ticket, customer and article events.
//!
//! The objects inside an event are the same types as everywhere else ([`cstar_types::Ticket`],
//! [`cstar_types::Customer`], ...): only their `id` is required, a `null` or missing field reads
//! as the empty value its documentation names, a new status or priority is kept as `Unknown`.

use std::collections::BTreeMap;

use cstar_types::de::null_as_default;
use cstar_types::{Article, Customer, Message, Ticket};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The ticket inside a ticket event: the shared [`Ticket`] (the payload's snake_case names are
/// read too).
pub type TicketData = Ticket;

/// The customer inside a customer or ticket event: the shared [`Customer`].
pub type CustomerData = Customer;

/// The article inside an article event: the shared [`Article`].
pub type ArticleData = Article;

/// The message inside `ticket.message_added`: the shared [`Message`].
pub type MessageData = Message;

/// One changed field of `ticket.updated` (a `null` change reads as `null` to `null`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "Option<ChangeWire>")]
#[non_exhaustive]
pub struct Change {
    /// The value before; `null` when not sent.
    pub from: Value,
    /// The value after; `null` when not sent.
    pub to: Value,
}

#[derive(Deserialize)]
struct ChangeWire {
    #[serde(default)]
    from: Value,
    #[serde(default)]
    to: Value,
}

impl From<Option<ChangeWire>> for Change {
    fn from(wire: Option<ChangeWire>) -> Self {
        wire.map_or_else(Self::default, |w| Self {
            from: w.from,
            to: w.to,
        })
    }
}

/// `data` of the ticket events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketEvent {
    /// The ticket. Required: a ticket event without its ticket is [`EventData::Unreadable`](crate::EventData::Unreadable).
    pub ticket: TicketData,
    /// The customer summary; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub customer: Option<CustomerData>,
    /// What changed, on `ticket.updated`: field name to `{from, to}`; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub changes: BTreeMap<String, Change>,
    /// The new message, on `ticket.message_added`; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub message: Option<MessageData>,
}

/// `data` of the customer events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomerEvent {
    /// The customer. Required: without it the event is
    /// [`EventData::Unreadable`](crate::EventData::Unreadable).
    pub customer: CustomerData,
}

/// `data` of the article events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ArticleEvent {
    /// The article. Required: without it the event is
    /// [`EventData::Unreadable`](crate::EventData::Unreadable).
    pub article: ArticleData,
}
