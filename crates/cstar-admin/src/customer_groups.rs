//! Customer groups (organizations): `cstar.customer_groups()` with `list` and `list_all`, the
//! documented routes (group writes and membership are not documented yet; reach them with
//! [`CStarClient::request`](crate::CStarClient::request) if your team has them).
//!
//! ```no_run
//! use cstar_admin::{CStarClient, ListCustomerGroups};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let page = cstar.customer_groups().list(ListCustomerGroups::new().search("enterprise")).await?;
//! for group in &page.data {
//!     println!("{} ({} customers)", group.name, group.customer_count);
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

/// A group of customers, such as a company.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomerGroup {
    /// The group's UUID. The only required field.
    pub id: String,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// The slug, derived from the name unless given; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub slug: Option<String>,
    /// A description; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub description: Option<String>,
    /// Its id in an outside system (a Zendesk organization, say); `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "external_id"
    )]
    pub external_id: Option<String>,
    /// Team-defined fields; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "custom_fields"
    )]
    pub custom_fields: Map<String, Value>,
    /// How many customers belong to it; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "customer_count"
    )]
    pub customer_count: u64,
    /// When it was created; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "updated_at"
    )]
    pub updated_at: Option<Timestamp>,
}

/// Filters and paging for `customer_groups().list` (the default page size here is 25).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListCustomerGroups {
    /// Text to find in the name.
    pub search: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 25, at most 100).
    pub page_size: Option<u32>,
}

impl ListCustomerGroups {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Text to find in the name.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }
}

paging_params!(ListCustomerGroups);

/// The customer-groups resource; from
/// [`CStarClient::customer_groups`](crate::CStarClient::customer_groups).
#[derive(Clone, Debug)]
pub struct CustomerGroups {
    scope: TeamScope,
}

const TEMPLATE: &str = "/customer-groups";

impl CustomerGroups {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// One page of groups.
    #[inline]
    pub fn list(&self, params: ListCustomerGroups) -> Call<Page<CustomerGroup>> {
        let spec = self.scope.spec(Method::GET, TEMPLATE).query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every group matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListCustomerGroups) -> ItemStream<CustomerGroup> {
        self.scope.walk(TEMPLATE, params)
    }
}
