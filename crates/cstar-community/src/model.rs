//! What the forum returns (snake_case on the wire, as cStar documents community posts). Only an
//! object's `id` is required: a `null` or missing field reads as the empty value its
//! documentation names.

use cstar_types::de::null_as_default;
use cstar_types::{PostId, Timestamp, TopicId};
pub use cstar_types::{PostStatus, Visibility};
use serde::{Deserialize, Serialize};

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
    /// The topic's UUID. The only required field.
    pub id: TopicId,
    /// Its slug, which post lists filter by; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub slug: String,
    /// Its name; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Posts visible in it; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "postCount")]
    pub post_count: u64,
}

/// A forum post: the shared [`cstar_types::Post`], the same type the community events carry.
pub type Post = cstar_types::Post;

/// A comment on a post.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Comment {
    /// The comment's id. The only required field.
    pub id: String,
    /// The post's id; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "postId")]
    pub post_id: Option<PostId>,
    /// The text; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: String,
    /// The author's display name; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "authorName")]
    pub author_name: Option<String>,
    /// When; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "createdAt")]
    pub created_at: Option<Timestamp>,
}

/// What voting (or taking a vote back) answers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct VoteResult {
    /// Whether the customer's vote now stands; false when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub voted: bool,
    /// The post's votes now; 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default", alias = "voteCount")]
    pub vote_count: u64,
}

#[cfg(test)]
mod tests {
    use cstar_types::testing::drift_check;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    use super::*;

    fn decodes<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
        serde_json::from_value(value.clone())
    }

    #[test]
    fn every_community_model_survives_drift() {
        drift_check(
            &json!({"id": "5b1c", "slug": "ideas", "name": "Ideas", "post_count": 3}),
            decodes::<Topic>,
        );
        drift_check(
            &json!({"id": "post_1", "title": "Dark mode", "slug": "dark-mode", "body": "please",
                "topic_id": "top_1", "status": "planned", "visibility": "public",
                "vote_count": 4, "comment_count": 1, "is_pinned": false, "is_locked": false,
                "author_name": "Bo", "created_at": "2026-03-30T10:00:00Z"}),
            decodes::<Post>,
        );
        drift_check(
            &json!({"id": "c1", "post_id": "post_1", "body": "+1", "author_name": "Bo",
                "created_at": "2026-03-30T10:00:00Z"}),
            decodes::<Comment>,
        );
        drift_check(
            &json!({"voted": true, "vote_count": 5}),
            decodes::<VoteResult>,
        );
    }
}
