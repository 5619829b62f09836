//! Knowledge-base articles: `cstar.articles()` with `list`, `list_all`, `get`, `create`,
//! `update`, `delete`.
//!
//! ```no_run
//! use cstar_admin::{ArticleStatus, CStarClient, CreateArticle, ListArticles, UpdateArticle};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let draft = cstar.articles().create(CreateArticle::new("Exporting data").content("# Export")).await?;
//! cstar.articles().update(&draft.id, UpdateArticle::patch().status(ArticleStatus::Published)).await?;
//! let live = cstar.articles().list(ListArticles::new().status(ArticleStatus::Published)).await?;
//! # let _ = live; Ok(()) }
//! ```

mod model;
mod params;

use cstar_core::{Call, Deleted, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::ArticleId;
use crate::scope::TeamScope;

pub use model::{Article, ArticleStatus};
pub use params::{ArticleFields, CreateArticle, ListArticles, UpdateArticle};

/// The articles resource; get it from [`CStarClient::articles`](crate::CStarClient::articles).
#[derive(Clone, Debug)]
pub struct Articles {
    collection: Collection,
}

impl Articles {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/articles",
                    item_template: "/articles/{id}",
                },
            ),
        }
    }

    /// One page of articles.
    #[inline]
    pub fn list(&self, params: ListArticles) -> Call<Page<Article>> {
        self.collection.list(&params)
    }

    /// Every article matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListArticles) -> ItemStream<Article> {
        self.collection.list_all(params)
    }

    /// One article with its full content.
    #[inline]
    pub fn get(&self, id: impl Into<ArticleId>) -> Call<Article> {
        self.collection.get(id.into().as_str())
    }

    /// Writes an article; the title is required.
    #[inline]
    pub fn create(&self, fields: CreateArticle) -> Call<Article> {
        self.collection.create(&fields)
    }

    /// Changes what the patch sets.
    #[inline]
    pub fn update(&self, id: impl Into<ArticleId>, patch: UpdateArticle) -> Call<Article> {
        self.collection.update(id.into().as_str(), &patch)
    }

    /// Deletes an article.
    #[inline]
    pub fn delete(&self, id: impl Into<ArticleId>) -> Call<Deleted> {
        self.collection.delete(id.into().as_str())
    }
}
