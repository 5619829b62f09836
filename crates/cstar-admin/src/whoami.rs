//! `GET /api/v1/auth/whoami`: which team and key this client is.

use serde::{Deserialize, Serialize};

cstar_types::open_enum! {
    /// The kind of key, as whoami reports it.
    pub enum KeyType {
        /// A secret key.
        Secret => "secret",
        /// A publishable key.
        Publishable => "publishable",
    }
}

cstar_types::open_enum! {
    /// The data environment, as whoami reports it.
    pub enum KeyEnvironment {
        /// Production data.
        Live => "live",
        /// Test data.
        Test => "test",
    }
}

/// The identity of the key in use. Every field reads `null` and absence as the value its
/// documentation names.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WhoAmI {
    /// The team's UUID; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "team_id"
    )]
    pub team_id: String,
    /// The team's display name; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "team_name"
    )]
    pub team_name: Option<String>,
    /// The team's slug (used by the customer-facing APIs); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "team_slug"
    )]
    pub team_slug: Option<String>,
    /// Secret or publishable; `Unknown("")` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "key_type"
    )]
    pub key_type: KeyType,
    /// Live or test; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub environment: KeyEnvironment,
}
