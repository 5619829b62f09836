//! `/tickets` and `/tickets/{id}`.

use serde_json::{Map, Value, json};

use super::{
    Ctx, check_enum, merge_metadata, opt_enum, opt_object, opt_string, opt_strings, page_reply,
};
use crate::clock::now_rfc3339;
use crate::ids::{parse_id, uuid_v4};
use crate::store::TicketRecord;
use crate::wire::{ApiFailure, Reply, success};

pub(crate) const STATUSES: &[&str] = &["new", "open", "pending", "resolved", "closed"];
pub(crate) const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];

/// The stored UUID of a ticket given in a path, if it exists.
pub(crate) fn find(ctx: &mut Ctx<'_>, id: &str) -> Result<String, ApiFailure> {
    let env = ctx.env;
    parse_id("tkt_", id)
        .filter(|uuid| ctx.state.data(env).tickets.contains_key(uuid))
        .ok_or_else(|| ApiFailure::not_found("Ticket"))
}

pub(crate) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("status", ctx.query("status"), STATUSES)?;
    check_enum("priority", ctx.query("priority"), PRIORITIES)?;
    let expand: Vec<String> = ctx
        .query("expand")
        .map(|e| e.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default();
    if let Some(bad) = expand
        .iter()
        .find(|e| e.as_str() != "customer" && !e.is_empty())
    {
        return Err(ApiFailure::invalid(
            "expand",
            format!("cannot expand {bad:?}: only customer"),
        ));
    }
    let status = ctx.query("status").map(str::to_owned);
    let priority = ctx.query("priority").map(str::to_owned);
    let customer = ctx.query("customerId").map(str::to_owned);
    let assignee = ctx.query("assignedTo").map(str::to_owned);
    let search = ctx.query("search").map(str::to_lowercase);

    let env = ctx.env;
    let mut matching: Vec<&TicketRecord> = ctx
        .state
        .data(env)
        .tickets
        .values()
        .filter(|t| status.as_ref().is_none_or(|s| &t.status == s))
        .filter(|t| priority.as_ref().is_none_or(|p| &t.priority == p))
        .filter(|t| {
            customer
                .as_ref()
                .is_none_or(|c| t.customer_id.as_ref() == Some(c))
        })
        .filter(|t| {
            assignee
                .as_ref()
                .is_none_or(|a| t.assigned_to.as_ref() == Some(a))
        })
        .filter(|t| {
            search.as_ref().is_none_or(|q| {
                t.title.to_lowercase().contains(q)
                    || t.customer_name
                        .as_ref()
                        .is_some_and(|n| n.to_lowercase().contains(q))
            })
        })
        .collect();
    matching.sort_by_key(|t| std::cmp::Reverse(t.seq));
    let with_customer = expand.iter().any(|e| e == "customer");
    let items: Vec<Value> = matching
        .into_iter()
        .map(|t| {
            let mut value = t.to_json();
            if with_customer {
                let summary = (t.customer_id.is_some() || t.customer_name.is_some())
                    .then(|| json!({"id": t.customer_id, "name": t.customer_name, "email": null}));
                if let Some(object) = value.as_object_mut() {
                    object.insert("customer".into(), summary.unwrap_or(Value::Null));
                }
            }
            value
        })
        .collect();
    page_reply(ctx, items)
}

pub(crate) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let title = match body.get("title") {
        None | Some(Value::Null) => return Err(ApiFailure::missing("title")),
        Some(Value::String(t)) if t.trim().is_empty() => return Err(ApiFailure::missing("title")),
        Some(Value::String(t)) => t.clone(),
        Some(_) => return Err(ApiFailure::invalid("title", "title must be a string")),
    };
    let status = opt_enum(&body, "status", STATUSES)?.unwrap_or_else(|| "new".into());
    let priority = opt_enum(&body, "priority", PRIORITIES)?.unwrap_or_else(|| "normal".into());
    let now = now_rfc3339();
    let env = ctx.env;
    let seq = ctx.state.data(env).next_seq();
    let ticket = TicketRecord {
        uuid: uuid_v4(),
        seq,
        title,
        status,
        priority,
        customer_id: opt_string(&body, "customerId")?,
        customer_name: opt_string(&body, "customerName")?,
        assigned_to: opt_string(&body, "assignedTo")?,
        tags: opt_strings(&body, "tags")?.unwrap_or_default(),
        notes: opt_string(&body, "notes")?,
        metadata: opt_object(&body, "metadata")?.unwrap_or_default(),
        first_response_at: None,
        created_at: now.clone(),
        updated_at: now,
        closed_at: None,
        resolved_at: None,
        messages: Vec::new(),
    };
    let team = ctx.team_id();
    ctx.state.events.publish(
        "ticket.created",
        &team,
        json!({"ticket": ticket.to_event_json()}),
    );
    let reply = success(201, ticket.to_json());
    ctx.state
        .data(env)
        .tickets
        .insert(ticket.uuid.clone(), ticket);
    Ok(reply)
}

pub(crate) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let env = ctx.env;
    let ticket = &ctx.state.data(env).tickets[&uuid];
    Ok(success(200, ticket.to_json_with_messages()))
}

pub(crate) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let body = ctx.json_object()?;
    // Validate everything before changing anything: a 400 leaves the ticket as it was.
    let title = opt_string(&body, "title")?;
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(ApiFailure::invalid("title", "title must not be empty"));
    }
    let status = opt_enum(&body, "status", STATUSES)?;
    let priority = opt_enum(&body, "priority", PRIORITIES)?;
    let assigned = body
        .contains_key("assignedTo")
        .then(|| opt_string(&body, "assignedTo"))
        .transpose()?;
    let tags = opt_strings(&body, "tags")?;
    let notes = opt_string(&body, "notes")?;
    let customer_id = opt_string(&body, "customerId")?;
    let customer_name = opt_string(&body, "customerName")?;
    let metadata = opt_object(&body, "metadata")?;

    let env = ctx.env;
    let team = ctx.team_id();
    let ticket = ctx
        .state
        .data(env)
        .tickets
        .get_mut(&uuid)
        .ok_or_else(|| ApiFailure::not_found("Ticket"))?;
    let mut changes = Map::new();
    let mut change = |field: &str, from: Value, to: Value| {
        if from != to {
            changes.insert(field.to_owned(), json!({"from": from, "to": to}));
        }
    };
    let now = now_rfc3339();
    if let Some(title) = title {
        change("title", ticket.title.clone().into(), title.clone().into());
        ticket.title = title;
    }
    if let Some(status) = status {
        change(
            "status",
            ticket.status.clone().into(),
            status.clone().into(),
        );
        if status == "resolved" {
            ticket.resolved_at = Some(now.clone());
        }
        if status == "resolved" || status == "closed" {
            ticket.closed_at = Some(now.clone());
        }
        ticket.status = status;
    }
    if let Some(priority) = priority {
        change(
            "priority",
            ticket.priority.clone().into(),
            priority.clone().into(),
        );
        ticket.priority = priority;
    }
    if let Some(assigned) = assigned {
        change("assigned_to", json!(ticket.assigned_to), json!(assigned));
        ticket.assigned_to = assigned;
    }
    if let Some(tags) = tags {
        change("tags", json!(ticket.tags), json!(tags));
        ticket.tags = tags;
    }
    if let Some(notes) = notes {
        change("notes", json!(ticket.notes), json!(notes));
        ticket.notes = Some(notes);
    }
    if let Some(customer_id) = customer_id {
        ticket.customer_id = Some(customer_id);
    }
    if let Some(customer_name) = customer_name {
        ticket.customer_name = Some(customer_name);
    }
    if let Some(patch) = metadata {
        merge_metadata(&mut ticket.metadata, patch);
    }
    ticket.updated_at = now;
    let snapshot = ticket.to_event_json();
    let reply = success(200, ticket.to_json());
    let closed = changes
        .get("status")
        .and_then(|c| c["to"].as_str())
        .is_some_and(|s| s == "resolved" || s == "closed");
    let assigned_now = changes
        .get("assigned_to")
        .is_some_and(|c| !c["to"].is_null());
    let events = &mut ctx.state.events;
    events.publish(
        "ticket.updated",
        &team,
        json!({"ticket": snapshot, "changes": changes}),
    );
    if assigned_now {
        events.publish("ticket.assigned", &team, json!({"ticket": snapshot}));
    }
    if closed {
        events.publish("ticket.closed", &team, json!({"ticket": snapshot}));
    }
    Ok(reply)
}

pub(crate) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let env = ctx.env;
    let team = ctx.team_id();
    if let Some(ticket) = ctx.state.data(env).tickets.remove(&uuid) {
        ctx.state.events.publish(
            "ticket.deleted",
            &team,
            json!({"ticket": ticket.to_event_json()}),
        );
    }
    Ok(success(200, json!({"deleted": true, "id": id})))
}
