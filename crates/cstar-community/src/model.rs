//! What the forum returns (snake_case on the wire, as cStar documents community posts).

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

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
    pub enum Visibility {
        /// Everyone.
        Public => "public",
        /// Signed-in customers.
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

/// A forum topic.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Topic {
    /// The topic's UUID.
    pub id: String,
    /// Its slug, which post lists filter by.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Posts visible in it.
    #[serde(default, alias = "postCount")]
    pub post_count: u64,
}

/// A forum post.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Post {
    /// The post's UUID.
    pub id: String,
    /// The title.
    pub title: String,
    /// The slug (`post(slug)` takes it too).
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
    pub visibility: Option<Visibility>,
    /// Upvotes.
    #[serde(default, alias = "voteCount")]
    pub vote_count: u64,
    /// Comments.
    #[serde(default, alias = "commentCount")]
    pub comment_count: u64,
    /// Pinned.
    #[serde(default, alias = "isPinned")]
    pub is_pinned: bool,
    /// Comments closed.
    #[serde(default, alias = "isLocked")]
    pub is_locked: bool,
    /// The author's display name.
    #[serde(default, alias = "authorName")]
    pub author_name: Option<String>,
    /// When it was posted.
    #[serde(default, alias = "createdAt")]
    pub created_at: Option<Timestamp>,
}

/// A comment on a post.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Comment {
    /// The comment's id.
    pub id: String,
    /// The post's id.
    #[serde(alias = "postId")]
    pub post_id: String,
    /// The text.
    pub body: String,
    /// The author's display name.
    #[serde(default, alias = "authorName")]
    pub author_name: Option<String>,
    /// When.
    #[serde(default, alias = "createdAt")]
    pub created_at: Option<Timestamp>,
}

/// What voting (or taking a vote back) answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct VoteResult {
    /// Whether the customer's vote now stands.
    pub voted: bool,
    /// The post's votes now.
    #[serde(alias = "voteCount")]
    pub vote_count: u64,
}
