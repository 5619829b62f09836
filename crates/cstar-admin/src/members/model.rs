//! The team member object.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::MemberId;

cstar_core::open_enum! {
    /// What a member may do in the team.
    pub enum MemberRole {
        /// Owns the team.
        Owner => "owner",
        /// Administers the team.
        Admin => "admin",
        /// Manages agents.
        Manager => "manager",
        /// Keeps the knowledge base.
        Librarian => "librarian",
        /// Answers tickets.
        Agent => "agent",
        /// Reads only.
        Spectator => "spectator",
    }
}

/// A member of the team (an agent, admin, ...).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Member {
    /// The membership id, `mem_...`.
    pub id: MemberId,
    /// The user account behind the membership.
    #[serde(default, alias = "user_id")]
    pub user_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Avatar image URL.
    #[serde(default, alias = "avatar_url")]
    pub avatar_url: Option<String>,
    /// The role.
    pub role: MemberRole,
    /// The game title shown for the role, such as "The Hero".
    #[serde(default, alias = "role_display_name")]
    pub role_display_name: Option<String>,
    /// Permission keys.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Player level.
    #[serde(default)]
    pub level: u32,
    /// Current XP.
    #[serde(default)]
    pub xp: u64,
    /// When they joined the team.
    #[serde(default, alias = "joined_at")]
    pub joined_at: Option<Timestamp>,
}
