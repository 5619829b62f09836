//! `GET /audit-log`: one immutable entry per mutation, read from the event log (so the last
//! 1000), newest first. The actor of an API-key request is the key, shown by its kind only.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::Ctx;
use super::paging::page_reply;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;

/// Who the entries name as the actor: API requests act as the team's API key.
const ACTOR_ID: &str = "api_key";
const ACTOR_NAME: &str = "API key";

/// The entry for one event: `aud_` + the event id's unique part.
fn entry(event: &Value) -> Value {
    let event_type = event["type"].as_str().unwrap_or_default();
    let resource = event_type.split('.').next().unwrap_or_default();
    let event_id = event["id"].as_str().unwrap_or_default();
    json!({
        "id": format!("aud_{}", event_id.trim_start_matches("evt_")),
        "object": "audit_log_entry",
        "action": event_type,
        "resourceType": resource,
        "resourceId": event["data"][resource]["id"],
        "actorId": ACTOR_ID,
        "actorName": ACTOR_NAME,
        "details": {"eventId": event_id},
        "createdAt": event["created_at"],
    })
}

fn date(ctx: &Ctx<'_>, name: &str) -> Result<Option<Timestamp>, ApiFailure> {
    ctx.query(name)
        .map(|raw| {
            raw.parse::<Timestamp>()
                .or_else(|_| format!("{raw}T00:00:00Z").parse::<Timestamp>())
                .map_err(|_| {
                    ApiFailure::invalid(name, format!("{name} must be an ISO 8601 date or time"))
                })
        })
        .transpose()
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let start = date(ctx, "startDate")?;
    let end = date(ctx, "endDate")?;
    let action = ctx.query("action");
    let resource = ctx.query("resourceType");
    let actor = ctx.query("actorId");
    let mut items: Vec<Value> = ctx
        .state
        .events
        .all()
        .iter()
        .map(entry)
        .filter(|e| {
            let at = e["createdAt"]
                .as_str()
                .and_then(|t| t.parse::<Timestamp>().ok());
            action.is_none_or(|a| e["action"] == a)
                && resource.is_none_or(|r| e["resourceType"] == r)
                && actor.is_none_or(|a| a == ACTOR_ID)
                && start.is_none_or(|s| at.is_some_and(|t| t >= s))
                && end.is_none_or(|x| at.is_some_and(|t| t <= x))
        })
        .collect();
    items.reverse();
    page_reply(ctx, items)
}
