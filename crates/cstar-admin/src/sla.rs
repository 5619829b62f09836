//! SLA rules: `cstar.sla()` with `list` and `create` (targets in minutes per priority).
//!
//! ```no_run
//! use cstar_admin::{CreateSlaRule, Priority};
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! cstar.sla().create(CreateSlaRule::new("Urgent", Priority::Urgent, 15, 240)).await?;
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;
use crate::tickets::Priority;

/// An SLA rule.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SlaRule {
    /// `sla_...`. The only required field.
    pub id: String,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// The ticket priority it applies to; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub priority: Priority,
    /// Minutes to the first response; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "response_target"
    )]
    pub response_target: Option<u32>,
    /// Minutes to resolution; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "resolution_target"
    )]
    pub resolution_target: Option<u32>,
    /// Whether only business hours count; false when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "business_hours_only"
    )]
    pub business_hours_only: bool,
    /// Whether it applies; true when not sent (a rule applies unless disabled).
    #[serde(
        default = "crate::de::yes",
        deserialize_with = "crate::de::true_unless_false"
    )]
    pub enabled: bool,
}

/// The body of `sla().create`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateSlaRule {
    /// The name.
    pub name: String,
    /// The ticket priority it applies to.
    pub priority: Priority,
    /// Minutes to the first response.
    pub response_target: u32,
    /// Minutes to resolution.
    pub resolution_target: u32,
    /// Count only business hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_hours_only: Option<bool>,
    /// Whether it applies (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl CreateSlaRule {
    /// A rule for this priority: first response and resolution within these minutes.
    pub fn new(
        name: impl Into<String>,
        priority: Priority,
        response_minutes: u32,
        resolution_minutes: u32,
    ) -> Self {
        Self {
            name: name.into(),
            priority,
            response_target: response_minutes,
            resolution_target: resolution_minutes,
            business_hours_only: None,
            enabled: None,
        }
    }

    /// Counts only business hours.
    pub fn business_hours_only(mut self, only: bool) -> Self {
        self.business_hours_only = Some(only);
        self
    }

    /// Starts it enabled or not.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }
}

/// The SLA resource; from [`CStarClient::sla`](crate::CStarClient::sla).
#[derive(Clone, Debug)]
pub struct Sla {
    scope: TeamScope,
}

impl Sla {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Every rule, as one page.
    ///
    /// The API sends it as one list without pagination, so the page's `has_more` is false; a
    /// record the model cannot read is kept in the page's `unreadable` instead of failing the
    /// call.
    #[inline]
    pub fn list(&self) -> Call<Page<SlaRule>> {
        Call::list(
            &self.scope.client,
            self.scope.spec(Method::GET, "/sla/rules"),
        )
    }

    /// Creates a rule.
    #[inline]
    pub fn create(&self, rule: CreateSlaRule) -> Call<SlaRule> {
        let spec = self.scope.spec(Method::POST, "/sla/rules").json_body(&rule);
        self.scope.single(spec)
    }
}
