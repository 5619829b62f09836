//! `POST /bulk`: update or delete up to 100 tickets, customers or articles at once. Each id goes
//! through the resource's own route, so every rule (validation, events) applies; failures are
//! reported per id and do not stop the rest.

use serde_json::{Value, json};

use super::Ctx;
use super::fields::{opt_enum, opt_object, opt_strings};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

const ACTIONS: &[&str] = &["update", "delete"];
pub(super) const RESOURCES: &[&str] = &["tickets", "customers", "articles"];
const MAX_IDS: usize = 100;

/// `{id?, index?, code, message, param?}` for one failed record.
pub(super) fn error_entry(failure: &ApiFailure) -> Value {
    json!({"code": failure.code, "message": failure.message, "param": failure.param})
}

pub(super) fn bulk(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let action =
        opt_enum(&body, "action", ACTIONS)?.ok_or_else(|| ApiFailure::missing("action"))?;
    let resource =
        opt_enum(&body, "resource", RESOURCES)?.ok_or_else(|| ApiFailure::missing("resource"))?;
    let ids = opt_strings(&body, "ids")?.ok_or_else(|| ApiFailure::missing("ids"))?;
    if ids.is_empty() || ids.len() > MAX_IDS {
        return Err(ApiFailure::invalid(
            "ids",
            format!("ids must hold 1 to {MAX_IDS} ids"),
        ));
    }
    let patch = opt_object(&body, "data")?;
    let patch = match (action.as_str(), patch) {
        ("update", None) => return Err(ApiFailure::missing("data")),
        (_, patch) => Value::Object(patch.unwrap_or_default()),
    };
    let handlers =
        super::resources::handlers(&resource).ok_or_else(|| ApiFailure::missing("resource"))?;
    let (handler, body) = if action == "update" {
        (handlers.update, &patch)
    } else {
        (handlers.delete, &Value::Null)
    };
    let (mut succeeded, mut errors) = (0usize, Vec::new());
    for id in &ids {
        match ctx.call(handler, std::slice::from_ref(id), &[], body) {
            Ok(_) => succeeded += 1,
            Err(failure) => {
                let mut entry = error_entry(&failure);
                entry["id"] = id.as_str().into();
                errors.push(entry);
            }
        }
    }
    Ok(success(
        200,
        json!({
            "object": "bulk_result", "action": action, "resource": resource,
            "total": ids.len(), "succeeded": succeeded, "failed": errors.len(), "errors": errors,
        }),
    ))
}
