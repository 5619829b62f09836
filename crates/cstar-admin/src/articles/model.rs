//! The knowledge-base article object.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::{ArticleId, CategoryId};

cstar_core::open_enum! {
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

/// A knowledge-base article; `content` is Markdown.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Article {
    /// `art_...`.
    pub id: ArticleId,
    /// The title.
    pub title: String,
    /// The URL slug.
    #[serde(default)]
    pub slug: Option<String>,
    /// A short summary.
    #[serde(default)]
    pub excerpt: Option<String>,
    /// The body, in Markdown.
    #[serde(default)]
    pub content: Option<String>,
    /// The category's UUID.
    #[serde(default, alias = "category_id")]
    pub category_id: Option<CategoryId>,
    /// The category's name or slug, as older documentation sends it instead of `categoryId`.
    #[serde(default)]
    pub category: Option<String>,
    /// Draft, published or archived.
    pub status: ArticleStatus,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Internal notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Times viewed.
    #[serde(default, alias = "view_count")]
    pub view_count: u64,
    /// Times used in agent replies.
    #[serde(default, alias = "use_count")]
    pub use_count: u64,
    /// A human string such as `2 min`.
    #[serde(default, alias = "read_time")]
    pub read_time: Option<String>,
    /// Whether it shows in the public knowledge base.
    #[serde(default, alias = "is_public")]
    pub is_public: bool,
    /// When it was published.
    #[serde(default, alias = "published_at")]
    pub published_at: Option<Timestamp>,
    /// The SEO description.
    #[serde(default, alias = "meta_description")]
    pub meta_description: Option<String>,
    /// Free-form data of your own.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// When it was created.
    #[serde(alias = "created_at")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(alias = "updated_at")]
    pub updated_at: Timestamp,
}
