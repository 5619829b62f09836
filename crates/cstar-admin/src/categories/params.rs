//! What the category calls take.

use crate::collection::paging_params;
use serde::Serialize;

/// Filters and paging for `categories().list` and `list_all`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListCategories {
    /// Only public, or only private, categories.
    pub is_public: Option<bool>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListCategories {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only public (`true`) or only private (`false`) categories.
    pub fn is_public(mut self, public: bool) -> Self {
        self.is_public = Some(public);
        self
    }
}

paging_params!(ListCategories);

/// The fields of a category: what `create` sends (the name is required) and what `update`
/// changes (only what is set is sent).
///
/// ```
/// use cstar_admin::CategoryFields;
///
/// let billing = CategoryFields::new("Billing").icon("credit-card").sort_order(1);
/// let reorder = CategoryFields::patch().sort_order(5);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CategoryFields {
    /// The name (required on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The URL slug (made from the name when not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An icon identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// A colour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Display order, ascending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_order: Option<i64>,
    /// Whether it shows in the public knowledge base (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_public: Option<bool>,
}

/// The body of `categories().create`.
pub type CreateCategory = CategoryFields;

/// The patch of `categories().update`.
pub type UpdateCategory = CategoryFields;

impl CategoryFields {
    /// Fields with this name (what `create` requires).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            ..Self::default()
        }
    }

    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the slug.
    pub fn slug(mut self, slug: impl Into<String>) -> Self {
        self.slug = Some(slug.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets the icon.
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Sets the colour.
    pub fn color(mut self, color: impl Into<String>) -> Self {
        self.color = Some(color.into());
        self
    }

    /// Sets the display order.
    pub fn sort_order(mut self, order: i64) -> Self {
        self.sort_order = Some(order);
        self
    }

    /// Shows it in (`true`) or hides it from (`false`) the public knowledge base: the same name
    /// as the field and as [`ListCategories::is_public`].
    pub fn is_public(mut self, public: bool) -> Self {
        self.is_public = Some(public);
        self
    }
}
