//! `LibraryClient`: the public knowledge base of one team.

use cstar_core::reqwest::Method;
use cstar_core::{Call, Client, Page, RequestSpec, Result};

use crate::model::{FeedbackRecorded, LibraryArticle, LibraryCategory, ViewRecorded};
use crate::params::{Feedback, FeedbackBody, ListArticles, SearchQuery};

/// The public knowledge base of one team, for help centres, in-app help and static sites: no
/// secret key, safe to ship in an app (`@cstar.help/js/library`'s `LibraryClient`).
///
/// ```no_run
/// use cstar_library::{Feedback, LibraryClient, ListArticles};
///
/// # async fn demo() -> cstar_library::Result<()> {
/// let library = LibraryClient::new("acme")?;
/// for category in library.categories().await? {
///     println!("{} ({} articles)", category.name, category.article_count);
/// }
/// let billing = library.articles(ListArticles::new().category("billing").limit(10)).await?;
/// let article = library.article("reset-your-password").await?;
/// library.record_view(&article.slug).await?;
/// library.feedback(&article.slug, Feedback::Helpful, None).await?;
/// let hits = library.search("refund", Some(5)).await?;
/// # let _ = (billing, hits); Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LibraryClient {
    client: Client,
    team: String,
}

impl LibraryClient {
    /// The library of the team with this slug (or UUID), at `https://www.cstar.help`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: base URL, publishable key, timeouts, retries, your own HTTP client.
    pub fn builder(team: impl Into<String>) -> LibraryClientBuilder {
        LibraryClientBuilder::new(team)
    }

    /// The team's slug or UUID, as given.
    pub fn team(&self) -> &str {
        &self.team
    }

    fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template).param("team", &self.team)
    }

    /// The public categories, by sort order then name, with their article counts: one
    /// [`Page`], so that a category this version cannot read is kept in
    /// [`Page::unreadable`](cstar_core::Page) instead of failing the others.
    #[inline]
    pub fn categories(&self) -> Call<Page<LibraryCategory>> {
        let spec = self.spec(Method::GET, "/api/library/{team}/categories");
        Call::list(&self.client, spec)
    }

    /// Published public articles, newest first (or most viewed first with
    /// [`ListArticles::popular`]), optionally in one category.
    #[inline]
    pub fn articles(&self, params: ListArticles) -> Call<Page<LibraryArticle>> {
        let spec = self
            .spec(Method::GET, "/api/library/{team}/articles")
            .query_params(&params);
        Call::list(&self.client, spec)
    }

    /// The most viewed articles (`popularArticles(limit)` in JS).
    #[inline]
    pub fn popular_articles(&self, limit: u32) -> Call<Page<LibraryArticle>> {
        self.articles(ListArticles::new().popular().limit(limit))
    }

    /// One article by its slug, with its Markdown; an unknown slug is
    /// [`Error::NotFound`](crate::Error::NotFound).
    #[inline]
    pub fn article(&self, slug: &str) -> Call<LibraryArticle> {
        let spec = self
            .spec(Method::GET, "/api/library/{team}/articles/{slug}")
            .param("slug", slug);
        Call::single(&self.client, spec)
    }

    /// Articles whose title or content holds `query` (default at most 10): one [`Page`], like
    /// [`articles`](Self::articles).
    #[inline]
    pub fn search(&self, query: &str, limit: Option<u32>) -> Call<Page<LibraryArticle>> {
        let spec = self.spec(Method::GET, "/api/library/{team}/search");
        let spec = if query.trim().is_empty() {
            spec.reject("the search query is empty")
        } else {
            spec.query_params(&SearchQuery { q: query, limit })
        };
        Call::list(&self.client, spec)
    }

    /// Counts one view of an article (for its popularity).
    #[inline]
    pub fn record_view(&self, slug: &str) -> Call<ViewRecorded> {
        let spec = self
            .spec(Method::POST, "/api/library/{team}/articles/{slug}/view")
            .param("slug", slug);
        Call::single(&self.client, spec)
    }

    /// Tells whether an article helped, with an optional comment.
    #[inline]
    pub fn feedback(
        &self,
        slug: &str,
        feedback: Feedback,
        comment: Option<&str>,
    ) -> Call<FeedbackRecorded> {
        let spec = self
            .spec(Method::POST, "/api/library/{team}/articles/{slug}/feedback")
            .param("slug", slug)
            .json_body(&FeedbackBody {
                rating: feedback.rating(),
                comment,
            });
        Call::single(&self.client, spec)
    }
}

cstar_core::customer_builder! {
    /// Builds a [`LibraryClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]). A publishable key (`pk_test_...`) reads test-mode articles;
    /// without a key the library shows live ones.
    pub struct LibraryClientBuilder {}
}

impl LibraryClientBuilder {
    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for an empty team, a malformed or secret key, or a
    /// bad base URL.
    pub fn build(self) -> Result<LibraryClient> {
        let built = self.common.build()?;
        Ok(LibraryClient {
            client: built.client,
            team: built.team,
        })
    }
}
