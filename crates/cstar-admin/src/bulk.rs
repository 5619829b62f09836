//! Bulk changes: `cstar.bulk(BulkRequest::update(..))` updates or deletes up to 100 tickets,
//! customers or articles in one call; each record fails or succeeds on its own.
//!
//! ```no_run
//! use cstar_admin::{BulkRequest, RecordType};
//! use serde_json::json;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let ids = ["tkt_1", "tkt_2"];
//! let result = cstar
//!     .bulk(BulkRequest::update(RecordType::Tickets, ids, json!({"status": "closed"})))
//!     .await?;
//! println!("{} of {} closed", result.succeeded, result.total);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::scope::TeamScope;

/// The most ids one bulk call takes.
pub const MAX_BULK_IDS: usize = 100;

cstar_types::open_enum! {
    /// The record types bulk changes, imports and exports work on.
    pub enum RecordType {
        /// Tickets.
        Tickets => "tickets",
        /// Customers.
        Customers => "customers",
        /// Articles.
        Articles => "articles",
    }
}

cstar_types::open_enum! {
    /// What a bulk call does.
    pub enum BulkAction {
        /// Sets `data` on each record.
        Update => "update",
        /// Deletes each record.
        Delete => "delete",
    }
}

/// The body of `bulk`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BulkRequest {
    /// Update or delete.
    pub action: BulkAction,
    /// Which record type.
    pub resource: RecordType,
    /// The records, at most [`MAX_BULK_IDS`].
    pub ids: Vec<String>,
    /// The fields to set, for an update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl BulkRequest {
    /// Sets `data` (a JSON object of fields, as the resource's update takes) on each record.
    pub fn update<I, S>(resource: RecordType, ids: I, data: Value) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            action: BulkAction::Update,
            resource,
            ids: ids.into_iter().map(Into::into).collect(),
            data: Some(data),
        }
    }

    /// Deletes each record.
    pub fn delete<I, S>(resource: RecordType, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            action: BulkAction::Delete,
            resource,
            ids: ids.into_iter().map(Into::into).collect(),
            data: None,
        }
    }
}

/// One record a bulk call or an import could not apply.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct RecordError {
    /// The record's id (bulk calls); `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub id: Option<String>,
    /// The record's position in the request (imports); `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub index: Option<u64>,
    /// The error code, as a single call would have answered; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub code: Option<String>,
    /// What went wrong; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub message: Option<String>,
    /// The field at fault; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub param: Option<String>,
}

/// What `bulk` reports.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct BulkResult {
    /// What was done; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub action: BulkAction,
    /// To which record type; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub resource: RecordType,
    /// Ids given; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub total: u64,
    /// Records changed; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub succeeded: u64,
    /// Records not changed; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub failed: u64,
    /// Why, per record; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub errors: Vec<RecordError>,
}

pub(crate) fn bulk(scope: &TeamScope, request: &BulkRequest) -> Call<BulkResult> {
    let spec = if request.ids.len() > MAX_BULK_IDS {
        scope.spec(Method::POST, "/bulk").reject(format!(
            "a bulk call takes at most {MAX_BULK_IDS} ids, got {}",
            request.ids.len()
        ))
    } else {
        scope.spec(Method::POST, "/bulk").json_body(request)
    };
    scope.single(spec)
}
