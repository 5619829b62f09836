//! `GET /api/v1/auth/whoami`: which team and key the caller holds.

use serde_json::json;

use super::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

pub(super) fn whoami(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let team = &ctx.state.team;
    Ok(success(
        200,
        json!({
            "teamId": team.id,
            "teamName": team.name,
            "teamSlug": team.slug,
            "keyType": ctx.caller.kind.as_str(),
            "environment": ctx.caller.env.as_str(),
        }),
    ))
}
