//! What the library calls take.

use serde::Serialize;

/// Which articles `articles` lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListArticles {
    /// Only this category (its slug).
    pub category_slug: Option<String>,
    /// At most this many (1 to 100).
    pub limit: Option<u32>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
    /// `popular` for most viewed first; newest first otherwise.
    pub(crate) sort: Option<&'static str>,
}

impl ListArticles {
    /// Every public article, newest first.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this category (its slug, as `categories()` shows it).
    pub fn category(mut self, slug: impl Into<String>) -> Self {
        self.category_slug = Some(slug.into());
        self
    }

    /// At most this many.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Which page.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Items per page.
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// Most viewed first.
    pub fn popular(mut self) -> Self {
        self.sort = Some("popular");
        self
    }
}

#[derive(Serialize)]
pub(crate) struct SearchQuery<'a> {
    pub(crate) q: &'a str,
    pub(crate) limit: Option<u32>,
}

/// A reader's verdict on an article.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Feedback {
    /// It helped.
    Helpful,
    /// It did not.
    NotHelpful,
}

#[derive(Serialize)]
pub(crate) struct FeedbackBody<'a> {
    pub(crate) rating: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) comment: Option<&'a str>,
}

impl Feedback {
    pub(crate) fn rating(&self) -> &'static str {
        match self {
            Self::Helpful => "helpful",
            Self::NotHelpful => "not_helpful",
        }
    }
}
