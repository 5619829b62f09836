//! `/tickets/{id}/messages`.

use serde_json::{Value, json};

use super::Ctx;
use super::fields::{opt_bool, opt_enum, opt_string, required_string};
use super::tickets::load;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::model::ids::uuid_v4;
use crate::store::records::{MessageRecord, snake_case_keys};

const SENDERS: &[&str] = &["agent", "customer", "system"];

/// The whole thread, oldest first, without a pagination object (a documented list variant the
/// SDK must read).
pub(super) fn list(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let ticket = load(ctx, id)?;
    let thread: Vec<Value> = ticket.messages.iter().map(|m| m.to_json(ticket)).collect();
    Ok(success(200, Value::Array(thread)))
}

pub(super) fn create(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    load(ctx, id)?;
    let body = ctx.json_object()?;
    let content = required_string(&body, "content")?;
    let sender = opt_enum(&body, "sender", SENDERS)?.unwrap_or_else(|| "agent".into());
    let sender_name = opt_string(&body, "senderName")?;
    let is_internal = opt_bool(&body, "isInternal")?.unwrap_or(false);

    let team = ctx.team_id();
    let now = now_rfc3339();
    let ticket = load(ctx, id)?;
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
        sender_name: sender_name.unwrap_or(default_name),
        sender,
        is_internal,
        created_at: now.clone(),
    };
    // An internal note is not a response the customer saw.
    if message.sender == "agent" && !message.is_internal && ticket.first_response_at.is_none() {
        ticket.first_response_at = Some(now.clone());
    }
    ticket.updated_at = now;
    ticket.messages.push(message.clone());
    let message_json = message.to_json(ticket);
    let data = json!({
        "ticket": ticket.to_event_json(),
        "message": snake_case_keys(&message_json),
    });
    ctx.state
        .events
        .publish("ticket.message_added", &team, data);
    Ok(success(201, message_json))
}
