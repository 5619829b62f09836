//! What the document-backed resources share: finding one by any accepted id form, storing a new
//! one with its id and timestamps, and the event copies of their objects.

use serde_json::{Map, Value, json};

use super::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::now_rfc3339;
use crate::model::ids::{parse_id, uuid_v4};
use crate::store::documents::{Doc, Kind};
use crate::store::records::snake_case_keys;

/// The stored UUID of the document a path names (prefixed id, dashed UUID or bare hex).
pub(super) fn find(ctx: &mut Ctx<'_>, kind: Kind, id: &str) -> Result<String, ApiFailure> {
    let env = ctx.caller.env;
    let uuid = parse_id(kind.prefix(), id).ok_or_else(|| ApiFailure::not_found(kind.noun()))?;
    if ctx.state.data(env).table(kind).get(&uuid).is_some() {
        return Ok(uuid);
    }
    if ctx.state.data(env.other()).table(kind).get(&uuid).is_some() {
        return Err(ApiFailure::not_found_elsewhere(kind.noun(), env));
    }
    Err(ApiFailure::not_found(kind.noun()))
}

/// The document a path names.
pub(super) fn load<'a>(
    ctx: &'a mut Ctx<'_>,
    kind: Kind,
    id: &str,
) -> Result<&'a mut Doc, ApiFailure> {
    let uuid = find(ctx, kind, id)?;
    let env = ctx.caller.env;
    ctx.state
        .data(env)
        .table(kind)
        .get_mut(&uuid)
        .ok_or_else(|| ApiFailure::not_found(kind.noun()))
}

/// Every document of a kind that `keep` accepts, newest first, cloned out of the lock's view.
pub(super) fn matching(ctx: &mut Ctx<'_>, kind: Kind, keep: impl Fn(&Doc) -> bool) -> Vec<Doc> {
    let env = ctx.caller.env;
    ctx.state
        .data(env)
        .table(kind)
        .newest_first()
        .into_iter()
        .filter(|d| keep(d))
        .cloned()
        .collect()
}

/// Stores `fields` as a new document: adds `id`, `object`, `createdAt` and `updatedAt`, and
/// returns the stored object.
pub(crate) fn insert(
    ctx: &mut Ctx<'_>,
    kind: Kind,
    fields: Map<String, Value>,
    secret: Option<String>,
) -> Map<String, Value> {
    let uuid = uuid_v4();
    let now = now_rfc3339();
    let mut object = Map::new();
    object.insert("id".into(), kind.show_id(&uuid).into());
    object.insert("object".into(), kind.object().into());
    object.extend(fields);
    // Community posts are snake_case on the wire, as documented.
    let (created, updated) = if kind == Kind::CommunityPosts {
        ("created_at", "updated_at")
    } else {
        ("createdAt", "updatedAt")
    };
    object.insert(created.into(), now.clone().into());
    object.insert(updated.into(), now.into());
    let env = ctx.caller.env;
    let data = ctx.state.data(env);
    let seq = data.next_seq();
    data.table(kind).insert(
        uuid,
        Doc {
            seq,
            object: object.clone(),
            secret,
        },
    );
    object
}

/// Applies `changes` to a stored document and stamps `updatedAt`; returns the new object.
pub(super) fn patch(
    ctx: &mut Ctx<'_>,
    kind: Kind,
    id: &str,
    changes: Map<String, Value>,
) -> Result<Map<String, Value>, ApiFailure> {
    let doc = load(ctx, kind, id)?;
    doc.object.extend(changes);
    doc.object.insert("updatedAt".into(), now_rfc3339().into());
    Ok(doc.object.clone())
}

/// Removes a document; `{deleted: true, id}` with the id as given.
pub(super) fn remove(ctx: &mut Ctx<'_>, kind: Kind, id: &str) -> Result<(Doc, Reply), ApiFailure> {
    let uuid = find(ctx, kind, id)?;
    let env = ctx.caller.env;
    let doc = ctx
        .state
        .data(env)
        .table(kind)
        .remove(&uuid)
        .ok_or_else(|| ApiFailure::not_found(kind.noun()))?;
    Ok((doc, success(200, json!({"deleted": true, "id": id}))))
}

/// Publishes `type` with `data.{object}` as the snake_case copy of `object`.
pub(super) fn publish(
    ctx: &mut Ctx<'_>,
    event_type: &str,
    kind: Kind,
    object: &Map<String, Value>,
) {
    let team = ctx.team_id();
    let copy = snake_case_keys(&Value::Object(object.clone()));
    ctx.state
        .events
        .publish(event_type, &team, json!({ kind.object(): copy }));
}

/// Whether `haystack` contains the lowercase `needle`, ignoring case.
pub(crate) fn contains_folded(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

/// A boolean query parameter: `true` or `false`, anything else a 400 naming it.
pub(super) fn bool_query(ctx: &Ctx<'_>, name: &str) -> Result<Option<bool>, ApiFailure> {
    match ctx.query(name) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(ApiFailure::invalid(
            name,
            format!("{name} must be true or false"),
        )),
    }
}

/// Every document of a kind, oldest first, as a plain `data` array (no pagination), for the
/// families documented that way.
pub(super) fn all_oldest_first(
    ctx: &mut Ctx<'_>,
    kind: Kind,
    keep: impl Fn(&Doc) -> bool,
) -> Reply {
    let mut found = matching(ctx, kind, keep);
    found.reverse();
    success(
        200,
        Value::Array(found.into_iter().map(|d| Value::Object(d.object)).collect()),
    )
}

/// 403 unless the caller holds the secret key: for the routes documented as secret-key only.
pub(super) fn secret_only(ctx: &Ctx<'_>) -> Result<(), ApiFailure> {
    if ctx.caller.kind == crate::model::KeyKind::Secret {
        Ok(())
    } else {
        Err(ApiFailure::new(
            403,
            "authentication_error",
            "secret_key_required",
            "This route needs a secret key",
        ))
    }
}
