//! `/sla/rules`: SLA targets per ticket priority, in minutes. Only list and create are
//! documented.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{all_oldest_first, insert};
use super::fields::{opt_bool, opt_enum, opt_integer, required_string};
use super::tickets::PRIORITIES;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

const KIND: Kind = Kind::SlaRules;

/// Every rule, oldest first.
pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    Ok(all_oldest_first(ctx, KIND, |_| true))
}

/// A required count of minutes, at least 1.
fn minutes(body: &Map<String, Value>, field: &str) -> Result<i64, ApiFailure> {
    match opt_integer(body, field)? {
        None => Err(ApiFailure::missing(field)),
        Some(n) if n < 1 => Err(ApiFailure::invalid(
            field,
            format!("{field} must be at least 1 minute"),
        )),
        Some(n) => Ok(n),
    }
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let mut fields = Map::new();
    fields.insert("name".into(), required_string(&body, "name")?.into());
    let priority =
        opt_enum(&body, "priority", PRIORITIES)?.ok_or_else(|| ApiFailure::missing("priority"))?;
    fields.insert("priority".into(), priority.into());
    let response = minutes(&body, "responseTarget")?;
    let resolution = minutes(&body, "resolutionTarget")?;
    if resolution < response {
        return Err(ApiFailure::invalid(
            "resolutionTarget",
            "resolutionTarget cannot be shorter than responseTarget",
        ));
    }
    fields.insert("responseTarget".into(), response.into());
    fields.insert("resolutionTarget".into(), resolution.into());
    fields.insert(
        "businessHoursOnly".into(),
        opt_bool(&body, "businessHoursOnly")?
            .unwrap_or(false)
            .into(),
    );
    fields.insert(
        "enabled".into(),
        opt_bool(&body, "enabled")?.unwrap_or(true).into(),
    );
    Ok(success(201, Value::Object(insert(ctx, KIND, fields, None))))
}
