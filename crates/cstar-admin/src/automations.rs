//! Automation rules: `cstar.automations()` with `list` and `create`. The inner shape of
//! conditions and actions is undocumented, so they are JSON.
//!
//! ```no_run
//! use cstar_admin::CreateAutomation;
//! use serde_json::json;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let rule = CreateAutomation::new("Escalate VIPs", "ticket.created")
//!     .conditions(json!({"all": [{"field": "customer.tags", "op": "contains", "value": "vip"}]}))
//!     .action(json!({"type": "set_priority", "value": "urgent"}));
//! cstar.automations().create(rule).await?;
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::scope::TeamScope;

/// An automation rule.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Automation {
    /// `rule_...`. The only required field.
    pub id: String,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// The event that fires it, e.g. `ticket.created`; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "trigger_event"
    )]
    pub trigger_event: String,
    /// What must match; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub conditions: Map<String, Value>,
    /// What it does; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub actions: Vec<Value>,
    /// Whether it runs; true when not sent (a rule runs unless disabled).
    #[serde(
        default = "crate::de::yes",
        deserialize_with = "crate::de::true_unless_false"
    )]
    pub enabled: bool,
    /// Times fired; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "execution_count"
    )]
    pub execution_count: u64,
}

/// The body of `automations().create`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateAutomation {
    /// The name.
    pub name: String,
    /// The event that fires it.
    pub trigger_event: String,
    /// What must match.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub conditions: Map<String, Value>,
    /// What it does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Value>,
    /// Whether it runs (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl CreateAutomation {
    /// A rule fired by this event type.
    pub fn new(name: impl Into<String>, trigger_event: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            trigger_event: trigger_event.into(),
            conditions: Map::new(),
            actions: Vec::new(),
            enabled: None,
        }
    }

    /// Sets the conditions (a JSON object; anything else means none).
    pub fn conditions(mut self, conditions: Value) -> Self {
        if let Value::Object(map) = conditions {
            self.conditions = map;
        }
        self
    }

    /// Adds an action.
    pub fn action(mut self, action: Value) -> Self {
        self.actions.push(action);
        self
    }

    /// Starts it enabled or not.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }
}

/// The automations resource; from [`CStarClient::automations`](crate::CStarClient::automations).
#[derive(Clone, Debug)]
pub struct Automations {
    scope: TeamScope,
}

impl Automations {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Every rule, as one page.
    ///
    /// The API sends it as one list without pagination, so the page's `has_more` is false; a
    /// record the model cannot read is kept in the page's `unreadable` instead of failing the
    /// call.
    #[inline]
    pub fn list(&self) -> Call<Page<Automation>> {
        Call::list(
            &self.scope.client,
            self.scope.spec(Method::GET, "/automations"),
        )
    }

    /// Creates a rule.
    #[inline]
    pub fn create(&self, rule: CreateAutomation) -> Call<Automation> {
        let spec = self
            .scope
            .spec(Method::POST, "/automations")
            .json_body(&rule);
        self.scope.single(spec)
    }
}
