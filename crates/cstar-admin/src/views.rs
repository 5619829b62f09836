//! Saved views: `cstar.views()` with `list` and `create` (a named filter set for one entity
//! type).
//!
//! ```no_run
//! use cstar_admin::{CreateView, ViewEntity};
//! use serde_json::json;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let urgent = CreateView::new("Urgent and open", ViewEntity::Tickets)
//!     .filters(json!({"priority": "urgent", "status": "open"}));
//! cstar.views().create(urgent).await?;
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::scope::TeamScope;

cstar_types::open_enum! {
    /// What a view lists.
    pub enum ViewEntity {
        /// Tickets.
        Tickets => "tickets",
        /// Customers.
        Customers => "customers",
        /// Articles.
        Articles => "articles",
        /// Community posts.
        CommunityPosts => "community_posts",
    }
}

cstar_types::open_enum! {
    /// Sort direction.
    pub enum SortOrder {
        /// Ascending.
        Asc => "asc",
        /// Descending.
        Desc => "desc",
    }
}

cstar_types::open_enum! {
    /// Who sees a view.
    pub enum ViewVisibility {
        /// Its creator.
        Private => "private",
        /// The whole team.
        Team => "team",
    }
}

/// A saved view.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SavedView {
    /// `view_...`. The only required field.
    pub id: String,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// What it lists; `Unknown("")` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "entity_type"
    )]
    pub entity_type: ViewEntity,
    /// The stored filters, as the list routes take them; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub filters: Map<String, Value>,
    /// The field it sorts by; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "sort_by"
    )]
    pub sort_by: Option<String>,
    /// The sort direction; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "sort_order"
    )]
    pub sort_order: Option<SortOrder>,
    /// Who sees it; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub visibility: Option<ViewVisibility>,
}

/// The body of `views().create`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateView {
    /// The name.
    pub name: String,
    /// What it lists.
    pub entity_type: ViewEntity,
    /// The filters.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub filters: Map<String, Value>,
    /// The field to sort by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<String>,
    /// The sort direction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<SortOrder>,
    /// Who sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<ViewVisibility>,
}

impl CreateView {
    /// A view with this name over this entity type.
    pub fn new(name: impl Into<String>, entity: ViewEntity) -> Self {
        Self {
            name: name.into(),
            entity_type: entity,
            filters: Map::new(),
            sort_by: None,
            sort_order: None,
            visibility: None,
        }
    }

    /// Sets the filters (a JSON object; anything else is ignored).
    pub fn filters(mut self, filters: Value) -> Self {
        if let Value::Object(map) = filters {
            self.filters = map;
        }
        self
    }

    /// Sorts by this field, in this direction.
    pub fn sort(mut self, field: impl Into<String>, order: SortOrder) -> Self {
        self.sort_by = Some(field.into());
        self.sort_order = Some(order);
        self
    }

    /// Sets who sees it.
    pub fn visibility(mut self, visibility: ViewVisibility) -> Self {
        self.visibility = Some(visibility);
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    entity_type: Option<ViewEntity>,
}

/// The saved-views resource; from [`CStarClient::views`](crate::CStarClient::views).
#[derive(Clone, Debug)]
pub struct Views {
    scope: TeamScope,
}

impl Views {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Every view, or those of one entity type, as one page.
    ///
    /// The API sends it as one list without pagination, so the page's `has_more` is false; a
    /// record the model cannot read is kept in the page's `unreadable` instead of failing the
    /// call.
    #[inline]
    pub fn list(&self, entity: Option<ViewEntity>) -> Call<Page<SavedView>> {
        let spec = self
            .scope
            .spec(Method::GET, "/views")
            .query_params(&ListQuery {
                entity_type: entity,
            });
        Call::list(&self.scope.client, spec)
    }

    /// Saves a view.
    #[inline]
    pub fn create(&self, view: CreateView) -> Call<SavedView> {
        let spec = self.scope.spec(Method::POST, "/views").json_body(&view);
        self.scope.single(spec)
    }
}
