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
use cstar_types::{PostId, Timestamp, TopicId};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::collection::paging_params;
use crate::scope::TeamScope;

/// Where a post is: the same type the customer-facing community crate gives.
pub use cstar_types::PostStatus;
/// Who sees a post: cstar-types' [`Visibility`](cstar_types::Visibility), under the name this
/// crate has always used.
pub use cstar_types::Visibility as PostVisibility;

cstar_types::open_enum! {
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
    /// The post's UUID. The only required field.
    pub id: PostId,
    /// The title; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub title: String,
    /// The slug; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub slug: Option<String>,
    /// The text; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub body: Option<String>,
    /// The topic's UUID; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "topicId"
    )]
    pub topic_id: Option<TopicId>,
    /// Where it is; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub status: PostStatus,
    /// Who sees it; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub visibility: Option<PostVisibility>,
    /// Upvotes; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "voteCount"
    )]
    pub vote_count: u64,
    /// Comments; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "commentCount"
    )]
    pub comment_count: u64,
    /// Pinned to the top; false when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "isPinned"
    )]
    pub is_pinned: bool,
    /// Comments closed; false when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "isLocked"
    )]
    pub is_locked: bool,
    /// Team-defined fields (internal); empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "customFields"
    )]
    pub custom_fields: Map<String, Value>,
    /// Images attached; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub attachments: Vec<Value>,
    /// When it was posted; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "createdAt"
    )]
    pub created_at: Option<Timestamp>,
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
    #[inline]
    pub fn list(&self, params: ListPosts) -> Call<Page<CommunityPost>> {
        let spec = self.scope.spec(Method::GET, TEMPLATE).query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every post matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListPosts) -> ItemStream<CommunityPost> {
        self.scope.walk(TEMPLATE, params)
    }
}
