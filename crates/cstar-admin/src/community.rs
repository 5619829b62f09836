//! The community forum, admin side: `cstar.community()` with `list` and `list_all`. Posts are
//! snake_case on the wire, as documented; both casings are read.
//!
//! ```no_run
//! use cstar_admin::{ListPosts, PostSort, PostStatus};
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let top = cstar
//!     .community()
//!     .list(ListPosts::new().topic("feature-requests").status(PostStatus::Planned).sort(PostSort::Votes))
//!     .await?;
//! # let _ = top; Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, ItemStream, Page};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::collection::paging_params;
use crate::scope::TeamScope;

cstar_core::open_enum! {
    /// Where a post is.
    pub enum PostStatus {
        /// Open.
        Open => "open",
        /// Answered.
        Answered => "answered",
        /// Answered by the team.
        OfficiallyAnswered => "officially_answered",
        /// Planned.
        Planned => "planned",
        /// Not planned.
        NotPlanned => "not_planned",
        /// Done.
        Completed => "completed",
        /// Being looked at.
        UnderReview => "under_review",
    }
}

cstar_core::open_enum! {
    /// Who sees a post.
    pub enum PostVisibility {
        /// Everyone.
        Public => "public",
        /// Signed-in members.
        MembersOnly => "members_only",
    }
}

cstar_core::open_enum! {
    /// List order.
    pub enum PostSort {
        /// Newest first (the default).
        Recent => "recent",
        /// Most votes first.
        Votes => "votes",
        /// Most comments first.
        Comments => "comments",
    }
}

/// A community post.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CommunityPost {
    /// The post's UUID.
    pub id: String,
    /// The title.
    pub title: String,
    /// The slug.
    #[serde(default)]
    pub slug: Option<String>,
    /// The text.
    #[serde(default)]
    pub body: Option<String>,
    /// The topic's UUID.
    #[serde(default, alias = "topicId")]
    pub topic_id: Option<String>,
    /// Where it is.
    pub status: PostStatus,
    /// Who sees it.
    #[serde(default)]
    pub visibility: Option<PostVisibility>,
    /// Upvotes.
    #[serde(default, alias = "voteCount")]
    pub vote_count: u64,
    /// Comments.
    #[serde(default, alias = "commentCount")]
    pub comment_count: u64,
    /// Pinned to the top.
    #[serde(default, alias = "isPinned")]
    pub is_pinned: bool,
    /// Comments closed.
    #[serde(default, alias = "isLocked")]
    pub is_locked: bool,
    /// Team-defined fields (internal).
    #[serde(default, alias = "customFields")]
    pub custom_fields: Map<String, Value>,
    /// Images attached.
    #[serde(default)]
    pub attachments: Vec<Value>,
    /// When it was posted.
    #[serde(alias = "createdAt")]
    pub created_at: Timestamp,
}

/// Filters and paging for `community().list`.
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
    /// No filters, newest first.
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
}

paging_params!(ListPosts);

/// The community resource; from [`CStarClient::community`](crate::CStarClient::community).
#[derive(Clone, Debug)]
pub struct Community {
    scope: TeamScope,
}

const TEMPLATE: &str = "/community/posts";

impl Community {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// One page of posts.
    pub fn list(&self, params: ListPosts) -> Call<Page<CommunityPost>> {
        let spec = self.scope.spec(Method::GET, TEMPLATE).query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every post matching the filters, fetched page by page as the stream is read.
    pub fn list_all(&self, params: ListPosts) -> ItemStream<CommunityPost> {
        self.scope.walk(TEMPLATE, params)
    }
}
