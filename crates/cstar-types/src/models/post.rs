//! The community forum post.

use serde::{Deserialize, Serialize};

use crate::{PostId, Timestamp, TopicId};

crate::open_enum! {
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

crate::open_enum! {
    /// Who sees a post.
    pub enum Visibility {
        /// Everyone.
        Public => "public",
        /// Signed-in customers.
        MembersOnly => "members_only",
    }
}

/// A forum post (snake_case on the wire, as cStar documents community posts; camelCase is read
/// too).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Post {
    /// The post's UUID. The only required field.
    pub id: PostId,
    /// The title; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub title: String,
    /// The slug (`post(slug)` takes it too); `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub slug: Option<String>,
    /// The text; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub body: Option<String>,
    /// The topic's UUID; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "topicId"
    )]
    pub topic_id: Option<TopicId>,
    /// Where it is; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub status: PostStatus,
    /// Who sees it; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub visibility: Option<Visibility>,
    /// Upvotes; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "voteCount"
    )]
    pub vote_count: u64,
    /// Comments; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "commentCount"
    )]
    pub comment_count: u64,
    /// Pinned; false when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "isPinned"
    )]
    pub is_pinned: bool,
    /// Comments closed; false when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "isLocked"
    )]
    pub is_locked: bool,
    /// The author's display name; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "authorName"
    )]
    pub author_name: Option<String>,
    /// When it was posted; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "createdAt"
    )]
    pub created_at: Option<Timestamp>,
}
