//! `/categories` and `/categories/{id}`: ordered by `sortOrder`, then name; deleting one
//! clears the `categoryId` of its articles, which stay.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{bool_query, find, insert, load, matching, patch, remove};
use super::fields::{opt_bool, opt_integer, opt_string, patch_nullable_string, required_string};
use super::paging::page_reply;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::store::documents::{Kind, slugify};

const KIND: Kind = Kind::Categories;

/// The id a category is shown with, for any accepted form of it; a 400 naming `field` when
/// there is no such category.
pub(super) fn canonical(ctx: &mut Ctx<'_>, id: &str, field: &str) -> Result<String, ApiFailure> {
    find(ctx, KIND, id)
        .map(|uuid| KIND.show_id(&uuid))
        .map_err(|_| ApiFailure::invalid(field, format!("no category has the id {id:?}")))
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let public = bool_query(ctx, "isPublic")?;
    let mut found = matching(ctx, KIND, |d| {
        public.is_none_or(|p| d.flag("isPublic") == p)
    });
    found.sort_by(|a, b| {
        let order = |d: &crate::store::documents::Doc| {
            d.object
                .get("sortOrder")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        };
        order(a)
            .cmp(&order(b))
            .then_with(|| {
                a.str("name")
                    .to_lowercase()
                    .cmp(&b.str("name").to_lowercase())
            })
            .then_with(|| a.seq.cmp(&b.seq))
    });
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply(ctx, items)
}

/// The fields a create or update body sets, validated.
fn read_fields(
    body: &Map<String, Value>,
    creating: bool,
) -> Result<Map<String, Value>, ApiFailure> {
    let mut fields = Map::new();
    if creating || body.contains_key("name") {
        let name = required_string(body, "name")?;
        let slug = opt_string(body, "slug")?.map_or_else(|| slugify(&name), |s| slugify(&s));
        fields.insert("slug".into(), slug.into());
        fields.insert("name".into(), name.into());
    } else if let Some(slug) = opt_string(body, "slug")? {
        fields.insert("slug".into(), slugify(&slug).into());
    }
    for field in ["description", "icon", "color"] {
        match patch_nullable_string(body, field)? {
            Some(value) => {
                fields.insert(field.into(), value.into());
            }
            None if creating => {
                fields.insert(field.into(), Value::Null);
            }
            None => {}
        }
    }
    match opt_integer(body, "sortOrder")? {
        Some(order) => {
            fields.insert("sortOrder".into(), order.into());
        }
        None if creating => {
            fields.insert("sortOrder".into(), 0.into());
        }
        None => {}
    }
    match opt_bool(body, "isPublic")? {
        Some(public) => {
            fields.insert("isPublic".into(), public.into());
        }
        None if creating => {
            fields.insert("isPublic".into(), true.into());
        }
        None => {}
    }
    Ok(fields)
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let fields = read_fields(&body, true)?;
    let object = insert(ctx, KIND, fields, None);
    Ok(success(201, Value::Object(object)))
}

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let object = load(ctx, KIND, id)?.object.clone();
    Ok(success(200, Value::Object(object)))
}

pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    find(ctx, KIND, id)?;
    let body = ctx.json_object()?;
    let fields = read_fields(&body, false)?;
    let object = patch(ctx, KIND, id, fields)?;
    Ok(success(200, Value::Object(object)))
}

pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let (doc, reply) = remove(ctx, KIND, id)?;
    let shown_id = doc.str("id").to_owned();
    let env = ctx.caller.env;
    let now = now_rfc3339();
    for article in ctx.state.data(env).articles.values_mut() {
        if article.str("categoryId") == shown_id {
            article.object.insert("categoryId".into(), Value::Null);
            article
                .object
                .insert("updatedAt".into(), now.clone().into());
        }
    }
    Ok(reply)
}
