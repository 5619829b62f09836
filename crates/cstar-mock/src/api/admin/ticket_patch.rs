//! The body of `PATCH /tickets/{id}`: read and checked whole, then applied, reporting what
//! changed for `ticket.updated`.

use serde_json::{Map, Value, json};

use super::fields::{check_enum, merge_metadata, patch_nullable_string, patch_value};
use super::tickets::{PRIORITIES, STATUSES};
use crate::http::error::ApiFailure;
use crate::store::records::TicketRecord;

/// A checked partial update: `None` leaves a field alone.
#[derive(Debug, Default)]
pub(crate) struct TicketPatch {
    title: Option<String>,
    status: Option<String>,
    priority: Option<String>,
    assigned_to: Option<Option<String>>,
    tags: Option<Vec<String>>,
    notes: Option<Option<String>>,
    customer_id: Option<Option<String>>,
    customer_name: Option<Option<String>>,
    metadata: Option<Map<String, Value>>,
}

fn string_of(field: &str, value: Option<&Value>) -> Result<Option<String>, ApiFailure> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a string"),
        )),
    }
}

impl TicketPatch {
    pub(crate) fn read(body: &Map<String, Value>) -> Result<Self, ApiFailure> {
        let title = string_of("title", patch_value(body, "title")?)?;
        if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(ApiFailure::invalid("title", "title must not be blank"));
        }
        let status = string_of("status", patch_value(body, "status")?)?;
        check_enum("status", status.as_deref(), STATUSES)?;
        let priority = string_of("priority", patch_value(body, "priority")?)?;
        check_enum("priority", priority.as_deref(), PRIORITIES)?;
        let tags = match patch_value(body, "tags")? {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        ApiFailure::invalid("tags", "tags must be an array of strings")
                    })?,
            ),
            Some(_) => {
                return Err(ApiFailure::invalid(
                    "tags",
                    "tags must be an array of strings",
                ));
            }
        };
        let metadata = match patch_value(body, "metadata")? {
            None => None,
            Some(Value::Object(object)) => Some(object.clone()),
            Some(_) => {
                return Err(ApiFailure::invalid(
                    "metadata",
                    "metadata must be an object",
                ));
            }
        };
        Ok(Self {
            title,
            status,
            priority,
            assigned_to: patch_nullable_string(body, "assignedTo")?,
            tags,
            notes: patch_nullable_string(body, "notes")?,
            customer_id: patch_nullable_string(body, "customerId")?,
            customer_name: patch_nullable_string(body, "customerName")?,
            metadata,
        })
    }

    /// Applies the patch at `now`; returns `{field: {from, to}}` (snake_case names, as in
    /// events) for the fields whose value changed.
    pub(crate) fn apply(self, ticket: &mut TicketRecord, now: &str) -> Map<String, Value> {
        let mut changes = Map::new();
        let mut note = |field: &str, from: Value, to: Value| {
            if from != to {
                changes.insert(field.to_owned(), json!({"from": from, "to": to}));
            }
        };
        if let Some(title) = self.title {
            note("title", json!(ticket.title), json!(title));
            ticket.title = title;
        }
        if let Some(status) = self.status {
            note("status", json!(ticket.status), json!(status));
            ticket.set_status(status, now);
        }
        if let Some(priority) = self.priority {
            note("priority", json!(ticket.priority), json!(priority));
            ticket.priority = priority;
        }
        if let Some(assigned_to) = self.assigned_to {
            note("assigned_to", json!(ticket.assigned_to), json!(assigned_to));
            ticket.assigned_to = assigned_to;
        }
        if let Some(tags) = self.tags {
            note("tags", json!(ticket.tags), json!(tags));
            ticket.tags = tags;
        }
        if let Some(notes) = self.notes {
            note("notes", json!(ticket.notes), json!(notes));
            ticket.notes = notes;
        }
        if let Some(customer_id) = self.customer_id {
            note("customer_id", json!(ticket.customer_id), json!(customer_id));
            ticket.customer_id = customer_id;
        }
        if let Some(customer_name) = self.customer_name {
            note(
                "customer_name",
                json!(ticket.customer_name),
                json!(customer_name),
            );
            ticket.customer_name = customer_name;
        }
        if let Some(patch) = self.metadata {
            let before = ticket.metadata.clone();
            merge_metadata(&mut ticket.metadata, patch);
            note(
                "metadata",
                Value::Object(before),
                Value::Object(ticket.metadata.clone()),
            );
        }
        ticket.updated_at = now.to_owned();
        changes
    }
}
