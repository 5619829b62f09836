//! `/customers` and `/customers/{id}`: email unique per team (409), `ticketCount` counted from
//! the tickets that name the customer, metadata keys set to null removed on update.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{contains_folded, find, insert, load, matching, patch, publish, remove};
use super::fields::{
    check_enum, merge_metadata, opt_enum, opt_object, opt_string, opt_strings,
    patch_nullable_string, required_string,
};
use super::paging::page_reply;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::ids::parse_id;
use crate::store::documents::{Doc, Kind};

const KIND: Kind = Kind::Customers;
pub(crate) const STATUSES: &[&str] = &["active", "inactive"];
/// Both documented value sets (see the crate README).
pub(crate) const SENTIMENTS: &[&str] = &[
    "positive",
    "neutral",
    "negative",
    "happy",
    "frustrated",
    "angry",
];

/// The REST object with `ticketCount` filled in.
fn shown(ctx: &mut Ctx<'_>, mut object: Map<String, Value>) -> Value {
    let uuid = object
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| parse_id("cus_", id));
    let env = ctx.caller.env;
    let count = ctx
        .state
        .data(env)
        .tickets
        .values()
        .filter(|t| {
            t.customer_id.as_deref().and_then(|c| parse_id("cus_", c)) == uuid && uuid.is_some()
        })
        .count();
    object.insert("ticketCount".into(), count.into());
    Value::Object(object)
}

fn email_taken(ctx: &mut Ctx<'_>, email: &str, except: Option<&str>) -> bool {
    let email = email.to_lowercase();
    !matching(ctx, KIND, |d: &Doc| {
        d.str("email").to_lowercase() == email && Some(d.str("id")) != except
    })
    .is_empty()
}

fn conflict(email: &str) -> ApiFailure {
    ApiFailure::new(
        409,
        "invalid_request_error",
        "resource_already_exists",
        format!("A customer with email {email} already exists"),
    )
    .param("email")
}

fn check_email(email: &str) -> Result<(), ApiFailure> {
    let ok = email
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && !host.is_empty());
    if ok {
        Ok(())
    } else {
        Err(ApiFailure::invalid(
            "email",
            "email must be an email address",
        ))
    }
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("status", ctx.query("status"), STATUSES)?;
    check_enum("sentiment", ctx.query("sentiment"), SENTIMENTS)?;
    let status = ctx.query("status").map(str::to_owned);
    let sentiment = ctx.query("sentiment").map(str::to_owned);
    let tag = ctx.query("tag").map(str::to_owned);
    let search = ctx.query("search").map(str::to_lowercase);
    let found = matching(ctx, KIND, |d| {
        status.as_deref().is_none_or(|s| d.str("status") == s)
            && sentiment.as_deref().is_none_or(|s| d.str("sentiment") == s)
            && tag.as_deref().is_none_or(|t| d.has_tag("tags", t))
            && search.as_deref().is_none_or(|q| {
                contains_folded(d.str("name"), q) || contains_folded(d.str("email"), q)
            })
    });
    let items = found.into_iter().map(|d| shown(ctx, d.object)).collect();
    page_reply(ctx, items)
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let name = required_string(&body, "name")?;
    let email = required_string(&body, "email")?;
    check_email(&email)?;
    let status = opt_enum(&body, "status", STATUSES)?.unwrap_or_else(|| "active".into());
    let sentiment = opt_enum(&body, "sentiment", SENTIMENTS)?;
    let tags = opt_strings(&body, "tags")?.unwrap_or_default();
    let notes = opt_string(&body, "notes")?;
    let custom_fields = opt_object(&body, "customFields")?.unwrap_or_default();
    let mut metadata = Map::new();
    merge_metadata(
        &mut metadata,
        opt_object(&body, "metadata")?.unwrap_or_default(),
    );
    if email_taken(ctx, &email, None) {
        return Err(conflict(&email));
    }
    let mut fields = Map::new();
    fields.insert("name".into(), name.into());
    fields.insert("email".into(), email.into());
    fields.insert("status".into(), status.into());
    fields.insert("sentiment".into(), sentiment.into());
    fields.insert("tags".into(), tags.into());
    fields.insert("notes".into(), notes.into());
    fields.insert("customFields".into(), custom_fields.into());
    fields.insert("metadata".into(), metadata.into());
    let object = insert(ctx, KIND, fields, None);
    let shown = shown(ctx, object);
    publish_shown(ctx, "customer.created", &shown);
    Ok(success(201, shown))
}

fn publish_shown(ctx: &mut Ctx<'_>, event_type: &str, shown: &Value) {
    if let Some(object) = shown.as_object() {
        publish(ctx, event_type, KIND, object);
    }
}

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let object = load(ctx, KIND, id)?.object.clone();
    Ok(success(200, shown(ctx, object)))
}

pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let current = load(ctx, KIND, id)?.clone();
    let body = ctx.json_object()?;
    // Everything is validated before anything changes: a 400 leaves the customer as it was.
    let mut changes = Map::new();
    for field in ["name", "email"] {
        if body.contains_key(field) {
            changes.insert(field.into(), required_string(&body, field)?.into());
        }
    }
    if let Some(email) = changes.get("email").and_then(Value::as_str) {
        check_email(email)?;
        if email_taken(ctx, email, Some(current.str("id"))) {
            return Err(conflict(email));
        }
    }
    if body.contains_key("status") {
        let status = opt_enum(&body, "status", STATUSES)?
            .ok_or_else(|| ApiFailure::invalid("status", "status cannot be null"))?;
        changes.insert("status".into(), status.into());
    }
    if body.contains_key("sentiment") {
        changes.insert(
            "sentiment".into(),
            opt_enum(&body, "sentiment", SENTIMENTS)?.into(),
        );
    }
    if body.contains_key("tags") {
        changes.insert(
            "tags".into(),
            opt_strings(&body, "tags")?.unwrap_or_default().into(),
        );
    }
    if let Some(notes) = patch_nullable_string(&body, "notes")? {
        changes.insert("notes".into(), notes.into());
    }
    for field in ["customFields", "metadata"] {
        if let Some(patch) = opt_object(&body, field)? {
            let mut merged = current
                .object
                .get(field)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            merge_metadata(&mut merged, patch);
            changes.insert(field.into(), merged.into());
        }
    }
    let object = patch(ctx, KIND, id, changes)?;
    let shown = shown(ctx, object);
    publish_shown(ctx, "customer.updated", &shown);
    Ok(success(200, shown))
}

pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    find(ctx, KIND, id)?;
    let (doc, reply) = remove(ctx, KIND, id)?;
    publish(ctx, "customer.deleted", KIND, &doc.object);
    Ok(reply)
}
