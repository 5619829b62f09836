//! The team member object.

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::MemberId;

cstar_types::open_enum! {
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
///
/// Only `id` is required; every other field reads `null` and absence as the value its
/// documentation names.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Member {
    /// The membership id, `mem_...`. The only required field.
    pub id: MemberId,
    /// The user account behind the membership; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "user_id"
    )]
    pub user_id: Option<String>,
    /// Display name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// Email; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub email: Option<String>,
    /// Avatar image URL; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "avatar_url"
    )]
    pub avatar_url: Option<String>,
    /// The role; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub role: MemberRole,
    /// The game title shown for the role, such as "The Hero"; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "role_display_name"
    )]
    pub role_display_name: Option<String>,
    /// Permission keys; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub permissions: Vec<String>,
    /// Player level; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub level: u32,
    /// Current XP; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub xp: u64,
    /// When they joined the team; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "joined_at"
    )]
    pub joined_at: Option<Timestamp>,
}
