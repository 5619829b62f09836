//! The knowledge-base category object.

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::CategoryId;

/// A knowledge-base category.
///
/// Only `id` is required; every other field reads `null` and absence as the value its
/// documentation names.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Category {
    /// The category's UUID. The only required field.
    pub id: CategoryId,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// The URL slug, made from the name unless given; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub slug: String,
    /// A description; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub description: Option<String>,
    /// An icon identifier, such as `credit-card`; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub icon: Option<String>,
    /// A colour, such as `#7c3aed`; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub color: Option<String>,
    /// Display order, ascending; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "sort_order"
    )]
    pub sort_order: i64,
    /// Whether it shows in the public knowledge base; false when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "is_public"
    )]
    pub is_public: bool,
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
