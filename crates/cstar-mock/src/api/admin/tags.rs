//! `/tags`: the team's ticket tags with how many tickets use each, plus tags created ahead of
//! use (count 0). Sorted by name; no pagination, as documented.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Ctx;
use super::fields::required_string;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

/// Every tag name with its ticket count.
fn counts(ctx: &mut Ctx<'_>) -> BTreeMap<String, usize> {
    let env = ctx.caller.env;
    let data = ctx.state.data(env);
    let mut counts: BTreeMap<String, usize> = data.tags.iter().map(|t| (t.clone(), 0)).collect();
    for ticket in data.tickets.values() {
        for tag in &ticket.tags {
            *counts.entry(tag.clone()).or_default() += 1;
        }
    }
    counts
}

fn tag(name: &str, count: usize) -> Value {
    json!({"object": "tag", "name": name, "count": count})
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let items = counts(ctx)
        .iter()
        .map(|(name, count)| tag(name, *count))
        .collect();
    Ok(success(200, Value::Array(items)))
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let name = required_string(&body, "name")?.trim().to_owned();
    if counts(ctx).contains_key(&name) {
        return Err(ApiFailure::new(
            409,
            "invalid_request_error",
            "resource_already_exists",
            format!("The tag {name:?} already exists"),
        )
        .param("name"));
    }
    let env = ctx.caller.env;
    ctx.state.data(env).tags.insert(name.clone());
    Ok(success(201, tag(&name, 0)))
}
