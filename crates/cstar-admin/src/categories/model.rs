//! The knowledge-base category object.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::CategoryId;

/// A knowledge-base category.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Category {
    /// The category's UUID.
    pub id: CategoryId,
    /// The name.
    pub name: String,
    /// The URL slug, made from the name unless given.
    #[serde(default)]
    pub slug: Option<String>,
    /// A description.
    #[serde(default)]
    pub description: Option<String>,
    /// An icon identifier, such as `credit-card`.
    #[serde(default)]
    pub icon: Option<String>,
    /// A colour, such as `#7c3aed`.
    #[serde(default)]
    pub color: Option<String>,
    /// Display order, ascending.
    #[serde(default, alias = "sort_order")]
    pub sort_order: i64,
    /// Whether it shows in the public knowledge base.
    #[serde(default, alias = "is_public")]
    pub is_public: bool,
    /// When it was created.
    #[serde(alias = "created_at")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(alias = "updated_at")]
    pub updated_at: Timestamp,
}
