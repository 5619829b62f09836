//! The event envelope `{id, type, created_at, team_id, data}` and its typed view.

mod data;
mod types;

use cstar_types::{TeamId, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use data::{
    ArticleData, ArticleEvent, Change, CustomerData, CustomerEvent, MessageData, TicketData,
    TicketEvent,
};
pub use types::EventType;

/// A cStar event, as delivered by webhooks (and by the realtime stream).
///
/// `data` stays raw JSON, so nothing is lost and no payload fails to parse because of its shape;
/// [`Event::typed`] gives the typed view of the ticket, customer and article events. Only `id` is
/// required: a `null` or missing type, time or team reads as the empty value documented on the
/// field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// `evt_...`: deliveries of one event share it, so dedupe on it. The only required field.
    pub id: String,
    /// What happened; `Unknown("")` when not sent.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "cstar_types::de::null_as_default"
    )]
    pub event_type: EventType,
    /// When it happened; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "createdAt"
    )]
    pub created_at: Option<Timestamp>,
    /// The team's id; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "teamId"
    )]
    pub team_id: Option<TeamId>,
    /// The payload, as sent; `null` when not sent.
    #[serde(default)]
    pub data: Value,
}

/// The typed view of an event's `data`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventData {
    /// `ticket.*` events: the ticket, and `changes` / `message` where they apply.
    Ticket(Box<TicketEvent>),
    /// `customer.created|updated|deleted`.
    Customer(Box<CustomerEvent>),
    /// `article.*` events.
    Article(Box<ArticleEvent>),
    /// Every other type: the raw `data`.
    Other(Value),
    /// A ticket, customer or article event whose `data` does not read as its typed payload (its
    /// object or that object's `id` is missing or of another type): the event still arrives,
    /// with its raw `data` and why it could not be read. [`Event::id`] and
    /// [`Event::event_type`] are still there.
    Unreadable {
        /// The `data` as sent.
        raw: Value,
        /// Why it does not read, as serde_json words it (e.g. ``missing field `ticket` ``).
        error: String,
    },
}

impl Event {
    /// The typed payload: match on it after matching on [`Event::event_type`]. Never fails: a
    /// payload that does not read as its type is [`EventData::Unreadable`], with the raw JSON.
    ///
    /// ```
    /// use cstar_types::TicketStatus;
    /// use cstar_webhook::{Event, EventData, EventType};
    ///
    /// let event: Event = serde_json::from_str(r#"{"id":"evt_1","type":"ticket.updated",
    ///     "data":{"ticket":{"id":"tkt_1","status":"closed"},
    ///             "changes":{"status":{"from":"open","to":"closed"}}}}"#)?;
    /// if let (EventType::TicketUpdated, EventData::Ticket(t)) = (&event.event_type, event.typed()) {
    ///     assert_eq!(t.ticket.status, TicketStatus::Closed);
    ///     assert_eq!(t.changes["status"].to, "closed");
    /// }
    ///
    /// let odd: Event = serde_json::from_str(r#"{"id":"evt_2","type":"ticket.created","data":{"ticket":{"id":7}}}"#)?;
    /// assert!(matches!(odd.typed(), EventData::Unreadable { .. }));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[inline]
    pub fn typed(&self) -> EventData {
        let read = match self.event_type.resource() {
            "ticket" => decode(&self.data).map(|t| EventData::Ticket(Box::new(t))),
            "customer" => decode(&self.data).map(|c| EventData::Customer(Box::new(c))),
            "article" => decode(&self.data).map(|a| EventData::Article(Box::new(a))),
            _ => Ok(EventData::Other(self.data.clone())),
        };
        read.unwrap_or_else(|error| EventData::Unreadable {
            raw: self.data.clone(),
            error,
        })
    }
}

/// Reads `data` as `T`, or says why not.
fn decode<T: serde::de::DeserializeOwned>(data: &Value) -> Result<T, String> {
    T::deserialize(data).map_err(|err| err.to_string())
}
