//! `/tickets` and `/tickets/{id}`.

use serde_json::{Value, json};

use super::Ctx;
use super::fields::{check_enum, opt_enum, opt_object, opt_string, opt_strings, required_string};
use super::paging::page_reply;
use super::ticket_patch::TicketPatch;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::model::ids::{parse_id, uuid_v4};
use crate::store::records::TicketRecord;

pub(crate) const STATUSES: &[&str] = &["new", "open", "pending", "resolved", "closed"];
pub(crate) const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];

/// The stored UUID of the ticket a path names (`tkt_` + hex, dashed UUID or bare hex).
pub(super) fn find(ctx: &mut Ctx<'_>, id: &str) -> Result<String, ApiFailure> {
    let env = ctx.caller.env;
    let uuid = parse_id("tkt_", id).ok_or_else(|| ApiFailure::not_found("Ticket"))?;
    if ctx.state.data(env).tickets.contains_key(&uuid) {
        return Ok(uuid);
    }
    if ctx.state.data(env.other()).tickets.contains_key(&uuid) {
        return Err(ApiFailure::not_found_elsewhere("Ticket", env));
    }
    Err(ApiFailure::not_found("Ticket"))
}

/// The ticket a path names, to read.
pub(super) fn load<'a>(ctx: &'a mut Ctx<'_>, id: &str) -> Result<&'a mut TicketRecord, ApiFailure> {
    let uuid = find(ctx, id)?;
    let env = ctx.caller.env;
    ctx.state
        .data(env)
        .tickets
        .get_mut(&uuid)
        .ok_or_else(|| ApiFailure::not_found("Ticket"))
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("status", ctx.query("status"), STATUSES)?;
    check_enum("priority", ctx.query("priority"), PRIORITIES)?;
    let expand: Vec<&str> = ctx
        .query("expand")
        .map(|e| {
            e.split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = expand.iter().find(|e| **e != "customer") {
        return Err(ApiFailure::invalid(
            "expand",
            format!("cannot expand {bad:?}: only customer can be expanded"),
        ));
    }
    let with_customer = !expand.is_empty();
    let status = ctx.query("status");
    let priority = ctx.query("priority");
    let customer = ctx.query("customerId");
    let assignee = ctx.query("assignedTo");
    let search = ctx.query("search").map(str::to_lowercase);
    let matches = |t: &TicketRecord| {
        status.is_none_or(|s| t.status == s)
            && priority.is_none_or(|p| t.priority == p)
            && customer.is_none_or(|c| t.customer_id.as_deref() == Some(c))
            && assignee.is_none_or(|a| t.assigned_to.as_deref() == Some(a))
            && search.as_ref().is_none_or(|q| {
                t.title.to_lowercase().contains(q)
                    || t.customer_name
                        .as_ref()
                        .is_some_and(|n| n.to_lowercase().contains(q))
            })
    };

    let env = ctx.caller.env;
    let data = ctx.state.data.get(&env);
    let mut matching: Vec<&TicketRecord> = data
        .map(|d| d.tickets.values().filter(|t| matches(t)).collect())
        .unwrap_or_default();
    // Newest first; the creation sequence breaks timestamp ties, so pages are stable.
    matching.sort_by_key(|t| std::cmp::Reverse(t.seq));
    let items: Vec<Value> = matching
        .into_iter()
        .map(|t| {
            let mut value = t.to_json();
            if let (true, Some(object)) = (with_customer, value.as_object_mut()) {
                let stored = t
                    .customer_id
                    .as_deref()
                    .and_then(|id| parse_id("cus_", id))
                    .and_then(|uuid| data?.customers.get(&uuid));
                let summary = match stored {
                    // A customer the emulator holds: its current name and email.
                    Some(c) => {
                        json!({"id": c.str("id"), "name": c.str("name"), "email": c.str("email")})
                    }
                    None => t.customer_summary(),
                };
                object.insert("customer".into(), summary);
            }
            value
        })
        .collect();
    page_reply(ctx, items)
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let title = required_string(&body, "title")?;
    let status = opt_enum(&body, "status", STATUSES)?.unwrap_or_else(|| "new".into());
    let priority = opt_enum(&body, "priority", PRIORITIES)?.unwrap_or_else(|| "normal".into());
    let now = now_rfc3339();
    let env = ctx.caller.env;
    let seq = ctx.state.data(env).next_seq();
    let mut ticket = TicketRecord {
        uuid: uuid_v4(),
        seq,
        title,
        status: String::new(),
        priority,
        customer_id: opt_string(&body, "customerId")?,
        customer_name: opt_string(&body, "customerName")?,
        assigned_to: opt_string(&body, "assignedTo")?,
        tags: opt_strings(&body, "tags")?.unwrap_or_default(),
        notes: opt_string(&body, "notes")?,
        metadata: opt_object(&body, "metadata")?.unwrap_or_default(),
        first_response_at: None,
        created_at: now.clone(),
        updated_at: now.clone(),
        closed_at: None,
        resolved_at: None,
        messages: Vec::new(),
    };
    ticket.set_status(status, &now);
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

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let ticket = load(ctx, id)?;
    Ok(success(200, ticket.to_json_with_messages()))
}

pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    find(ctx, id)?;
    let body = ctx.json_object()?;
    // Everything is validated before anything changes: a 400 leaves the ticket as it was.
    let patch = TicketPatch::read(&body)?;
    let team = ctx.team_id();
    let now = now_rfc3339();
    let ticket = load(ctx, id)?;
    let changes = patch.apply(ticket, &now);
    let snapshot = ticket.to_event_json();
    let reply = success(200, ticket.to_json());

    let became = |field: &str| changes.get(field).map(|c| &c["to"]);
    let assigned = became("assigned_to").is_some_and(|to| !to.is_null());
    let closed = became("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s == "resolved" || s == "closed");
    let events = &mut ctx.state.events;
    events.publish(
        "ticket.updated",
        &team,
        json!({"ticket": snapshot, "changes": changes}),
    );
    if assigned {
        events.publish("ticket.assigned", &team, json!({"ticket": snapshot}));
    }
    if closed {
        events.publish("ticket.closed", &team, json!({"ticket": snapshot}));
    }
    Ok(reply)
}

pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let env = ctx.caller.env;
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
