//! The records of one environment, and how they look on the wire (camelCase for REST,
//! snake_case inside events).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::model::ids::public_id;
use crate::store::documents::{DocTable, Kind};

/// A stored ticket.
#[derive(Debug, Clone)]
pub(crate) struct TicketRecord {
    pub(crate) uuid: String,
    /// Creation order, for stable newest-first lists.
    pub(crate) seq: u64,
    pub(crate) title: String,
    pub(crate) status: String,
    pub(crate) priority: String,
    pub(crate) customer_id: Option<String>,
    pub(crate) customer_name: Option<String>,
    pub(crate) assigned_to: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) notes: Option<String>,
    pub(crate) metadata: Map<String, Value>,
    pub(crate) first_response_at: Option<String>,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
    pub(crate) closed_at: Option<String>,
    pub(crate) resolved_at: Option<String>,
    pub(crate) messages: Vec<MessageRecord>,
}

/// A stored message.
#[derive(Debug, Clone)]
pub(crate) struct MessageRecord {
    pub(crate) uuid: String,
    pub(crate) content: String,
    pub(crate) sender: String,
    pub(crate) sender_name: String,
    pub(crate) is_internal: bool,
    pub(crate) created_at: String,
}

/// One environment's records.
#[derive(Debug, Default)]
pub(crate) struct DataSet {
    pub(crate) tickets: HashMap<String, TicketRecord>,
    pub(crate) customers: DocTable,
    pub(crate) articles: DocTable,
    pub(crate) categories: DocTable,
    pub(crate) webhooks: DocTable,
    pub(crate) members: DocTable,
    pub(crate) customer_groups: DocTable,
    pub(crate) custom_fields: DocTable,
    pub(crate) views: DocTable,
    pub(crate) sla_rules: DocTable,
    pub(crate) automations: DocTable,
    pub(crate) community_posts: DocTable,
    /// Tags created through `POST /tags` (tickets' own tags count too, see `api::admin::tags`).
    pub(crate) tags: std::collections::BTreeSet<String>,
    /// Library feedback per article UUID: (helpful, not helpful).
    pub(crate) article_feedback: HashMap<String, (u64, u64)>,
    /// Whether the team's members were created (on first use, see `api::admin::members`).
    pub(crate) members_seeded: bool,
    pub(crate) next_seq: u64,
}

impl DataSet {
    /// The table of a document-backed resource.
    pub(crate) fn table(&mut self, kind: Kind) -> &mut DocTable {
        match kind {
            Kind::Customers => &mut self.customers,
            Kind::Articles => &mut self.articles,
            Kind::Categories => &mut self.categories,
            Kind::Webhooks => &mut self.webhooks,
            Kind::Members => &mut self.members,
            Kind::CustomerGroups => &mut self.customer_groups,
            Kind::CustomFields => &mut self.custom_fields,
            Kind::Views => &mut self.views,
            Kind::SlaRules => &mut self.sla_rules,
            Kind::Automations => &mut self.automations,
            Kind::CommunityPosts => &mut self.community_posts,
        }
    }

    pub(crate) fn message_count(&self) -> usize {
        self.tickets.values().map(|t| t.messages.len()).sum()
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }
}

impl TicketRecord {
    pub(crate) fn public_id(&self) -> String {
        public_id("tkt_", &self.uuid)
    }

    /// Sets the status, stamping `resolvedAt` / `closedAt` when it becomes resolved or closed
    /// and clearing them when the ticket is reopened.
    pub(crate) fn set_status(&mut self, status: String, now: &str) {
        if status != self.status {
            match status.as_str() {
                "resolved" => {
                    self.resolved_at = Some(now.to_owned());
                    self.closed_at = Some(now.to_owned());
                }
                "closed" => self.closed_at = Some(now.to_owned()),
                _ => {
                    self.resolved_at = None;
                    self.closed_at = None;
                }
            }
        }
        self.status = status;
    }

    /// `{id, name, email}` for `expand=customer` when the customer is not one the emulator
    /// holds (`email` null), or null without a customer.
    pub(crate) fn customer_summary(&self) -> Value {
        if self.customer_id.is_none() && self.customer_name.is_none() {
            return Value::Null;
        }
        json!({"id": self.customer_id, "name": self.customer_name, "email": null})
    }

    /// The REST object.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.public_id(),
            "object": "ticket",
            "title": self.title,
            "status": self.status,
            "priority": self.priority,
            "customerId": self.customer_id,
            "customerName": self.customer_name,
            "assignedTo": self.assigned_to,
            "tags": self.tags,
            "notes": self.notes,
            "messageCount": self.messages.len(),
            "responseDeadline": null,
            "resolutionDeadline": null,
            "firstResponseAt": self.first_response_at,
            "responseTier": null,
            "resolutionTier": null,
            "slaPaused": false,
            "metadata": self.metadata,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "closedAt": self.closed_at,
            "resolvedAt": self.resolved_at,
        })
    }

    /// The REST object with its thread inlined, as `GET /tickets/{id}` returns it.
    pub(crate) fn to_json_with_messages(&self) -> Value {
        let mut value = self.to_json();
        if let Some(object) = value.as_object_mut() {
            let thread: Vec<Value> = self.messages.iter().map(|m| m.to_json(self)).collect();
            object.insert("messages".into(), Value::Array(thread));
        }
        value
    }

    /// The snake_case copy inside events.
    pub(crate) fn to_event_json(&self) -> Value {
        snake_case_keys(&self.to_json())
    }
}

impl MessageRecord {
    pub(crate) fn to_json(&self, ticket: &TicketRecord) -> Value {
        json!({
            "id": public_id("msg_", &self.uuid),
            "object": "message",
            "ticketId": ticket.public_id(),
            "content": self.content,
            "sender": self.sender,
            "senderName": self.sender_name,
            "isInternal": self.is_internal,
            "createdAt": self.created_at,
        })
    }
}

/// `camelCase` keys to `snake_case`, one level deep (event payloads copy the REST object).
pub(crate) fn snake_case_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, v)| (to_snake(key), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn to_snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
