//! The knowledge-base article.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{ArticleId, CategoryId, Timestamp};

crate::open_enum! {
    /// Where an article is in its life.
    pub enum ArticleStatus {
        /// Being written.
        Draft => "draft",
        /// Live.
        Published => "published",
        /// Retired.
        Archived => "archived",
    }
}

/// A knowledge-base article; `content` is Markdown. The admin API, the public library and the
/// article events all give this type; the library fills only what public readers may see.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Article {
    /// `art_...`. The only required field.
    pub id: ArticleId,
    /// The title; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub title: String,
    /// The URL slug (what the library's `article(slug)` takes); empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub slug: String,
    /// A short summary; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub excerpt: Option<String>,
    /// The body, in Markdown; `None` when not sent (list rows may leave it out).
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub content: Option<String>,
    /// The category's UUID; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "category_id"
    )]
    pub category_id: Option<CategoryId>,
    /// The category's name (the library's label, or what older documentation sends instead of
    /// `categoryId`); `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub category: Option<String>,
    /// The category's slug, which the library's `articles` filters by; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "category_slug"
    )]
    pub category_slug: Option<String>,
    /// Draft, published or archived; `Unknown("")` when not sent (the library sends only
    /// published articles).
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub status: ArticleStatus,
    /// Tags; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub tags: Vec<String>,
    /// Internal notes; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub notes: Option<String>,
    /// Times viewed; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "view_count"
    )]
    pub view_count: u64,
    /// Times used in agent replies; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "use_count"
    )]
    pub use_count: u64,
    /// Readers who found it helpful; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "helpful_count"
    )]
    pub helpful_count: u64,
    /// Readers who did not; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "not_helpful_count"
    )]
    pub not_helpful_count: u64,
    /// A human string such as `2 min`; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "read_time"
    )]
    pub read_time: Option<String>,
    /// Whether it shows in the public knowledge base; false when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "is_public"
    )]
    pub is_public: bool,
    /// When it was published; `None` when unpublished or not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "published_at"
    )]
    pub published_at: Option<Timestamp>,
    /// The SEO description; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "meta_description"
    )]
    pub meta_description: Option<String>,
    /// Free-form data of your own; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub metadata: Map<String, Value>,
    /// When it was created; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "updated_at"
    )]
    pub updated_at: Option<Timestamp>,
}
