//! `/tickets/{id}/messages`.

use serde_json::{Value, json};

use super::tickets::find;
use super::{Ctx, opt_enum, opt_string};
use crate::clock::now_rfc3339;
use crate::ids::uuid_v4;
use crate::store::{MessageRecord, snake_case_keys};
use crate::wire::{ApiFailure, Reply, success};

const SENDERS: &[&str] = &["agent", "customer", "system"];

/// The whole thread, oldest first, without a pagination object (a documented list variant).
pub(crate) fn list(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let env = ctx.env;
    let ticket = &ctx.state.data(env).tickets[&uuid];
    let thread: Vec<Value> = ticket.messages.iter().map(|m| m.to_json(ticket)).collect();
    Ok(success(200, Value::Array(thread)))
}

pub(crate) fn create(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let uuid = find(ctx, id)?;
    let body = ctx.json_object()?;
    let content = match body.get("content") {
        None | Some(Value::Null) => return Err(ApiFailure::missing("content")),
        Some(Value::String(c)) if c.trim().is_empty() => {
            return Err(ApiFailure::missing("content"));
        }
        Some(Value::String(c)) => c.clone(),
        Some(_) => return Err(ApiFailure::invalid("content", "content must be a string")),
    };
    let sender = opt_enum(&body, "sender", SENDERS)?.unwrap_or_else(|| "agent".into());
    let sender_name = opt_string(&body, "senderName")?;
    let is_internal = match body.get("isInternal") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiFailure::invalid(
                "isInternal",
                "isInternal must be a boolean",
            ));
        }
    };

    let env = ctx.env;
    let team = ctx.team_id();
    let now = now_rfc3339();
    let ticket = ctx
        .state
        .data(env)
        .tickets
        .get_mut(&uuid)
        .ok_or_else(|| ApiFailure::not_found("Ticket"))?;
    let default_name = match sender.as_str() {
        "customer" => ticket
            .customer_name
            .clone()
            .unwrap_or_else(|| "Customer".into()),
        "system" => "System".into(),
        _ => "Agent".into(),
    };
    let message = MessageRecord {
        uuid: uuid_v4(),
        content,
        sender,
        sender_name: sender_name.unwrap_or(default_name),
        is_internal,
        created_at: now.clone(),
    };
    if message.sender == "agent" && ticket.first_response_at.is_none() {
        ticket.first_response_at = Some(now.clone());
    }
    ticket.updated_at = now;
    ticket.messages.push(message.clone());
    let reply = success(201, message.to_json(ticket));
    let data = json!({
        "ticket": ticket.to_event_json(),
        "message": snake_case_keys(&message.to_json(ticket)),
    });
    ctx.state
        .events
        .publish("ticket.message_added", &team, data);
    Ok(reply)
}
