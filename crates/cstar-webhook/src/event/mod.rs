//! The event envelope `{id, type, created_at, team_id, data}` and its typed view.

mod data;
mod types;

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
/// [`Event::typed`] gives the typed view of the ticket, customer and article events.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// `evt_...`: deliveries of one event share it, so dedupe on it.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When it happened (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// The team's id.
    #[serde(default)]
    pub team_id: Option<String>,
    /// The payload, as sent.
    #[serde(default)]
    pub data: Value,
}

/// The typed view of an event's `data`.
#[derive(Clone, Debug, PartialEq)]
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
}

impl Event {
    /// The typed payload: match on it after matching on [`Event::event_type`].
    ///
    /// ```
    /// use cstar_webhook::{Event, EventData, EventType};
    ///
    /// let event: Event = serde_json::from_str(r#"{"id":"evt_1","type":"ticket.updated",
    ///     "data":{"ticket":{"id":"tkt_1","status":"closed"},
    ///             "changes":{"status":{"from":"open","to":"closed"}}}}"#)?;
    /// if let (EventType::TicketUpdated, EventData::Ticket(t)) = (&event.event_type, event.typed()?) {
    ///     assert_eq!(t.changes["status"].to, "closed");
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When a ticket, customer or article event's `data` lacks its object or that object's `id`.
    pub fn typed(&self) -> Result<EventData, serde_json::Error> {
        let resource = self.event_type.resource();
        Ok(match resource {
            "ticket" => EventData::Ticket(Box::new(TicketEvent::deserialize(&self.data)?)),
            "customer" => EventData::Customer(Box::new(CustomerEvent::deserialize(&self.data)?)),
            "article" => EventData::Article(Box::new(ArticleEvent::deserialize(&self.data)?)),
            _ => EventData::Other(self.data.clone()),
        })
    }
}
