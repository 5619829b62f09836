//! `GET /community/posts`: the one documented admin community route; posts (snake_case, as
//! documented) come from `--seed`. `topic` takes the topic's slug; `sort` is `recent`
//! (default), `votes` or `comments`.

use serde_json::Value;

use super::Ctx;
use super::doc_crud::matching;
use super::fields::check_enum;
use super::paging::page_reply;
use crate::http::envelope::Reply;
use crate::http::error::ApiFailure;
use crate::store::documents::{Doc, Kind};

pub(crate) const STATUSES: &[&str] = &[
    "open",
    "answered",
    "officially_answered",
    "planned",
    "not_planned",
    "completed",
    "under_review",
];
const SORTS: &[&str] = &["recent", "votes", "comments"];

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("status", ctx.query("status"), STATUSES)?;
    check_enum("sort", ctx.query("sort"), SORTS)?;
    let status = ctx.query("status").map(str::to_owned);
    let topic = ctx.query("topic").map(str::to_owned);
    let sort = ctx.query("sort").unwrap_or("recent").to_owned();
    let mut found = matching(ctx, Kind::CommunityPosts, |d: &Doc| {
        status.as_deref().is_none_or(|s| d.str("status") == s)
            && topic.as_deref().is_none_or(|t| d.str("topic_slug") == t)
    });
    let count = |d: &Doc, field: &str| d.object.get(field).and_then(Value::as_u64).unwrap_or(0);
    match sort.as_str() {
        "votes" => found.sort_by_key(|d| std::cmp::Reverse(count(d, "vote_count"))),
        "comments" => found.sort_by_key(|d| std::cmp::Reverse(count(d, "comment_count"))),
        _ => {}
    }
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply(ctx, items)
}
