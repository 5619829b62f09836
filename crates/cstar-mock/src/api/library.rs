//! The public knowledge base, `/api/library/{team}/...`: no key (a publishable key switches to
//! its environment's data), per-IP rate limits, and only articles that are published and public.
//!
//! Routes (`{team}` is the team's slug or UUID):
//! `GET categories`, `GET articles` (`categorySlug`, `sort=recent|popular`, `page`, `pageSize`,
//! `limit`), `GET articles/{slug}`, `GET search` (`q`, `limit`), `POST articles/{slug}/view`,
//! `POST articles/{slug}/feedback` (`{rating, comment?}`).

use std::cmp::Reverse;

use serde_json::{Map, Value, json};

use crate::api::admin::doc_crud::contains_folded;
use crate::api::admin::page_reply;
use crate::http::context::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Public;
use crate::http::route::{Route, by_id, route};
use crate::store::documents::Doc;

const DEFAULT_SEARCH_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

/// The library's routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("GET", "/api/library/{team}/categories", Public, categories),
    route("GET", "/api/library/{team}/articles", Public, articles),
    route("GET", "/api/library/{team}/articles/{slug}", Public, by_id!(article)),
    route("GET", "/api/library/{team}/search", Public, search),
    route("POST", "/api/library/{team}/articles/{slug}/view", Public, by_id!(view)),
    route("POST", "/api/library/{team}/articles/{slug}/feedback", Public, by_id!(feedback)),
];

/// The visible articles: published and public, newest first.
fn visible(ctx: &mut Ctx<'_>) -> Vec<Doc> {
    let env = ctx.caller.env;
    ctx.state
        .data(env)
        .articles
        .newest_first()
        .into_iter()
        .filter(|d| d.str("status") == "published" && d.flag("isPublic"))
        .cloned()
        .collect()
}

/// Category id → (name, slug), for the public categories only.
fn public_categories(ctx: &mut Ctx<'_>) -> Vec<Doc> {
    let env = ctx.caller.env;
    let mut found: Vec<Doc> = ctx
        .state
        .data(env)
        .categories
        .newest_first()
        .into_iter()
        .filter(|d| d.flag("isPublic"))
        .cloned()
        .collect();
    let order = |d: &Doc| {
        d.object
            .get("sortOrder")
            .and_then(Value::as_i64)
            .unwrap_or(0)
    };
    found.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| a.str("name").cmp(b.str("name")))
    });
    found
}

/// The public shape of an article.
fn shown(ctx: &mut Ctx<'_>, doc: &Doc, categories: &[Doc]) -> Value {
    let category = categories
        .iter()
        .find(|c| c.str("id") == doc.str("categoryId"));
    let uuid = crate::model::ids::parse_id("art_", doc.str("id")).unwrap_or_default();
    let env = ctx.caller.env;
    let (helpful, not_helpful) = ctx
        .state
        .data(env)
        .article_feedback
        .get(&uuid)
        .copied()
        .unwrap_or_default();
    let field = |name: &str| doc.object.get(name).cloned().unwrap_or(Value::Null);
    json!({
        "id": doc.str("id"),
        "object": "library_article",
        "slug": doc.str("slug"),
        "title": doc.str("title"),
        "excerpt": field("excerpt"),
        "content": field("content"),
        "category": category.map(|c| c.str("name")),
        "categorySlug": category.map(|c| c.str("slug")),
        "categoryId": category.map(|c| c.str("id")),
        "tags": field("tags"),
        "readTime": field("readTime"),
        "viewCount": field("viewCount"),
        "helpfulCount": helpful,
        "notHelpfulCount": not_helpful,
        "publishedAt": field("publishedAt"),
        "updatedAt": field("updatedAt"),
    })
}

fn limit(ctx: &Ctx<'_>, default: usize) -> Result<usize, ApiFailure> {
    match ctx.query("limit") {
        None => Ok(default),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(ApiFailure::invalid(
                "limit",
                format!("limit must be from 1 to {MAX_LIMIT}"),
            )),
        },
    }
}

fn categories(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let categories = public_categories(ctx);
    let articles = visible(ctx);
    let items = categories
        .iter()
        .map(|c| {
            let count = articles
                .iter()
                .filter(|a| a.str("categoryId") == c.str("id"))
                .count();
            let field = |name: &str| c.object.get(name).cloned().unwrap_or(Value::Null);
            json!({
                "id": c.str("id"), "object": "library_category", "name": c.str("name"),
                "slug": c.str("slug"), "description": field("description"), "icon": field("icon"),
                "color": field("color"), "sortOrder": field("sortOrder"), "articleCount": count,
            })
        })
        .collect();
    Ok(success(200, Value::Array(items)))
}

fn articles(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    crate::api::admin::check_enum("sort", ctx.query("sort"), &["recent", "popular"])?;
    let popular = ctx.query("sort") == Some("popular");
    let category_slug = ctx.query("categorySlug").map(str::to_owned);
    let categories = public_categories(ctx);
    let mut found = visible(ctx);
    if let Some(slug) = &category_slug {
        let id = categories
            .iter()
            .find(|c| c.str("slug") == slug)
            .map(|c| c.str("id").to_owned());
        found.retain(|a| id.as_deref() == Some(a.str("categoryId")));
    }
    if popular {
        let views = |d: &Doc| {
            d.object
                .get("viewCount")
                .and_then(Value::as_u64)
                .unwrap_or(0)
        };
        found.sort_by_key(|d| Reverse(views(d)));
    }
    // `limit` (the JS SDK's parameter) caps the list; `page`/`pageSize` page it.
    let cap = ctx
        .query("limit")
        .map(|_| limit(ctx, MAX_LIMIT))
        .transpose()?;
    if let Some(cap) = cap {
        found.truncate(cap);
    }
    let items = found.iter().map(|d| shown(ctx, d, &categories)).collect();
    page_reply(ctx, items)
}

/// The visible article with this slug.
fn find(ctx: &mut Ctx<'_>, slug: &str) -> Result<Doc, ApiFailure> {
    visible(ctx)
        .into_iter()
        .find(|d| d.str("slug") == slug)
        .ok_or_else(|| ApiFailure::not_found("Article"))
}

fn article(ctx: &mut Ctx<'_>, slug: &str) -> Result<Reply, ApiFailure> {
    let doc = find(ctx, slug)?;
    let categories = public_categories(ctx);
    Ok(success(200, shown(ctx, &doc, &categories)))
}

fn search(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let q = ctx
        .query("q")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .ok_or_else(|| ApiFailure::missing("q"))?
        .to_lowercase();
    let cap = limit(ctx, DEFAULT_SEARCH_LIMIT)?;
    let categories = public_categories(ctx);
    let found: Vec<Doc> = visible(ctx)
        .into_iter()
        .filter(|d| contains_folded(d.str("title"), &q) || contains_folded(d.str("content"), &q))
        .take(cap)
        .collect();
    let items = found.iter().map(|d| shown(ctx, d, &categories)).collect();
    Ok(success(200, Value::Array(items)))
}

fn view(ctx: &mut Ctx<'_>, slug: &str) -> Result<Reply, ApiFailure> {
    let doc = find(ctx, slug)?;
    let uuid = crate::model::ids::parse_id("art_", doc.str("id")).unwrap_or_default();
    let env = ctx.caller.env;
    let stored = ctx
        .state
        .data(env)
        .articles
        .get_mut(&uuid)
        .ok_or_else(|| ApiFailure::not_found("Article"))?;
    let views = stored
        .object
        .get("viewCount")
        .and_then(Value::as_u64)
        .unwrap_or(0)
        + 1;
    stored.object.insert("viewCount".into(), views.into());
    Ok(success(
        200,
        json!({"object": "article_view", "slug": slug, "viewCount": views}),
    ))
}

/// `rating`: `true`/`false`, `"helpful"`/`"not_helpful"`, or `1`/`0` (the documented field's type
/// is unknown, so each plausible form is taken).
fn helpful(body: &Map<String, Value>) -> Result<bool, ApiFailure> {
    let bad = || {
        ApiFailure::invalid(
            "rating",
            "rating must be true or false, helpful or not_helpful, or 1 or 0",
        )
    };
    match body.get("rating") {
        None | Some(Value::Null) => Err(ApiFailure::missing("rating")),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) => match s.as_str() {
            "helpful" | "yes" | "up" => Ok(true),
            "not_helpful" | "no" | "down" => Ok(false),
            _ => Err(bad()),
        },
        Some(Value::Number(n)) => match n.as_u64() {
            Some(1) => Ok(true),
            Some(0) => Ok(false),
            _ => Err(bad()),
        },
        Some(_) => Err(bad()),
    }
}

fn feedback(ctx: &mut Ctx<'_>, slug: &str) -> Result<Reply, ApiFailure> {
    let doc = find(ctx, slug)?;
    let body = ctx.json_object()?;
    let was_helpful = helpful(&body)?;
    crate::api::admin::opt_string(&body, "comment")?;
    let uuid = crate::model::ids::parse_id("art_", doc.str("id")).unwrap_or_default();
    let env = ctx.caller.env;
    let counts = ctx
        .state
        .data(env)
        .article_feedback
        .entry(uuid)
        .or_default();
    if was_helpful {
        counts.0 += 1;
    } else {
        counts.1 += 1;
    }
    let (helpful_count, not_helpful_count) = *counts;
    Ok(success(
        201,
        json!({
            "object": "article_feedback", "slug": slug, "helpful": was_helpful,
            "helpfulCount": helpful_count, "notHelpfulCount": not_helpful_count,
        }),
    ))
}
