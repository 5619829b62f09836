//! `GET /api/v1/auth/whoami`: which team and key this client is.

use serde::{Deserialize, Serialize};

cstar_core::open_enum! {
    /// The kind of key, as whoami reports it.
    pub enum KeyType {
        /// A secret key.
        Secret => "secret",
        /// A publishable key.
        Publishable => "publishable",
    }
}

cstar_core::open_enum! {
    /// The data environment, as whoami reports it.
    pub enum KeyEnvironment {
        /// Production data.
        Live => "live",
        /// Test data.
        Test => "test",
    }
}

/// The identity of the key in use.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WhoAmI {
    /// The team's UUID.
    pub team_id: String,
    /// The team's display name.
    #[serde(default)]
    pub team_name: Option<String>,
    /// The team's slug (used by the customer-facing APIs).
    #[serde(default)]
    pub team_slug: Option<String>,
    /// Secret or publishable.
    pub key_type: KeyType,
    /// Live or test.
    pub environment: KeyEnvironment,
}
