//! `/settings` (secret key only): the team's name and slug, which `PATCH` changes (whoami
//! shows the change), plus the emulator's fixed defaults for the undocumented keys.

use serde_json::{Value, json};

use super::Ctx;
use super::doc_crud::secret_only;
use super::fields::required_string;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::slugify;

fn shown(ctx: &Ctx<'_>) -> Value {
    json!({
        "object": "settings",
        "teamName": ctx.state.team.name,
        "teamSlug": ctx.state.team.slug,
        "timezone": "UTC",
        "ticketStatuses": super::tickets::STATUSES,
    })
}

pub(super) fn get(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    secret_only(ctx)?;
    Ok(success(200, shown(ctx)))
}

pub(super) fn update(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    secret_only(ctx)?;
    let body = ctx.json_object()?;
    let name = body
        .contains_key("teamName")
        .then(|| required_string(&body, "teamName"))
        .transpose()?;
    let slug = body
        .contains_key("teamSlug")
        .then(|| required_string(&body, "teamSlug"))
        .transpose()?;
    if let Some(slug) = &slug {
        if slugify(slug) != *slug {
            return Err(ApiFailure::invalid(
                "teamSlug",
                "teamSlug takes lowercase letters, digits and dashes",
            ));
        }
    }
    if let Some(name) = name {
        ctx.state.team.name = name;
    }
    if let Some(slug) = slug {
        ctx.state.team.slug = slug;
    }
    Ok(success(200, shown(ctx)))
}
