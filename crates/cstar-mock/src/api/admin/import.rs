//! `POST /import`: up to 500 tickets, customers or articles in their create shape. Each record
//! goes through the resource's create route. Customers are matched on email: `mergeStrategy`
//! `skip` (the default) leaves an existing one alone, `update` patches it.

use serde_json::{Value, json};

use super::Ctx;
use super::bulk::{RESOURCES, error_entry};
use super::doc_crud::matching;
use super::fields::opt_enum;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

const MAX_RECORDS: usize = 500;
const STRATEGIES: &[&str] = &["skip", "update"];

/// The id of the customer with this email, if any.
fn customer_with_email(ctx: &mut Ctx<'_>, email: &str) -> Option<String> {
    let email = email.to_lowercase();
    matching(ctx, Kind::Customers, |d| {
        d.str("email").to_lowercase() == email
    })
    .first()
    .map(|d| d.str("id").to_owned())
}

pub(super) fn import(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let resource =
        opt_enum(&body, "resource", RESOURCES)?.ok_or_else(|| ApiFailure::missing("resource"))?;
    let strategy = opt_enum(&body, "mergeStrategy", STRATEGIES)?.unwrap_or_else(|| "skip".into());
    let records = match body.get("records") {
        None | Some(Value::Null) => return Err(ApiFailure::missing("records")),
        Some(Value::Array(records)) => records.clone(),
        Some(_) => {
            return Err(ApiFailure::invalid(
                "records",
                "records must be an array of objects",
            ));
        }
    };
    if records.len() > MAX_RECORDS {
        return Err(ApiFailure::invalid(
            "records",
            format!("at most {MAX_RECORDS} records per request"),
        ));
    }
    let handlers =
        super::resources::handlers(&resource).ok_or_else(|| ApiFailure::missing("resource"))?;
    let (mut created, mut updated, mut skipped, mut errors) = (0usize, 0usize, 0usize, Vec::new());
    for (index, record) in records.iter().enumerate() {
        let existing = (resource == "customers")
            .then(|| record["email"].as_str())
            .flatten()
            .and_then(|email| customer_with_email(ctx, email));
        let outcome = match (&existing, strategy.as_str()) {
            (Some(_), "skip") => {
                skipped += 1;
                continue;
            }
            (Some(id), _) => ctx
                .call(handlers.update, std::slice::from_ref(id), &[], record)
                .map(|_| &mut updated),
            (None, _) if !record.is_object() => Err(ApiFailure::invalid(
                "records",
                "each record must be an object",
            )),
            (None, _) => ctx
                .call(handlers.create, &[], &[], record)
                .map(|_| &mut created),
        };
        match outcome {
            Ok(counter) => *counter += 1,
            Err(failure) => {
                let mut entry = error_entry(&failure);
                entry["index"] = index.into();
                errors.push(entry);
            }
        }
    }
    Ok(success(
        200,
        json!({
            "object": "import_result", "resource": resource, "total": records.len(),
            "created": created, "updated": updated, "skipped": skipped, "errors": errors,
        }),
    ))
}
