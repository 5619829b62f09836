//! What the ticket calls take: list filters, the create body, the update patch.

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::{Priority, Sender, TicketStatus};
use crate::collection::paging_params;
use crate::ids::{CustomerId, MemberId};

cstar_core::open_enum! {
    /// What a ticket list can inline.
    pub enum TicketExpand {
        /// The customer summary of each row.
        Customer => "customer",
    }
}

/// Filters and paging for `tickets().list` and `list_all`.
///
/// ```
/// use cstar_admin::{ListTickets, Priority, TicketExpand, TicketStatus};
///
/// let params = ListTickets::new()
///     .status(TicketStatus::Open)
///     .priority(Priority::Urgent)
///     .expand(TicketExpand::Customer)
///     .page_size(50);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListTickets {
    /// Only tickets with this status.
    pub status: Option<TicketStatus>,
    /// Only tickets with this priority.
    pub priority: Option<Priority>,
    /// Only this customer's tickets (the API documents the customer's UUID here).
    pub customer_id: Option<CustomerId>,
    /// Only tickets assigned to this agent.
    pub assigned_to: Option<MemberId>,
    /// Text to find in the title or customer name.
    pub search: Option<String>,
    /// What to inline in each row.
    pub expand: Vec<TicketExpand>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListTickets {
    /// No filters: the first page of all tickets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only tickets with this status.
    pub fn status(mut self, status: TicketStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only tickets with this priority.
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Only this customer's tickets.
    pub fn customer_id(mut self, id: impl Into<CustomerId>) -> Self {
        self.customer_id = Some(id.into());
        self
    }

    /// Only tickets assigned to this agent.
    pub fn assigned_to(mut self, id: impl Into<MemberId>) -> Self {
        self.assigned_to = Some(id.into());
        self
    }

    /// Text to find in the title or customer name.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Inline this in each row.
    pub fn expand(mut self, what: TicketExpand) -> Self {
        self.expand.push(what);
        self
    }
}

paging_params!(ListTickets);

/// The body of `tickets().create`.
///
/// ```
/// use cstar_admin::{CreateTicket, Priority};
///
/// let params = CreateTicket::new("Can't log in")
///     .priority(Priority::High)
///     .customer_name("Ada Lovelace")
///     .tag("login")
///     .metadata("plan", "pro");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateTicket {
    /// The subject line (required).
    pub title: String,
    /// Default `normal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Default `new`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    /// The customer it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// A display name, when there is no customer id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// The agent to assign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<MemberId>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Internal notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Free-form data of your own.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

impl CreateTicket {
    /// A ticket with this title and nothing else set.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            priority: None,
            status: None,
            customer_id: None,
            customer_name: None,
            assigned_to: None,
            tags: Vec::new(),
            notes: None,
            metadata: Map::new(),
        }
    }

    /// Sets the priority.
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Sets the initial status.
    pub fn status(mut self, status: TicketStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Links the ticket to a customer.
    pub fn customer_id(mut self, id: impl Into<CustomerId>) -> Self {
        self.customer_id = Some(id.into());
        self
    }

    /// Names the customer when there is no customer id.
    pub fn customer_name(mut self, name: impl Into<String>) -> Self {
        self.customer_name = Some(name.into());
        self
    }

    /// Assigns an agent.
    pub fn assigned_to(mut self, id: impl Into<MemberId>) -> Self {
        self.assigned_to = Some(id.into());
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// Sets the whole tag list.
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Sets internal notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }

    /// Sets one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }
}

/// The patch of `tickets().update`: only what is set is sent.
///
/// ```
/// use cstar_admin::{TicketStatus, UpdateTicket};
///
/// let patch = UpdateTicket::patch()
///     .status(TicketStatus::Resolved)
///     .unassign()
///     .remove_metadata("escalation");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateTicket {
    /// A new subject line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A new status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    /// A new priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// `Some(Some(id))` assigns, `Some(None)` unassigns (sends `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<Option<MemberId>>,
    /// Replaces the whole tag set: the ticket's tags become exactly this list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New internal notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// A new customer link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// A new customer display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// Merged into the metadata; a key set to `null` is removed.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

impl UpdateTicket {
    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Changes the subject line.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Changes the status.
    pub fn status(mut self, status: TicketStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Changes the priority.
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Assigns an agent.
    pub fn assigned_to(mut self, id: impl Into<MemberId>) -> Self {
        self.assigned_to = Some(Some(id.into()));
        self
    }

    /// Removes the assignment.
    pub fn unassign(mut self) -> Self {
        self.assigned_to = Some(None);
        self
    }

    /// Sets the whole tag list this patch sends (the ticket's tags become exactly these).
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Adds one tag to the list this patch sends, as [`CreateTicket::tag`] does. The API
    /// replaces a ticket's tags with the list it is sent, so to keep the ticket's current tags,
    /// start from them:
    ///
    /// ```
    /// # use cstar_admin::UpdateTicket;
    /// # let current = vec!["billing".to_owned()];
    /// let patch = UpdateTicket::patch().tags(current).tag("vip");
    /// assert_eq!(patch.tags, Some(vec!["billing".to_owned(), "vip".to_owned()]));
    /// ```
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.get_or_insert_with(Vec::new).push(tag.into());
        self
    }

    /// Changes the internal notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }

    /// Links another customer.
    pub fn customer_id(mut self, id: impl Into<CustomerId>) -> Self {
        self.customer_id = Some(id.into());
        self
    }

    /// Changes the customer display name.
    pub fn customer_name(mut self, name: impl Into<String>) -> Self {
        self.customer_name = Some(name.into());
        self
    }

    /// Sets one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Removes one metadata entry.
    pub fn remove_metadata(mut self, key: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), Value::Null);
        self
    }
}

/// The body of `tickets().messages(id).create`.
///
/// ```
/// use cstar_admin::{CreateMessage, Sender};
///
/// let reply = CreateMessage::new("We're on it!").sender(Sender::Agent);
/// let note = CreateMessage::new("Customer is on the legacy plan").internal();
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateMessage {
    /// The text (required).
    pub content: String,
    /// Who writes it; the server's default is `agent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<Sender>,
    /// The author's display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// An internal note, hidden from the customer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_internal: bool,
}

impl CreateMessage {
    /// A message with this text.
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            sender: None,
            sender_name: None,
            is_internal: false,
        }
    }

    /// Who writes it.
    pub fn sender(mut self, sender: Sender) -> Self {
        self.sender = Some(sender);
        self
    }

    /// The author's display name.
    pub fn sender_name(mut self, name: impl Into<String>) -> Self {
        self.sender_name = Some(name.into());
        self
    }

    /// Makes it an internal note.
    pub fn internal(mut self) -> Self {
        self.is_internal = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_sends_only_what_is_set_and_null_for_removals() {
        let patch = UpdateTicket::patch()
            .status(TicketStatus::Closed)
            .unassign()
            .remove_metadata("k");
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            serde_json::json!({"status": "closed", "assignedTo": null, "metadata": {"k": null}})
        );
        assert_eq!(
            serde_json::to_value(UpdateTicket::patch()).unwrap(),
            serde_json::json!({})
        );
    }

    #[test]
    fn create_omits_unset_fields() {
        assert_eq!(
            serde_json::to_value(CreateTicket::new("t").tag("x")).unwrap(),
            serde_json::json!({"title": "t", "tags": ["x"]})
        );
    }
}
