//! `GET /game/player?userId=`: a member's player stats, made from the member's level and XP
//! (the season and the rest are the emulator's fixed values).

use serde_json::{Value, json};

use super::Ctx;
use super::doc_crud::matching;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

/// XP per level, for the progress figures.
const XP_PER_LEVEL: u64 = 250;

pub(super) fn player(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let user_id = ctx
        .query("userId")
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| ApiFailure::missing("userId"))?
        .to_owned();
    // The members list makes sure the starting members exist.
    super::members::ensure_seeded(ctx);
    let member = matching(ctx, Kind::Members, |d| d.str("userId") == user_id)
        .into_iter()
        .next()
        .ok_or_else(|| ApiFailure::not_found("Player"))?;
    let level = member
        .object
        .get("level")
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let xp = member.object.get("xp").and_then(Value::as_u64).unwrap_or(0);
    let in_level = xp % XP_PER_LEVEL;
    Ok(success(
        200,
        json!({
            "object": "player_stats",
            "memberId": member.str("id"),
            "name": member.str("name"),
            "avatarUrl": member.object.get("avatarUrl"),
            "season": {"id": "2026-Q4", "name": "Season of the Emulator", "endsAt": "2026-12-31T23:59:59.000Z"},
            "level": level,
            "xp": xp,
            "xpToNextLevel": XP_PER_LEVEL - in_level,
            "xpInCurrentLevel": in_level,
            "xpProgress": in_level as f64 / XP_PER_LEVEL as f64,
            "gold": level * 10,
            "prestigeLevel": 0,
            "prestigeBonus": 0,
            "streaks": {"current": 0, "max": 0},
            "stats": {"ticketsClosed": 0, "bossesDefeated": 0, "finalBlows": 0, "achievementsUnlocked": 0, "questsCompleted": 0},
            "skills": {},
            "availableSkillPoints": 0,
            "totalSkillPoints": 0,
            "cosmetics": {"avatarFrame": null, "victoryMessage": null},
        }),
    ))
}
