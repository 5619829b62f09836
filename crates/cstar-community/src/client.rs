//! `CommunityClient`: the public forum of one team.

use cstar_core::reqwest::Method;
use cstar_core::{Call, Client, ClientBuilder, ConfigError, Page, RequestSpec, Result};
use serde::Serialize;

use crate::model::{Comment, Post, PostSort, PostStatus, Topic, Visibility, VoteResult};

/// The public community forum of one team (`@cstar.help/js/community`). Reading needs no
/// credentials; posting, commenting and voting take the signed-in customer's access token (from
/// cstar-auth's `AuthClient::access_token`).
///
/// ```no_run
/// use cstar_community::{CommunityClient, ListPosts, NewPost, PostSort};
///
/// # async fn demo(access_token: &str) -> cstar_core::Result<()> {
/// let forum = CommunityClient::new("acme")?;
/// let top = forum.posts(ListPosts::new().topic("feature-requests").sort(PostSort::Votes)).await?;
/// let post = forum
///     .create_post(access_token, NewPost::new("Dark mode", "Please!", "feature-requests"))
///     .await?;
/// forum.vote(access_token, &post.id).await?;
/// forum.comment(access_token, &post.id, "Same here").await?;
/// # let _ = top; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct CommunityClient {
    client: Client,
    team: String,
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
    /// The forum of the team with this slug (or UUID), at `https://www.cstar.help`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](cstar_core::Error::Config) for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::with_base_url(team, cstar_core::DEFAULT_BASE_URL)
    }

    /// The forum at another base URL (a local emulator's).
    ///
    /// # Errors
    ///
    /// [`Error::Config`](cstar_core::Error::Config) for an empty team or a bad URL.
    pub fn with_base_url(team: impl Into<String>, base_url: &str) -> Result<Self> {
        Self::with_client(team, ClientBuilder::new().base_url(base_url))
    }

    /// The forum over a transport you configured (timeouts, retries, your HTTP client).
    ///
    /// # Errors
    ///
    /// [`Error::Config`](cstar_core::Error::Config) for an empty team or bad settings.
    pub fn with_client(team: impl Into<String>, builder: ClientBuilder) -> Result<Self> {
        let team = team.into().trim().to_owned();
        if team.is_empty() {
            return Err(ConfigError::Missing { name: "team" }.into());
        }
        Ok(Self {
            client: builder.build()?,
            team,
        })
    }

    fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template)
            .segments(["api", "community"])
            .id_segment("team", &self.team)
    }

    fn post_spec(&self, method: Method, template: &'static str, id: &str) -> RequestSpec {
        self.spec(method, template)
            .segments(["posts"])
            .id_segment("post id", id)
    }

    /// The topics, with their visible post counts.
    pub fn topics(&self) -> Call<Vec<Topic>> {
        Call::single(
            &self.client,
            self.spec(Method::GET, "/community/{team}/topics")
                .segments(["topics"]),
        )
    }

    /// Public posts (members-only ones need [`posts_as`](Self::posts_as)).
    pub fn posts(&self, params: ListPosts) -> Call<Page<Post>> {
        let spec = self
            .spec(Method::GET, "/community/{team}/posts")
            .segments(["posts"])
            .query_params(&params);
        Call::list(&self.client, spec)
    }

    /// Posts as a signed-in customer sees them (members-only ones included).
    pub fn posts_as(&self, access_token: &str, params: ListPosts) -> Call<Page<Post>> {
        let spec = self
            .spec(Method::GET, "/community/{team}/posts")
            .segments(["posts"])
            .query_params(&params)
            .bearer(access_token);
        Call::list(&self.client, spec)
    }

    /// One post, by id or slug.
    pub fn post(&self, id_or_slug: &str) -> Call<Post> {
        Call::single(
            &self.client,
            self.post_spec(Method::GET, "/community/{team}/posts/{id}", id_or_slug),
        )
    }

    /// Publishes a post as the signed-in customer.
    pub fn create_post(&self, access_token: &str, post: NewPost) -> Call<Post> {
        let spec = self
            .spec(Method::POST, "/community/{team}/posts")
            .segments(["posts"])
            .bearer(access_token)
            .json_body(&post);
        Call::single(&self.client, spec)
    }

    /// A post's comments, oldest first.
    pub fn comments(&self, post: &str) -> Call<Vec<Comment>> {
        let spec = self
            .post_spec(Method::GET, "/community/{team}/posts/{id}/comments", post)
            .segments(["comments"]);
        Call::single(&self.client, spec)
    }

    /// Comments as the signed-in customer; a locked post is a `Permission` error.
    pub fn comment(&self, access_token: &str, post: &str, body: &str) -> Call<Comment> {
        let spec = self
            .post_spec(Method::POST, "/community/{team}/posts/{id}/comments", post)
            .segments(["comments"])
            .bearer(access_token)
            .json_body(&CommentBody { body });
        Call::single(&self.client, spec)
    }

    /// Upvotes a post; one vote per customer (voting again changes nothing).
    pub fn vote(&self, access_token: &str, post: &str) -> Call<VoteResult> {
        let spec = self
            .post_spec(Method::POST, "/community/{team}/posts/{id}/vote", post)
            .segments(["vote"])
            .bearer(access_token);
        Call::single(&self.client, spec)
    }

    /// Takes the customer's vote back.
    pub fn unvote(&self, access_token: &str, post: &str) -> Call<VoteResult> {
        let spec = self
            .post_spec(Method::DELETE, "/community/{team}/posts/{id}/vote", post)
            .segments(["vote"])
            .bearer(access_token);
        Call::single(&self.client, spec)
    }
}
