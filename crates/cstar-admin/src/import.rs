//! Imports: `cstar.import(ImportRequest::new(RecordType::Customers, records))` creates up to
//! 500 records in their create shape; customers are matched on email.
//!
//! ```no_run
//! use cstar_admin::{ImportRequest, MergeStrategy, RecordType};
//! use serde_json::json;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let records = vec![json!({"name": "Ada", "email": "ada@example.com"})];
//! let result = cstar
//!     .import(ImportRequest::new(RecordType::Customers, records).merge(MergeStrategy::Update))
//!     .await?;
//! println!("{} created, {} updated, {} skipped", result.created, result.updated, result.skipped);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bulk::{RecordError, RecordType};
use crate::scope::TeamScope;

/// The most records one import takes.
pub const MAX_IMPORT_RECORDS: usize = 500;

cstar_types::open_enum! {
    /// What an import does with a record that already exists (customers, by email).
    pub enum MergeStrategy {
        /// Leave it alone (the default).
        Skip => "skip",
        /// Update it with the imported fields.
        Update => "update",
    }
}

/// The body of `import`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportRequest {
    /// Which record type.
    pub resource: RecordType,
    /// The records, each in the resource's create shape.
    pub records: Vec<Value>,
    /// What to do with existing records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge_strategy: Option<MergeStrategy>,
}

impl ImportRequest {
    /// Imports these records.
    pub fn new(resource: RecordType, records: Vec<Value>) -> Self {
        Self {
            resource,
            records,
            merge_strategy: None,
        }
    }

    /// Sets what happens to existing records.
    pub fn merge(mut self, strategy: MergeStrategy) -> Self {
        self.merge_strategy = Some(strategy);
        self
    }
}

/// What `import` reports.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ImportResult {
    /// Which record type; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub resource: RecordType,
    /// Records given; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub total: u64,
    /// Records created; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub created: u64,
    /// Existing records updated; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub updated: u64,
    /// Existing records left alone; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub skipped: u64,
    /// Records refused, with why; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub errors: Vec<RecordError>,
}

pub(crate) fn import(scope: &TeamScope, request: &ImportRequest) -> Call<ImportResult> {
    let route = scope.spec(Method::POST, "/import");
    let spec = if request.records.len() > MAX_IMPORT_RECORDS {
        route.reject(format!(
            "an import takes at most {MAX_IMPORT_RECORDS} records, got {}",
            request.records.len()
        ))
    } else {
        route.json_body(request)
    };
    scope.single(spec)
}
