//! The public community forum, `/api/community/{team}/...` (the emulator's design: cStar
//! documents only the admin post list and the post object). Reading needs nothing; writing
//! (posts, comments, votes) needs a customer's access token from `/api/auth`. Posts are
//! snake_case, as documented, without the internal `custom_fields`.
//!
//! Routes: `GET topics`, `GET|POST posts`, `GET posts/{id or slug}`,
//! `GET|POST posts/{id}/comments`, `POST|DELETE posts/{id}/vote`.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::api::admin::{check_enum, insert_document, opt_string, page_reply, required_string};
use crate::api::auth::customer_of;
use crate::http::context::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Customer;
use crate::http::route::{Route, route, with_bearer};
use crate::model::clock::now_rfc3339;
use crate::model::ids::uuid_v4;
use crate::store::documents::{Doc, Kind, slugify};

/// The topics every team's forum has (the emulator's; topics have no documented routes).
pub(crate) const TOPICS: &[(&str, &str, &str)] = &[
    (
        "feature-requests",
        "7f1c2a10-0000-4000-8000-000000000001",
        "Feature requests",
    ),
    (
        "questions",
        "7f1c2a10-0000-4000-8000-000000000002",
        "Questions",
    ),
    (
        "show-and-tell",
        "7f1c2a10-0000-4000-8000-000000000003",
        "Show and tell",
    ),
];
const SORTS: &[&str] = &["recent", "votes", "comments"];

/// Comments and votes, by post id.
#[derive(Debug, Default)]
pub(crate) struct Forum {
    comments: HashMap<String, Vec<Value>>,
    votes: HashMap<String, HashSet<String>>,
}

/// The forum's routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("GET", "/api/community/{team}/topics", Customer, with_bearer!(topics)),
    route("GET", "/api/community/{team}/posts", Customer, with_bearer!(list)),
    route("POST", "/api/community/{team}/posts", Customer, with_bearer!(create)),
    route("GET", "/api/community/{team}/posts/{id}", Customer, with_bearer!(get)),
    route("GET", "/api/community/{team}/posts/{id}/comments", Customer, with_bearer!(comments)),
    route("POST", "/api/community/{team}/posts/{id}/comments", Customer, with_bearer!(comment)),
    route("POST", "/api/community/{team}/posts/{id}/vote", Customer, with_bearer!(vote)),
    route("DELETE", "/api/community/{team}/posts/{id}/vote", Customer, with_bearer!(vote)),
];

/// A post as the public sees it: without `custom_fields` and the emulator's `topic_slug`.
fn public_post(doc: &Doc) -> Value {
    let mut object = doc.object.clone();
    object.remove("custom_fields");
    object.remove("topic_slug");
    Value::Object(object)
}

/// Public posts, and members-only ones for a signed-in customer.
fn visible(ctx: &mut Ctx<'_>, signed_in: bool) -> Vec<Doc> {
    ctx.state
        .data(ctx.state.customer_env())
        .table(Kind::CommunityPosts)
        .newest_first()
        .into_iter()
        .filter(|d| signed_in || d.str("visibility") != "members_only")
        .cloned()
        .collect()
}

fn find(ctx: &mut Ctx<'_>, id: &str, signed_in: bool) -> Result<Doc, ApiFailure> {
    visible(ctx, signed_in)
        .into_iter()
        .find(|d| d.str("id") == id || d.str("slug") == id)
        .ok_or_else(|| ApiFailure::not_found("Post"))
}

fn signed_in(ctx: &Ctx<'_>, token: Option<&str>) -> bool {
    token.is_some_and(|t| customer_of(ctx.state, Some(t)).is_ok())
}

fn topics(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let posts = visible(ctx, signed_in(ctx, token));
    let items = TOPICS
        .iter()
        .map(|(slug, id, name)| {
            let count = posts.iter().filter(|p| p.str("topic_id") == *id).count();
            json!({"id": id, "object": "community_topic", "slug": slug, "name": name, "post_count": count})
        })
        .collect();
    Ok(success(200, Value::Array(items)))
}

fn list(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    check_enum(
        "status",
        ctx.query("status"),
        crate::api::admin::community_statuses(),
    )?;
    check_enum("sort", ctx.query("sort"), SORTS)?;
    let topic = ctx.query("topic").map(str::to_owned);
    let status = ctx.query("status").map(str::to_owned);
    let sort = ctx.query("sort").unwrap_or("recent").to_owned();
    let topic_id = topic.as_deref().map(|slug| {
        TOPICS
            .iter()
            .find(|(s, _, _)| *s == slug)
            .map(|(_, id, _)| *id)
            .unwrap_or("none")
    });
    let mut found: Vec<Doc> = visible(ctx, signed_in(ctx, token))
        .into_iter()
        .filter(|d| topic_id.is_none_or(|t| d.str("topic_id") == t))
        .filter(|d| status.as_deref().is_none_or(|s| d.str("status") == s))
        .collect();
    let count = |d: &Doc, f: &str| d.object.get(f).and_then(Value::as_u64).unwrap_or(0);
    match sort.as_str() {
        "votes" => found.sort_by_key(|d| std::cmp::Reverse(count(d, "vote_count"))),
        "comments" => found.sort_by_key(|d| std::cmp::Reverse(count(d, "comment_count"))),
        _ => {}
    }
    let items = found.iter().map(public_post).collect();
    page_reply(ctx, items)
}

fn get(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let id = &ctx.id();
    let signed = signed_in(ctx, token);
    Ok(success(200, public_post(&find(ctx, id, signed)?)))
}

fn create(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let (customer_id, author) = customer_of(ctx.state, token)?;
    let body = ctx.json_object()?;
    let title = required_string(&body, "title")?;
    let text = required_string(&body, "body")?;
    let topic = required_string(&body, "topic")?;
    let (topic_slug, topic_id, _) = TOPICS
        .iter()
        .find(|(slug, id, _)| *slug == topic || *id == topic)
        .ok_or_else(|| ApiFailure::invalid("topic", "no topic has this slug or id"))?;
    let visibility = match opt_string(&body, "visibility")?.as_deref() {
        None | Some("public") => "public",
        Some("members_only") => "members_only",
        Some(_) => {
            return Err(ApiFailure::invalid(
                "visibility",
                "visibility must be public or members_only",
            ));
        }
    };
    let mut fields = Map::new();
    fields.insert("title".into(), title.clone().into());
    fields.insert(
        "slug".into(),
        format!("{}-{}", slugify(&title), &uuid_v4()[..6]).into(),
    );
    fields.insert("body".into(), text.into());
    fields.insert("topic_id".into(), (*topic_id).into());
    fields.insert("topic_slug".into(), (*topic_slug).into());
    fields.insert("status".into(), "open".into());
    fields.insert("visibility".into(), visibility.into());
    fields.insert("vote_count".into(), 0.into());
    fields.insert("comment_count".into(), 0.into());
    fields.insert("is_pinned".into(), false.into());
    fields.insert("is_locked".into(), false.into());
    fields.insert("custom_fields".into(), json!({}));
    fields.insert("attachments".into(), json!([]));
    fields.insert("author_id".into(), customer_id.into());
    fields.insert("author_name".into(), author.into());
    let object = insert_document(ctx, Kind::CommunityPosts, fields, None);
    let post = public_post(&Doc {
        seq: 0,
        object,
        secret: None,
    });
    let team = ctx.team_id();
    ctx.state
        .events
        .publish("community_post.created", &team, json!({"post": post}));
    Ok(success(201, post))
}

/// Changes a stored post's counter by `delta` and returns the post.
fn bump(ctx: &mut Ctx<'_>, id: &str, field: &str, delta: i64) -> Option<Value> {
    let uuid = crate::model::ids::parse_id("", id)?;
    let doc = ctx
        .state
        .data(ctx.state.customer_env())
        .table(Kind::CommunityPosts)
        .get_mut(&uuid)?;
    let now = doc.object.get(field).and_then(Value::as_i64).unwrap_or(0);
    doc.object.insert(field.into(), (now + delta).max(0).into());
    Some(public_post(doc))
}

fn comments(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let id = ctx.id();
    let signed = signed_in(ctx, token);
    let post = find(ctx, &id, signed)?;
    let thread = ctx
        .state
        .forum
        .comments
        .get(post.str("id"))
        .cloned()
        .unwrap_or_default();
    Ok(success(200, Value::Array(thread)))
}

fn comment(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let id = ctx.id();
    let (customer_id, author) = customer_of(ctx.state, token)?;
    let post = find(ctx, &id, true)?;
    if post.flag("is_locked") {
        return Err(ApiFailure::new(
            403,
            "invalid_request_error",
            "post_locked",
            "Comments are closed on this post",
        ));
    }
    let body = ctx.json_object()?;
    let text = required_string(&body, "body")?;
    let id = post.str("id").to_owned();
    let entry = json!({
        "id": uuid_v4(), "object": "community_comment", "post_id": id, "body": text,
        "author_id": customer_id, "author_name": author, "created_at": now_rfc3339(),
    });
    ctx.state
        .forum
        .comments
        .entry(id.clone())
        .or_default()
        .push(entry.clone());
    let updated = bump(ctx, &id, "comment_count", 1);
    let team = ctx.team_id();
    ctx.state.events.publish(
        "community_post.commented",
        &team,
        json!({"post": updated, "comment": entry}),
    );
    Ok(success(201, entry))
}

fn vote(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let id = ctx.id();
    let (customer_id, _) = customer_of(ctx.state, token)?;
    let post = find(ctx, &id, true)?;
    let id = post.str("id").to_owned();
    let adding = ctx.method != "DELETE";
    let voters = ctx.state.forum.votes.entry(id.clone()).or_default();
    let changed = if adding {
        voters.insert(customer_id)
    } else {
        voters.remove(&customer_id)
    };
    let post = if changed {
        bump(ctx, &id, "vote_count", if adding { 1 } else { -1 })
    } else {
        Some(public_post(&post))
    };
    if changed && adding {
        let team = ctx.team_id();
        ctx.state
            .events
            .publish("community_post.voted", &team, json!({"post": post}));
    }
    let votes = post
        .as_ref()
        .and_then(|p| p["vote_count"].as_u64())
        .unwrap_or(0);
    Ok(success(
        200,
        json!({"object": "community_vote", "post_id": id, "voted": adding, "vote_count": votes}),
    ))
}
