//! What the article calls take.

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::ArticleStatus;
use crate::collection::paging_params;
use crate::ids::CategoryId;

/// Filters and paging for `articles().list` and `list_all`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListArticles {
    /// Only articles with this status.
    pub status: Option<ArticleStatus>,
    /// Only articles in this category (its UUID: a slug matches nothing).
    pub category: Option<CategoryId>,
    /// Only public, or only private, articles.
    pub is_public: Option<bool>,
    /// Text to find in the title or content.
    pub search: Option<String>,
    /// Only articles with this tag.
    pub tag: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListArticles {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only articles with this status.
    pub fn status(mut self, status: ArticleStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only articles in this category.
    pub fn category(mut self, id: impl Into<CategoryId>) -> Self {
        self.category = Some(id.into());
        self
    }

    /// Only public (`true`) or private (`false`) articles.
    pub fn is_public(mut self, public: bool) -> Self {
        self.is_public = Some(public);
        self
    }

    /// Text to find.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Only articles with this tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
}

paging_params!(ListArticles);

/// The fields an article is written with; used by both create and update (where every field is
/// optional and only what is set is sent).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ArticleFields {
    /// The title (required on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The body, in Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The category's UUID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<CategoryId>,
    /// Draft, published or archived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ArticleStatus>,
    /// Whether it shows in the public knowledge base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_public: Option<bool>,
    /// Tags (replaces the set on update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// The SEO description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_description: Option<String>,
    /// Free-form data; on update a key set to `null` is removed.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// The body of `articles().create`.
///
/// ```
/// use cstar_admin::{ArticleStatus, CreateArticle};
///
/// let article = CreateArticle::new("Reset your password")
///     .content("1. Open **Settings**\n2. Choose *Security*")
///     .status(ArticleStatus::Published)
///     .is_public(true);
/// ```
pub type CreateArticle = ArticleFields;

/// The patch of `articles().update`.
pub type UpdateArticle = ArticleFields;

impl ArticleFields {
    /// Fields with this title (what `create` requires).
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: Some(title.into()),
            ..Self::default()
        }
    }

    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the Markdown body.
    pub fn content(mut self, markdown: impl Into<String>) -> Self {
        self.content = Some(markdown.into());
        self
    }

    /// Files it under a category.
    pub fn category_id(mut self, id: impl Into<CategoryId>) -> Self {
        self.category_id = Some(id.into());
        self
    }

    /// Sets the status.
    pub fn status(mut self, status: ArticleStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Shows it in (`true`) or hides it from (`false`) the public knowledge base: the same name
    /// as the field and as [`ListArticles::is_public`].
    pub fn is_public(mut self, public: bool) -> Self {
        self.is_public = Some(public);
        self
    }

    /// Sets the whole tag list (on update, the article's tags become exactly these).
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Adds one tag to the list this patch sends (the API replaces the tags with that list:
    /// start from the current tags with `tags(..)` to keep them).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.get_or_insert_with(Vec::new).push(tag.into());
        self
    }

    /// Sets the SEO description.
    pub fn meta_description(mut self, text: impl Into<String>) -> Self {
        self.meta_description = Some(text.into());
        self
    }

    /// Sets one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Removes one metadata entry (on update).
    pub fn remove_metadata(mut self, key: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), Value::Null);
        self
    }
}
