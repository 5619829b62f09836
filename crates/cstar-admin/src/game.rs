//! Gamification: `cstar.game().player(user_id)`, a member's season stats.
//!
//! ```no_run
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let stats = cstar.game().player("usr_123").await?;
//! println!("{} is level {} ({:.0}% to the next)", stats.name, stats.level, stats.xp_progress * 100.0);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::scope::TeamScope;

/// A season.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Season {
    /// E.g. `2026-Q2`; empty when not sent (a season is a label inside the player's stats, not
    /// a record of its own, so nothing is required).
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub id: String,
    /// Its name; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: Option<String>,
    /// When it ends; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "ends_at"
    )]
    pub ends_at: Option<String>,
}

/// Streak lengths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Streaks {
    /// The current streak; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub current: u64,
    /// The longest; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub max: u64,
}

/// A member's player stats for the season.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlayerStats {
    /// The member (`mem_...`); empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "member_id"
    )]
    pub member_id: String,
    /// Their name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// Their avatar; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "avatar_url"
    )]
    pub avatar_url: Option<String>,
    /// The season; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub season: Option<Season>,
    /// Level (resets each season); 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub level: u32,
    /// XP within the season; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub xp: u64,
    /// XP still needed for the next level; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "xp_to_next_level"
    )]
    pub xp_to_next_level: u64,
    /// XP gained within this level; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "xp_in_current_level"
    )]
    pub xp_in_current_level: u64,
    /// Progress through this level, 0 to 1; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "xp_progress"
    )]
    pub xp_progress: f64,
    /// Gold; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub gold: u64,
    /// Prestige level; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "prestige_level"
    )]
    pub prestige_level: u32,
    /// Streaks; all zero when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub streaks: Streaks,
    /// Counters (`ticketsClosed`, `bossesDefeated`, ...); empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub stats: Map<String, Value>,
    /// Skills by key: `{level, maxLevel, effect}`; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub skills: Map<String, Value>,
    /// Unspent skill points; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "available_skill_points"
    )]
    pub available_skill_points: u32,
    /// Cosmetics (`avatarFrame`, `victoryMessage`); empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub cosmetics: Map<String, Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlayerQuery<'a> {
    user_id: &'a str,
}

/// The game resource; from [`CStarClient::game`](crate::CStarClient::game).
#[derive(Clone, Debug)]
pub struct Game {
    scope: TeamScope,
}

impl Game {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// The stats of the member with this user id (`userId`, as `members()` shows it).
    #[inline]
    pub fn player(&self, user_id: impl AsRef<str>) -> Call<PlayerStats> {
        let user_id = user_id.as_ref();
        let route = self.scope.spec(Method::GET, "/game/player");
        let spec = if user_id.trim().is_empty() {
            route.reject("user id is empty")
        } else {
            route.query_params(&PlayerQuery { user_id })
        };
        self.scope.single(spec)
    }
}
