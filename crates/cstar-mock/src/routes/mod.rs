//! Route dispatch below the authenticated API, and helpers the resource routes share.

mod messages;
mod tickets;

use serde_json::{Map, Value, json};

use crate::state::{Env, PaginationLayout, State};
use crate::wire::{ApiFailure, Reply, success};

/// What a route gets to work with.
pub(crate) struct Ctx<'a> {
    pub(crate) state: &'a mut State,
    pub(crate) env: Env,
    pub(crate) method: &'a str,
    /// Path segments below `/api/v1/teams/{teamId}`.
    pub(crate) segments: &'a [String],
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: &'a [u8],
}

impl Ctx<'_> {
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as a JSON object.
    pub(crate) fn json_object(&self) -> Result<Map<String, Value>, ApiFailure> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Map::new());
        }
        match serde_json::from_slice::<Value>(self.body) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err(ApiFailure::new(
                400,
                "invalid_request_error",
                "parameter_invalid",
                "The request body must be a JSON object",
            )),
            Err(e) => Err(ApiFailure::new(
                400,
                "invalid_request_error",
                "invalid_json",
                format!("The request body is not valid JSON: {e}"),
            )),
        }
    }

    pub(crate) fn team_id(&self) -> String {
        self.state.team.id.clone()
    }

    pub(crate) fn pagination_layout(&self) -> PaginationLayout {
        self.state.settings.pagination
    }
}

/// Routes below the team scope; `None` means no route matched.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>) -> Option<Result<Reply, ApiFailure>> {
    let segments: Vec<&str> = ctx.segments.iter().map(String::as_str).collect();
    let result = match (ctx.method, segments.as_slice()) {
        ("GET", ["tickets"]) => tickets::list(ctx),
        ("POST", ["tickets"]) => tickets::create(ctx),
        ("GET", ["tickets", id]) => tickets::get(ctx, id),
        ("PATCH", ["tickets", id]) => tickets::update(ctx, id),
        ("DELETE", ["tickets", id]) => tickets::delete(ctx, id),
        ("GET", ["tickets", id, "messages"]) => messages::list(ctx, id),
        ("POST", ["tickets", id, "messages"]) => messages::create(ctx, id),
        _ => return None,
    };
    Some(result)
}

/// `page` and `pageSize` from the query: defaults 1 and 20, at most 100.
pub(crate) fn paging(ctx: &Ctx<'_>) -> Result<(usize, usize), ApiFailure> {
    let number = |name: &str, default: usize, max: usize| -> Result<usize, ApiFailure> {
        match ctx.query(name) {
            None => Ok(default),
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiFailure::invalid(
                    name,
                    format!("{name} must be an integer from 1 to {max}"),
                )),
            },
        }
    };
    Ok((number("page", 1, usize::MAX)?, number("pageSize", 20, 100)?))
}

/// A list reply for one page of `items`, in the configured pagination layout.
pub(crate) fn page_reply(ctx: &Ctx<'_>, items: Vec<Value>) -> Result<Reply, ApiFailure> {
    let (page, page_size) = paging(ctx)?;
    let total = items.len();
    let total_pages = total.div_ceil(page_size);
    let start = (page - 1).saturating_mul(page_size).min(total);
    let data: Vec<Value> = items.into_iter().skip(start).take(page_size).collect();
    let mut reply = success(200, Value::Array(data));
    if let Some(body) = reply.body.as_object_mut() {
        match ctx.pagination_layout() {
            PaginationLayout::Current => {
                body.insert(
                    "pagination".into(),
                    json!({
                        "page": page, "pageSize": page_size, "total": total,
                        "totalPages": total_pages, "hasMore": page < total_pages,
                    }),
                );
            }
            PaginationLayout::Legacy => {
                body.insert(
                    "meta".into(),
                    json!({"pagination": {
                        "page": page, "pageSize": page_size, "total": total, "totalPages": total_pages,
                    }}),
                );
            }
        }
    }
    Ok(reply)
}

/// Reads an optional string field; a non-string is a 400 naming it.
pub(crate) fn opt_string(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<String>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a string"),
        )),
    }
}

/// Reads an optional value that must be one of `allowed`.
pub(crate) fn opt_enum(
    body: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<String>, ApiFailure> {
    let value = opt_string(body, field)?;
    check_enum(field, value.as_deref(), allowed)?;
    Ok(value)
}

/// A 400 unless `value` is absent or one of `allowed`.
pub(crate) fn check_enum(
    field: &str,
    value: Option<&str>,
    allowed: &[&str],
) -> Result<(), ApiFailure> {
    match value {
        Some(v) if !allowed.contains(&v) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be one of {}", allowed.join(", ")),
        )),
        _ => Ok(()),
    }
}

/// Reads an optional array of strings.
pub(crate) fn opt_strings(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Vec<String>>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(Some)
            .ok_or_else(|| {
                ApiFailure::invalid(field, format!("{field} must be an array of strings"))
            }),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be an array of strings"),
        )),
    }
}

/// Reads an optional object.
pub(crate) fn opt_object(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Map<String, Value>>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => Ok(Some(object.clone())),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be an object"),
        )),
    }
}

/// Merges a patch into metadata: a key set to `null` is removed.
pub(crate) fn merge_metadata(target: &mut Map<String, Value>, patch: Map<String, Value>) {
    for (key, value) in patch {
        if value.is_null() {
            target.remove(&key);
        } else {
            target.insert(key, value);
        }
    }
}
