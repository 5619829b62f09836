//! What the library returns.

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

/// A published, public knowledge-base article. `content` is Markdown: render it yourself.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LibraryArticle {
    /// `art_...`.
    pub id: String,
    /// The URL slug, which `article(slug)` takes.
    pub slug: String,
    /// The title.
    pub title: String,
    /// A short summary.
    #[serde(default)]
    pub excerpt: Option<String>,
    /// The body, in Markdown.
    #[serde(default)]
    pub content: Option<String>,
    /// The category's name, as a label.
    #[serde(default)]
    pub category: Option<String>,
    /// The category's slug, which `articles` filters by.
    #[serde(default, alias = "category_slug")]
    pub category_slug: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// A human string such as `2 min`.
    #[serde(default, alias = "read_time")]
    pub read_time: Option<String>,
    /// Times viewed.
    #[serde(default, alias = "view_count")]
    pub view_count: u64,
    /// Readers who found it helpful.
    #[serde(default, alias = "helpful_count")]
    pub helpful_count: u64,
    /// Readers who did not.
    #[serde(default, alias = "not_helpful_count")]
    pub not_helpful_count: u64,
    /// When it was published.
    #[serde(default, alias = "published_at")]
    pub published_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, alias = "updated_at")]
    pub updated_at: Option<Timestamp>,
}

/// A public category.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LibraryCategory {
    /// The category's UUID.
    pub id: String,
    /// The name.
    pub name: String,
    /// The slug, which `articles` filters by.
    pub slug: String,
    /// A description.
    #[serde(default)]
    pub description: Option<String>,
    /// An icon identifier.
    #[serde(default)]
    pub icon: Option<String>,
    /// A colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Display order, ascending.
    #[serde(default, alias = "sort_order")]
    pub sort_order: i64,
    /// How many public articles it holds.
    #[serde(default, alias = "article_count")]
    pub article_count: u64,
}

/// What recording a view answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ViewRecorded {
    /// The article's views, this one included.
    #[serde(default, alias = "view_count")]
    pub view_count: u64,
}

/// What sending feedback answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FeedbackRecorded {
    /// Whether this reader found it helpful.
    pub helpful: bool,
    /// Readers who found it helpful, this one included.
    #[serde(default, alias = "helpful_count")]
    pub helpful_count: u64,
    /// Readers who did not.
    #[serde(default, alias = "not_helpful_count")]
    pub not_helpful_count: u64,
}
