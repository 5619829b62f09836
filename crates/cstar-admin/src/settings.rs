//! Team settings (secret key only): `cstar.settings()` with `get` and `update`. Only the team
//! name and slug are documented; every other key is kept in `other`.
//!
//! ```no_run
//! use cstar_admin::UpdateSettings;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let settings = cstar.settings().update(UpdateSettings::patch().team_name("Acme Support")).await?;
//! println!("{} ({})", settings.team_name, settings.team_slug);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::scope::TeamScope;

/// The team's settings.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TeamSettings {
    /// The team's name; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "team_name"
    )]
    pub team_name: String,
    /// The team's slug; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "team_slug"
    )]
    pub team_slug: String,
    /// Every other setting, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The patch of `settings().update`: only what is set is sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateSettings {
    /// A new team name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_name: Option<String>,
    /// A new team slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_slug: Option<String>,
    /// Other settings to change, by their wire names.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl UpdateSettings {
    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Renames the team.
    pub fn team_name(mut self, name: impl Into<String>) -> Self {
        self.team_name = Some(name.into());
        self
    }

    /// Changes the team's slug.
    pub fn team_slug(mut self, slug: impl Into<String>) -> Self {
        self.team_slug = Some(slug.into());
        self
    }

    /// Sets another setting by its wire name.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.other.insert(key.into(), value.into());
        self
    }
}

/// The settings resource; from [`CStarClient::settings`](crate::CStarClient::settings).
#[derive(Clone, Debug)]
pub struct Settings {
    scope: TeamScope,
}

impl Settings {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// The settings.
    #[inline]
    pub fn get(&self) -> Call<TeamSettings> {
        self.scope.single(self.scope.spec(Method::GET, "/settings"))
    }

    /// Changes what the patch sets; returns the settings after.
    #[inline]
    pub fn update(&self, patch: UpdateSettings) -> Call<TeamSettings> {
        let spec = self
            .scope
            .spec(Method::PATCH, "/settings")
            .json_body(&patch);
        self.scope.single(spec)
    }
}
