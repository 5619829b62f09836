//! `/articles` and `/articles/{id}`: a unique slug made from the title, `excerpt` and
//! `readTime` derived from the Markdown, `publishedAt` stamped when the status becomes
//! `published` (which also publishes `article.published`).

use serde_json::{Map, Value};

use super::Ctx;
use super::categories::canonical;
use super::doc_crud::{
    bool_query, contains_folded, find, insert, load, matching, patch, publish, remove,
};
use super::fields::{
    check_enum, merge_metadata, opt_bool, opt_enum, opt_object, opt_string, opt_strings,
    patch_nullable_string, required_string,
};
use super::paging::page_reply;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::store::documents::{Doc, Kind, slugify};

const KIND: Kind = Kind::Articles;
pub(crate) const STATUSES: &[&str] = &["draft", "published", "archived"];
/// Characters of plain text in a derived excerpt.
const EXCERPT_CHARS: usize = 160;
/// Reading speed behind `readTime`.
const WORDS_PER_MINUTE: usize = 200;

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("status", ctx.query("status"), STATUSES)?;
    let public = bool_query(ctx, "isPublic")?;
    let status = ctx.query("status").map(str::to_owned);
    // The category filter takes the category's UUID; any other text matches nothing (as cStar
    // documents for slugs).
    let category = ctx
        .query("category")
        .map(|c| crate::model::ids::parse_id("", c).unwrap_or_else(|| c.to_owned()));
    let tag = ctx.query("tag").map(str::to_owned);
    let search = ctx.query("search").map(str::to_lowercase);
    let found = matching(ctx, KIND, |d: &Doc| {
        status.as_deref().is_none_or(|s| d.str("status") == s)
            && public.is_none_or(|p| d.flag("isPublic") == p)
            && category.as_deref().is_none_or(|c| d.str("categoryId") == c)
            && tag.as_deref().is_none_or(|t| d.has_tag("tags", t))
            && search.as_deref().is_none_or(|q| {
                contains_folded(d.str("title"), q) || contains_folded(d.str("content"), q)
            })
    });
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply(ctx, items)
}

/// A slug no other article has: `base`, then `base-2`, `base-3` ...
fn unique_slug(ctx: &mut Ctx<'_>, base: &str, except: Option<&str>) -> String {
    let taken: Vec<String> = matching(ctx, KIND, |d| Some(d.str("id")) != except)
        .iter()
        .map(|d| d.str("slug").to_owned())
        .collect();
    let mut slug = base.to_owned();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// The first [`EXCERPT_CHARS`] characters of the Markdown with its markup characters dropped.
fn excerpt(markdown: &str) -> String {
    let plain: String = markdown
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| "#*_`>[]()".contains(c)))
        .filter(|word| !word.is_empty() && !word.chars().all(|c| c == '-' || c == '.'))
        .collect::<Vec<_>>()
        .join(" ");
    plain.chars().take(EXCERPT_CHARS).collect()
}

fn read_time(markdown: &str) -> String {
    let words = markdown.split_whitespace().count();
    format!("{} min", words.div_ceil(WORDS_PER_MINUTE).max(1))
}

/// Sets `content` with what derives from it.
fn set_content(fields: &mut Map<String, Value>, content: &str) {
    fields.insert("excerpt".into(), excerpt(content).into());
    fields.insert("readTime".into(), read_time(content).into());
    fields.insert("content".into(), content.into());
}

/// `categoryId`, or its older name `category`, resolved to the category's id.
fn category_field(
    ctx: &mut Ctx<'_>,
    body: &Map<String, Value>,
) -> Result<Option<Option<String>>, ApiFailure> {
    for field in ["categoryId", "category"] {
        match patch_nullable_string(body, field)? {
            Some(Some(id)) => return Ok(Some(Some(canonical(ctx, &id, field)?))),
            Some(None) => return Ok(Some(None)),
            None => {}
        }
    }
    Ok(None)
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let title = required_string(&body, "title")?;
    let content = opt_string(&body, "content")?.unwrap_or_default();
    let category = category_field(ctx, &body)?.flatten();
    let status = opt_enum(&body, "status", STATUSES)?.unwrap_or_else(|| "draft".into());
    let is_public = opt_bool(&body, "isPublic")?.unwrap_or(false);
    let tags = opt_strings(&body, "tags")?.unwrap_or_default();
    let notes = opt_string(&body, "notes")?;
    let meta_description = opt_string(&body, "metaDescription")?;
    let mut metadata = Map::new();
    merge_metadata(
        &mut metadata,
        opt_object(&body, "metadata")?.unwrap_or_default(),
    );
    let base = slugify(&opt_string(&body, "slug")?.unwrap_or_else(|| title.clone()));
    let slug = unique_slug(ctx, &base, None);

    let mut fields = Map::new();
    fields.insert("title".into(), title.into());
    fields.insert("slug".into(), slug.into());
    set_content(&mut fields, &content);
    fields.insert("categoryId".into(), category.into());
    let published = status == "published";
    fields.insert("status".into(), status.into());
    fields.insert("tags".into(), tags.into());
    fields.insert("notes".into(), notes.into());
    fields.insert("viewCount".into(), 0.into());
    fields.insert("useCount".into(), 0.into());
    fields.insert("isPublic".into(), is_public.into());
    fields.insert("publishedAt".into(), published.then(now_rfc3339).into());
    fields.insert("metaDescription".into(), meta_description.into());
    fields.insert("metadata".into(), metadata.into());
    let object = insert(ctx, KIND, fields, None);
    publish(ctx, "article.created", KIND, &object);
    if published {
        publish(ctx, "article.published", KIND, &object);
    }
    Ok(success(201, Value::Object(object)))
}

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let object = load(ctx, KIND, id)?.object.clone();
    Ok(success(200, Value::Object(object)))
}

pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    let current = load(ctx, KIND, id)?.clone();
    let body = ctx.json_object()?;
    // Everything is validated before anything changes: a 400 leaves the article as it was.
    let mut changes = Map::new();
    if body.contains_key("title") {
        changes.insert("title".into(), required_string(&body, "title")?.into());
    }
    if let Some(slug) = opt_string(&body, "slug")? {
        let slug = unique_slug(ctx, &slugify(&slug), Some(current.str("id")));
        changes.insert("slug".into(), slug.into());
    }
    if let Some(content) = opt_string(&body, "content")? {
        set_content(&mut changes, &content);
    }
    if let Some(category) = category_field(ctx, &body)? {
        changes.insert("categoryId".into(), category.into());
    }
    let mut became_published = false;
    if body.contains_key("status") {
        let status = opt_enum(&body, "status", STATUSES)?
            .ok_or_else(|| ApiFailure::invalid("status", "status cannot be null"))?;
        became_published = status == "published" && current.str("status") != "published";
        if became_published {
            changes.insert("publishedAt".into(), now_rfc3339().into());
        }
        changes.insert("status".into(), status.into());
    }
    if let Some(public) = opt_bool(&body, "isPublic")? {
        changes.insert("isPublic".into(), public.into());
    }
    if body.contains_key("tags") {
        changes.insert(
            "tags".into(),
            opt_strings(&body, "tags")?.unwrap_or_default().into(),
        );
    }
    for field in ["notes", "metaDescription"] {
        if let Some(value) = patch_nullable_string(&body, field)? {
            changes.insert(field.into(), value.into());
        }
    }
    if let Some(patch) = opt_object(&body, "metadata")? {
        let mut merged = current
            .object
            .get("metadata")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        merge_metadata(&mut merged, patch);
        changes.insert("metadata".into(), merged.into());
    }
    let object = patch(ctx, KIND, id, changes)?;
    publish(ctx, "article.updated", KIND, &object);
    if became_published {
        publish(ctx, "article.published", KIND, &object);
    }
    Ok(success(200, Value::Object(object)))
}

pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    find(ctx, KIND, id)?;
    let (doc, reply) = remove(ctx, KIND, id)?;
    publish(ctx, "article.deleted", KIND, &doc.object);
    Ok(reply)
}
