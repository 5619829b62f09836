//! `POST /export`: the rows of one or more resources, filtered with their list filters, up to
//! 10,000 rows each. JSON may hold several resources; CSV holds one, as a string in `content`
//! (the documented CSV answer's shape is unknown).

use serde_json::{Map, Value, json};

use super::Ctx;
use super::bulk::RESOURCES;
use super::fields::opt_enum;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

const FORMATS: &[&str] = &["json", "csv"];
const MAX_ROWS: usize = 10_000;
/// The list routes' largest page.
const PAGE: usize = 100;

/// Every row of `resource` matching `filters`, read page by page through its list route.
fn rows(
    ctx: &mut Ctx<'_>,
    resource: &str,
    filters: &Map<String, Value>,
) -> Result<Vec<Value>, ApiFailure> {
    let list = super::resources::handlers(resource)
        .ok_or_else(|| ApiFailure::invalid("resources", "unknown resource type"))?
        .list;
    let mut query: Vec<(String, String)> = filters
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .filter(|(k, _)| k != "page" && k != "pageSize")
        .collect();
    query.push(("pageSize".into(), PAGE.to_string()));
    let mut rows = Vec::new();
    for page in 1.. {
        let mut paged = query.clone();
        paged.push(("page".into(), page.to_string()));
        let reply = ctx.call(list, &[], &paged, &Value::Null)?;
        let data = reply.body["data"].as_array().cloned().unwrap_or_default();
        let last = data.len() < PAGE;
        rows.extend(data);
        if last || rows.len() >= MAX_ROWS {
            break;
        }
    }
    rows.truncate(MAX_ROWS);
    Ok(rows)
}

/// A CSV cell: quoted when it holds a comma, quote or line break.
fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv(rows: &[Value]) -> String {
    let Some(Value::Object(first)) = rows.first() else {
        return String::new();
    };
    let columns: Vec<&String> = first.keys().collect();
    let mut out = columns
        .iter()
        .map(|c| cell(&Value::String((*c).clone())))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in rows {
        let line: Vec<String> = columns.iter().map(|c| cell(&row[c.as_str()])).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

pub(super) fn export(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let format = opt_enum(&body, "format", FORMATS)?.unwrap_or_else(|| "json".into());
    let wanted = match body.get("resources") {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        None | Some(Value::Null) => return Err(ApiFailure::missing("resources")),
        Some(_) => {
            return Err(ApiFailure::invalid(
                "resources",
                "resources must be a non-empty array of {type, filters}",
            ));
        }
    };
    if format == "csv" && wanted.len() > 1 {
        return Err(ApiFailure::invalid(
            "resources",
            "a CSV export holds one resource",
        ));
    }
    let mut resources = Map::new();
    let mut total = 0;
    for item in &wanted {
        let resource = item["type"]
            .as_str()
            .filter(|t| RESOURCES.contains(t))
            .ok_or_else(|| {
                ApiFailure::invalid(
                    "resources",
                    format!("each type must be one of {}", RESOURCES.join(", ")),
                )
            })?;
        let filters = item
            .get("filters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let found = rows(ctx, resource, &filters)?;
        total += found.len();
        resources.insert(resource.to_owned(), Value::Array(found));
    }
    let mut answer = json!({"object": "export", "format": format, "totalRows": total});
    if format == "csv" {
        let (resource, rows) = resources
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap_or_default();
        answer["resource"] = resource.into();
        answer["content"] = csv(rows.as_array().map_or(&[], Vec::as_slice)).into();
    } else {
        answer["resources"] = Value::Object(resources);
    }
    Ok(success(200, answer))
}
