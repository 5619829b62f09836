//! What the library returns. Only an object's `id` is required: a `null` or missing field reads
//! as the empty value its documentation names, so an answer from a cStar that moved on still
//! reads.

use cstar_types::CategoryId;
use cstar_types::de::null_as_default;
use serde::{Deserialize, Serialize};

/// A published, public knowledge-base article: the shared [`cstar_types::Article`], the same
/// type the admin API and the article events give. The library fills what public readers may
/// see (`id`, `slug`, `title`, `excerpt`, `content`, `category`, `categorySlug`, `tags`,
/// `readTime`, the counts, `publishedAt`, `updatedAt`); the admin-only fields (`status`,
/// `notes`, `metadata`, ...) read as their empty values. `content` is Markdown: render it
/// yourself.
pub type LibraryArticle = cstar_types::Article;

/// A public category.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LibraryCategory {
    /// The category's UUID. The only required field.
    pub id: CategoryId,
    /// The name; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The slug, which `articles` filters by; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub slug: String,
    /// A description; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: Option<String>,
    /// An icon identifier; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub icon: Option<String>,
    /// A colour; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub color: Option<String>,
    /// Display order, ascending; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "sort_order")]
    pub sort_order: i64,
    /// How many public articles it holds; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "article_count")]
    pub article_count: u64,
}

/// What recording a view answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ViewRecorded {
    /// The article's views, this one included; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "view_count")]
    pub view_count: u64,
}

/// What sending feedback answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FeedbackRecorded {
    /// Whether this reader found it helpful; false when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub helpful: bool,
    /// Readers who found it helpful, this one included; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "helpful_count")]
    pub helpful_count: u64,
    /// Readers who did not; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        alias = "not_helpful_count"
    )]
    pub not_helpful_count: u64,
}

#[cfg(test)]
mod tests {
    use cstar_types::testing::drift_check;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    use super::*;

    fn decodes<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
        serde_json::from_value(value.clone())
    }

    #[test]
    fn every_library_model_survives_drift() {
        drift_check(
            &json!({"id": "art_1", "slug": "reset", "title": "Reset", "excerpt": "e",
                "content": "# c", "category": "Account", "categorySlug": "account",
                "tags": ["a"], "readTime": "2 min", "viewCount": 3, "helpfulCount": 1,
                "notHelpfulCount": 0, "publishedAt": "2026-03-30T10:00:00Z",
                "updatedAt": "2026-03-30T10:00:00Z"}),
            decodes::<LibraryArticle>,
        );
        drift_check(
            &json!({"id": "5b1c", "name": "Account", "slug": "account", "description": "d",
                "icon": "key", "color": "#fff", "sortOrder": 1, "articleCount": 4}),
            decodes::<LibraryCategory>,
        );
        // No `id` of their own: every field may drift.
        drift_check(&json!({"viewCount": 4}), decodes::<ViewRecorded>);
        drift_check(
            &json!({"helpful": true, "helpfulCount": 2, "notHelpfulCount": 1}),
            decodes::<FeedbackRecorded>,
        );
    }
}
