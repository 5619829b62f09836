//! `/webhooks`, `/webhooks/{id}` and `/webhooks/trigger-test`. The signing secret is made on
//! create and shown in that response only; `POST /webhooks/{id}/test` delivers at once, so its
//! answer is made by the handler (see `crate::delivery`).

use serde_json::{Map, Value, json};

use super::Ctx;
use super::doc_crud::{bool_query, find, insert, load, matching, patch, remove};
use super::fields::{opt_bool, opt_string, opt_strings, required_string};
use super::listen::type_matches;
use super::paging::page_reply;
use crate::delivery::{Target, TestDelivery};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::model::ids::{alphanumeric, api_key};
use crate::store::documents::{Doc, Kind};

const KIND: Kind = Kind::Webhooks;

/// Whether a webhook subscribed to `event_type` (exact names, `resource.*` or `*`).
pub(crate) fn subscribed(doc: &Doc, event_type: &str) -> bool {
    doc.object
        .get("events")
        .and_then(Value::as_array)
        .is_some_and(|patterns| {
            patterns
                .iter()
                .filter_map(Value::as_str)
                .any(|p| type_matches(p, event_type))
        })
}

/// `http://` or `https://` with a host. cStar demands HTTPS; the emulator also takes plain
/// HTTP so that a test can receive on loopback.
fn check_url(url: &str) -> Result<(), ApiFailure> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(ApiFailure::invalid("url", "url must be an http(s) URL")),
    }
}

fn check_events(events: &[String]) -> Result<(), ApiFailure> {
    if events.is_empty() {
        return Err(ApiFailure::invalid(
            "events",
            "events must name at least one event type",
        ));
    }
    match events
        .iter()
        .find(|e| e.trim().is_empty() || e.contains(char::is_whitespace))
    {
        Some(bad) => Err(ApiFailure::invalid(
            "events",
            format!("{bad:?} is not an event type or pattern"),
        )),
        None => Ok(()),
    }
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let active = bool_query(ctx, "active")?;
    let found = matching(ctx, KIND, |d| {
        active.is_none_or(|a| d.flag("isActive") == a)
    });
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply(ctx, items)
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let url = required_string(&body, "url")?;
    check_url(&url)?;
    let events = opt_strings(&body, "events")?.ok_or_else(|| ApiFailure::missing("events"))?;
    check_events(&events)?;
    let name = opt_string(&body, "name")?.unwrap_or_else(|| url.clone());
    let is_active = opt_bool(&body, "isActive")?.unwrap_or(true);
    let mut fields = Map::new();
    fields.insert("name".into(), name.into());
    fields.insert("url".into(), url.into());
    fields.insert("events".into(), events.into());
    fields.insert("isActive".into(), is_active.into());
    let secret = api_key("whsec_");
    let mut object = insert(ctx, KIND, fields, Some(secret.clone()));
    // The only response that carries the secret. The JS SDK calls it `signingSecret`; the API
    // reference's object calls it `secret`, which is what the emulator sends (see the README).
    object.insert("secret".into(), secret.into());
    Ok(success(201, Value::Object(object)))
}

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let object = load(ctx, KIND, id)?.object.clone();
    Ok(success(200, Value::Object(object)))
}

pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    find(ctx, KIND, id)?;
    let body = ctx.json_object()?;
    let mut changes = Map::new();
    if body.contains_key("name") {
        changes.insert("name".into(), required_string(&body, "name")?.into());
    }
    if body.contains_key("url") {
        let url = required_string(&body, "url")?;
        check_url(&url)?;
        changes.insert("url".into(), url.into());
    }
    if body.contains_key("events") {
        let events = opt_strings(&body, "events")?.unwrap_or_default();
        check_events(&events)?;
        changes.insert("events".into(), events.into());
    }
    if body.contains_key("isActive") {
        let active = opt_bool(&body, "isActive")?
            .ok_or_else(|| ApiFailure::invalid("isActive", "isActive cannot be null"))?;
        changes.insert("isActive".into(), active.into());
    }
    let object = patch(ctx, KIND, id, changes)?;
    Ok(success(200, Value::Object(object)))
}

pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    remove(ctx, KIND, id).map(|(_, reply)| reply)
}

/// The `event` of a test body: required, and a concrete type (no wildcard).
pub(crate) fn test_event_type(body: &Map<String, Value>) -> Result<String, ApiFailure> {
    let event = required_string(body, "event")?;
    if event.contains('*') || !event.contains('.') || event.contains(char::is_whitespace) {
        return Err(ApiFailure::invalid(
            "event",
            format!("{event:?} is not an event type such as ticket.created"),
        ));
    }
    Ok(event)
}

/// The `data` of a synthetic event: a stand-in object of the event's resource.
pub(crate) fn sample_data(event_type: &str) -> Value {
    let resource = event_type.split('.').next().unwrap_or("test");
    json!({ resource: {"id": format!("{resource}_test"), "object": resource, "test": true} })
}

/// Publishes one synthetic event: every active, subscribed webhook gets it (through the
/// delivery worker), as does every realtime stream.
pub(super) fn trigger_test(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let event_type = test_event_type(&body)?;
    let delivered_to = matching(ctx, KIND, |d| {
        d.flag("isActive") && subscribed(d, &event_type)
    })
    .len();
    let team = ctx.team_id();
    let event = ctx
        .state
        .events
        .publish(&event_type, &team, sample_data(&event_type));
    Ok(success(
        200,
        json!({"event": event_type, "eventId": event["id"], "deliveredTo": delivered_to}),
    ))
}

/// Checks the webhook and the event type, then leaves the delivery to the handler: the answer
/// is the delivery's result, which takes a network round trip the state lock must not wait on.
pub(super) fn test(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let doc = load(ctx, KIND, id)?.clone();
    let event_type = test_event_type(&ctx.json_object()?)?;
    let secret = doc.secret.clone().ok_or_else(|| {
        ApiFailure::new(500, "api_error", "internal_error", "Webhook has no secret")
    })?;
    let team = ctx.team_id();
    let event = json!({
        "id": format!("evt_test_{}", alphanumeric(16)),
        "type": event_type,
        "created_at": now_rfc3339(),
        "team_id": team,
        "data": sample_data(&event_type),
    });
    ctx.deferred = Some(TestDelivery {
        target: Target {
            webhook_id: doc.str("id").to_owned(),
            url: doc.str("url").to_owned(),
            secret,
        },
        event,
    });
    Ok(success(202, Value::Null))
}
