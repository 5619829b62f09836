//! `CommunityClient`: the public forum of one team.

use std::sync::Arc;

use cstar_core::reqwest::Method;
use cstar_core::session::{NoSession, TokenSource};
use cstar_core::{Call, Client, Page, RequestSpec, Result};
use serde::Serialize;

use crate::model::{Comment, Post, PostSort, PostStatus, Topic, Visibility, VoteResult};

/// The public community forum of one team (`@cstar.help/js/community`). Reading needs no
/// credentials; posting, commenting and voting act as the signed-in customer: give the client
/// their session once ([`session`](CommunityClientBuilder::session), e.g. cstar-auth's
/// `AuthClient`, whose token is renewed when it expires), or a token per call
/// ([`Call::access_token`]). With neither, writes fail with
/// [`Error::NotSignedIn`](crate::Error::NotSignedIn) and send nothing.
///
/// ```no_run
/// use cstar_community::{CommunityClient, ListPosts, NewPost, PostSort};
///
/// // `auth` is the app's signed-in cstar_auth::AuthClient (any TokenSource does).
/// # async fn demo(auth: impl cstar_community::TokenSource) -> cstar_community::Result<()> {
/// let forum = CommunityClient::builder("acme").session(auth).build()?;
/// let top = forum.posts(ListPosts::new().topic("feature-requests").sort(PostSort::Votes)).await?;
/// let post = forum
///     .create_post(NewPost::new("Dark mode", "Please!", "feature-requests"))
///     .await?;
/// forum.vote(&post.id).await?;
/// forum.comment(&post.id, "Same here").await?;
/// # let _ = top; Ok(()) }
/// ```
#[derive(Clone)]
pub struct CommunityClient {
    client: Client,
    team: String,
    session: Arc<dyn TokenSource>,
}

impl std::fmt::Debug for CommunityClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommunityClient")
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

/// Filters and paging for `posts`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListPosts {
    /// Only this topic (its slug).
    pub topic: Option<String>,
    /// Only this status.
    pub status: Option<PostStatus>,
    /// The order.
    pub sort: Option<PostSort>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListPosts {
    /// Every visible post, newest first.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this topic (its slug).
    pub fn topic(mut self, slug: impl Into<String>) -> Self {
        self.topic = Some(slug.into());
        self
    }

    /// Only this status.
    pub fn status(mut self, status: PostStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The order.
    pub fn sort(mut self, sort: PostSort) -> Self {
        self.sort = Some(sort);
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
}

/// A post to publish.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NewPost {
    /// The title.
    pub title: String,
    /// The text.
    pub body: String,
    /// The topic (its slug or UUID).
    pub topic: String,
    /// Who sees it (default public).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
}

impl NewPost {
    /// A public post in this topic.
    pub fn new(
        title: impl Into<String>,
        body: impl Into<String>,
        topic: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            body: body.into(),
            topic: topic.into(),
            visibility: None,
        }
    }

    /// Only signed-in customers see it.
    pub fn members_only(mut self) -> Self {
        self.visibility = Some(Visibility::MembersOnly);
        self
    }
}

#[derive(Serialize)]
struct CommentBody<'a> {
    body: &'a str,
}

impl CommunityClient {
    /// The forum of the team with this slug (or UUID), at `https://www.cstar.help`, with no
    /// customer session.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: the common settings (base URL, timeouts, retries, your HTTP client) and the
    /// customer's session.
    pub fn builder(team: impl Into<String>) -> CommunityClientBuilder {
        CommunityClientBuilder::new(team)
    }

    fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template).param("team", &self.team)
    }

    fn post_spec(&self, method: Method, template: &'static str, id: &str) -> RequestSpec {
        self.spec(method, template).param("id", id)
    }

    /// A spec that acts as the customer: the session's current token.
    fn as_customer(&self, spec: RequestSpec) -> RequestSpec {
        spec.bearer_from(Arc::clone(&self.session))
    }

    /// The topics, with their visible post counts.
    #[inline]
    pub fn topics(&self) -> Call<Page<Topic>> {
        Call::list(
            &self.client,
            self.spec(Method::GET, "/api/community/{team}/topics"),
        )
    }

    /// Public posts (members-only ones need [`posts_as_customer`](Self::posts_as_customer)).
    #[inline]
    pub fn posts(&self, params: ListPosts) -> Call<Page<Post>> {
        let spec = self
            .spec(Method::GET, "/api/community/{team}/posts")
            .query_params(&params);
        Call::list(&self.client, spec)
    }

    /// Posts as the signed-in customer sees them (members-only ones included).
    #[inline]
    pub fn posts_as_customer(&self, params: ListPosts) -> Call<Page<Post>> {
        let spec = self
            .spec(Method::GET, "/api/community/{team}/posts")
            .query_params(&params);
        Call::list(&self.client, self.as_customer(spec))
    }

    /// One post, by id or slug.
    #[inline]
    pub fn post(&self, id_or_slug: impl AsRef<str>) -> Call<Post> {
        Call::single(
            &self.client,
            self.post_spec(
                Method::GET,
                "/api/community/{team}/posts/{id}",
                id_or_slug.as_ref(),
            ),
        )
    }

    /// Publishes a post as the signed-in customer.
    #[inline]
    pub fn create_post(&self, post: NewPost) -> Call<Post> {
        let spec = self
            .spec(Method::POST, "/api/community/{team}/posts")
            .json_body(&post);
        Call::single(&self.client, self.as_customer(spec))
    }

    /// A post's comments, oldest first.
    #[inline]
    pub fn comments(&self, post: impl AsRef<str>) -> Call<Page<Comment>> {
        let spec = self.post_spec(
            Method::GET,
            "/api/community/{team}/posts/{id}/comments",
            post.as_ref(),
        );
        Call::list(&self.client, spec)
    }

    /// Comments as the signed-in customer; a locked post is a `Permission` error.
    #[inline]
    pub fn comment(&self, post: impl AsRef<str>, body: &str) -> Call<Comment> {
        let spec = self
            .post_spec(
                Method::POST,
                "/api/community/{team}/posts/{id}/comments",
                post.as_ref(),
            )
            .json_body(&CommentBody { body });
        Call::single(&self.client, self.as_customer(spec))
    }

    /// Upvotes a post; one vote per customer (voting again changes nothing).
    #[inline]
    pub fn vote(&self, post: impl AsRef<str>) -> Call<VoteResult> {
        let spec = self.post_spec(
            Method::POST,
            "/api/community/{team}/posts/{id}/vote",
            post.as_ref(),
        );
        Call::single(&self.client, self.as_customer(spec))
    }

    /// Takes the customer's vote back.
    #[inline]
    pub fn unvote(&self, post: impl AsRef<str>) -> Call<VoteResult> {
        let spec = self.post_spec(
            Method::DELETE,
            "/api/community/{team}/posts/{id}/vote",
            post.as_ref(),
        );
        Call::single(&self.client, self.as_customer(spec))
    }
}

cstar_core::customer_builder! {
    /// Builds a [`CommunityClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]), plus the customer's session.
    pub struct CommunityClientBuilder {
        session: Arc<dyn TokenSource> = Arc::new(NoSession),
    }
}

impl CommunityClientBuilder {
    /// Acts as this customer on writes (and [`posts_as_customer`](CommunityClient::posts_as_customer)):
    /// each such call carries `session`'s current access token, e.g. a cstar-auth `AuthClient`,
    /// which renews an expired token first.
    pub fn session(mut self, session: impl TokenSource) -> Self {
        self.session = Arc::new(session);
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for an empty team, a secret key or a bad base URL.
    pub fn build(self) -> Result<CommunityClient> {
        let built = self.common.build()?;
        Ok(CommunityClient {
            client: built.client,
            team: built.team,
            session: self.session,
        })
    }
}
