//! `/automations`: rules fired by an event. Only list and create are documented; the inner
//! shape of `conditions` and `actions` is not, so they are stored as given.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{all_oldest_first, insert};
use super::fields::{opt_bool, opt_object, required_string};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

const KIND: Kind = Kind::Automations;

/// Every rule, oldest first.
pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    Ok(all_oldest_first(ctx, KIND, |_| true))
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let mut fields = Map::new();
    fields.insert("name".into(), required_string(&body, "name")?.into());
    let trigger = required_string(&body, "triggerEvent")?;
    if !trigger.contains('.') || trigger.contains(char::is_whitespace) {
        return Err(ApiFailure::invalid(
            "triggerEvent",
            "triggerEvent must be an event type such as ticket.created",
        ));
    }
    fields.insert("triggerEvent".into(), trigger.into());
    fields.insert(
        "conditions".into(),
        opt_object(&body, "conditions")?.unwrap_or_default().into(),
    );
    let actions = match body.get("actions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(_) => return Err(ApiFailure::invalid("actions", "actions must be an array")),
    };
    fields.insert("actions".into(), actions.into());
    fields.insert(
        "enabled".into(),
        opt_bool(&body, "enabled")?.unwrap_or(true).into(),
    );
    fields.insert("executionCount".into(), 0.into());
    Ok(success(201, Value::Object(insert(ctx, KIND, fields, None))))
}
