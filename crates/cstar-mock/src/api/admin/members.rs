//! `/members` and `/members/{id}`: read-only. A team always has members, so each environment
//! gets the same three the first time it is asked (`--seed` adds more).

use serde_json::{Map, Value, json};

use super::Ctx;
use super::doc_crud::{insert, load, matching};
use super::fields::check_enum;
use super::paging::page_reply;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::ids::uuid_v4;
use crate::store::documents::Kind;

const KIND: Kind = Kind::Members;
pub(crate) const ROLES: &[&str] = &[
    "owner",
    "admin",
    "manager",
    "librarian",
    "agent",
    "spectator",
];

/// The members every team starts with: name, email, role.
const STARTING_MEMBERS: &[(&str, &str, &str)] = &[
    ("Morgan Owner", "owner@example.com", "owner"),
    ("Alex Admin", "admin@example.com", "admin"),
    ("Sam Agent", "agent@example.com", "agent"),
];

/// The game title cStar shows for a role (the documentation names only "The Hero"; the rest are
/// the emulator's).
fn role_display_name(role: &str) -> &'static str {
    match role {
        "owner" => "The Founder",
        "admin" => "The Guardian",
        "manager" => "The Strategist",
        "librarian" => "The Librarian",
        "spectator" => "The Spectator",
        _ => "The Hero",
    }
}

/// Adds a member with this name, email and role.
pub(crate) fn add_member(ctx: &mut Ctx<'_>, name: &str, email: &str, role: &str, level: u64) {
    let mut fields = Map::new();
    fields.insert("userId".into(), uuid_v4().into());
    fields.insert("name".into(), name.into());
    fields.insert("email".into(), email.into());
    fields.insert("avatarUrl".into(), Value::Null);
    fields.insert("role".into(), role.into());
    fields.insert("roleDisplayName".into(), role_display_name(role).into());
    fields.insert("permissions".into(), json!([]));
    fields.insert("level".into(), level.into());
    fields.insert("xp".into(), (level * 250).into());
    fields.insert("joinedAt".into(), crate::model::clock::now_rfc3339().into());
    insert(ctx, KIND, fields, None);
}

pub(super) fn ensure_seeded(ctx: &mut Ctx<'_>) {
    let env = ctx.caller.env;
    if ctx.state.data(env).members_seeded {
        return;
    }
    ctx.state.data(env).members_seeded = true;
    for (level, (name, email, role)) in (1..).zip(STARTING_MEMBERS) {
        add_member(ctx, name, email, role, level * 3);
    }
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    ensure_seeded(ctx);
    check_enum("role", ctx.query("role"), ROLES)?;
    let role = ctx.query("role").map(str::to_owned);
    let mut found = matching(ctx, KIND, |d| {
        role.as_deref().is_none_or(|r| d.str("role") == r)
    });
    // Oldest first: the owner leads the list.
    found.reverse();
    let items = found.into_iter().map(|d| Value::Object(d.object)).collect();
    page_reply(ctx, items)
}

pub(super) fn get(ctx: &mut Ctx<'_>, id: &str) -> Result<Reply, ApiFailure> {
    ensure_seeded(ctx);
    let object = load(ctx, KIND, id)?.object.clone();
    Ok(success(200, Value::Object(object)))
}
