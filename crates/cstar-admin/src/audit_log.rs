//! The audit log: `cstar.audit_log()` with `list` and `list_all`, newest first; entries never
//! change.
//!
//! ```no_run
//! use cstar_admin::ListAuditLog;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let deletions = cstar
//!     .audit_log()
//!     .list(ListAuditLog::new().action("ticket.deleted").start_date("2026-11-01"))
//!     .await?;
//! for entry in &deletions.data {
//!     println!("{} {} by {:?}", entry.action, entry.resource_id.as_deref().unwrap_or("-"), entry.actor_name);
//! }
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, ItemStream, Page};
use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::collection::paging_params;
use crate::scope::TeamScope;

/// One audit-log entry.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuditEntry {
    /// `aud_...`. The only required field.
    pub id: String,
    /// What happened, e.g. `ticket.created`; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub action: String,
    /// The kind of record, e.g. `ticket`; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "resource_type"
    )]
    pub resource_type: Option<String>,
    /// The record, e.g. `tkt_...`; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "resource_id"
    )]
    pub resource_id: Option<String>,
    /// Who did it (an id); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "actor_id"
    )]
    pub actor_id: Option<String>,
    /// Who did it (a name); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "actor_name"
    )]
    pub actor_name: Option<String>,
    /// Extra context; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub details: Map<String, Value>,
    /// When; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
}

/// Filters and paging for `audit_log().list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListAuditLog {
    /// Only this action.
    pub action: Option<String>,
    /// Only this kind of record.
    pub resource_type: Option<String>,
    /// Only this actor.
    pub actor_id: Option<String>,
    /// From this date or time (ISO 8601).
    pub start_date: Option<String>,
    /// Up to this date or time (ISO 8601).
    pub end_date: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListAuditLog {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this action, e.g. `ticket.deleted`.
    pub fn action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Only this kind of record, e.g. `customer`.
    pub fn resource_type(mut self, kind: impl Into<String>) -> Self {
        self.resource_type = Some(kind.into());
        self
    }

    /// Only this actor.
    pub fn actor_id(mut self, actor: impl Into<String>) -> Self {
        self.actor_id = Some(actor.into());
        self
    }

    /// From this date or time (ISO 8601, e.g. `2026-11-01` or `2026-11-01T09:00:00Z`).
    pub fn start_date(mut self, date: impl Into<String>) -> Self {
        self.start_date = Some(date.into());
        self
    }

    /// Up to this date or time (ISO 8601).
    pub fn end_date(mut self, date: impl Into<String>) -> Self {
        self.end_date = Some(date.into());
        self
    }
}

paging_params!(ListAuditLog);

/// The audit-log resource; from [`CStarClient::audit_log`](crate::CStarClient::audit_log).
#[derive(Clone, Debug)]
pub struct AuditLog {
    scope: TeamScope,
}

const TEMPLATE: &str = "/audit-log";

impl AuditLog {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// One page of entries, newest first.
    #[inline]
    pub fn list(&self, params: ListAuditLog) -> Call<Page<AuditEntry>> {
        let spec = self.scope.spec(Method::GET, TEMPLATE).query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every entry matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListAuditLog) -> ItemStream<AuditEntry> {
        self.scope.walk(TEMPLATE, params)
    }
}
