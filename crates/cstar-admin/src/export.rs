//! Exports: `cstar.export(ExportRequest::json().resource(RecordType::Tickets, filters))` returns
//! up to 10,000 rows per record type, as JSON rows or (one type) as CSV text.
//!
//! ```no_run
//! use cstar_admin::{ExportRequest, RecordType};
//! use serde_json::json;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let export = cstar
//!     .export(ExportRequest::json().resource(RecordType::Tickets, json!({"status": "closed"})))
//!     .await?;
//! println!("{} rows", export.total_rows);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::bulk::RecordType;
use crate::scope::TeamScope;

cstar_types::open_enum! {
    /// How rows come back.
    pub enum ExportFormat {
        /// JSON rows, any number of record types.
        Json => "json",
        /// CSV text, one record type.
        Csv => "csv",
    }
}

/// One record type to export, with its list filters.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ExportResource {
    /// The record type.
    #[serde(rename = "type")]
    pub resource: RecordType,
    /// Filters, as the type's list call takes them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub filters: Map<String, Value>,
}

/// The body of `export`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ExportRequest {
    /// What to export.
    pub resources: Vec<ExportResource>,
    /// How.
    pub format: ExportFormat,
}

impl ExportRequest {
    /// A JSON export (add record types with [`resource`](Self::resource)).
    pub fn json() -> Self {
        Self {
            resources: Vec::new(),
            format: ExportFormat::Json,
        }
    }

    /// A CSV export of one record type.
    pub fn csv(resource: RecordType, filters: Value) -> Self {
        Self {
            resources: Vec::new(),
            format: ExportFormat::Csv,
        }
        .resource(resource, filters)
    }

    /// Adds a record type with its filters (a JSON object; anything else means no filter).
    pub fn resource(mut self, resource: RecordType, filters: Value) -> Self {
        let filters = match filters {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        self.resources.push(ExportResource { resource, filters });
        self
    }
}

/// What `export` returns.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExportResult {
    /// JSON or CSV; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub format: ExportFormat,
    /// Rows in all; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "total_rows"
    )]
    pub total_rows: u64,
    /// JSON exports: the rows per record type (`tickets`, `customers`, ...); empty when not sent.
    #[serde(default, deserialize_with = "rows_by_type")]
    pub resources: BTreeMap<String, Vec<Value>>,
    /// CSV exports: the text; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub content: Option<String>,
}

pub(crate) fn export(scope: &TeamScope, request: &ExportRequest) -> Call<ExportResult> {
    let spec = scope.spec(Method::POST, "/export").json_body(request);
    scope.single(spec)
}

/// An export's `resources`: rows per record type. A type whose rows are `null` has none; a
/// member that is not a list (something a later API added beside the record types) is left
/// out rather than failing the export.
fn rows_by_type<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, Vec<serde_json::Value>>, D::Error> {
    let members =
        <Option<serde_json::Map<String, serde_json::Value>> as serde::Deserialize>::deserialize(
            deserializer,
        )?
        .unwrap_or_default();
    Ok(members
        .into_iter()
        .filter_map(|(kind, rows)| match rows {
            serde_json::Value::Array(rows) => Some((kind, rows)),
            serde_json::Value::Null => Some((kind, Vec::new())),
            _ => None,
        })
        .collect())
}
