//! The public community forum of a [cStar](https://www.cstar.help) team, for Rust: the
//! counterpart of `@cstar.help/js/community`. Topics, posts (filter by topic and status, sort
//! by recent, votes or comments), comments and votes (one per customer per post). Writes act as
//! the customer whose session the client was given (`cstar-auth`'s `AuthClient`, or any
//! [`TokenSource`]).
//!
//! ```no_run
//! use cstar_community::{CommunityClient, ListPosts, PostStatus};
//!
//! # async fn demo() -> cstar_community::Result<()> {
//! let forum = CommunityClient::new("acme")?;
//! let planned = forum.posts(ListPosts::new().status(PostStatus::Planned)).await?;
//! for post in &planned.data {
//!     println!("{} ({} votes)", post.title, post.vote_count);
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod model;

pub use client::{CommunityClient, CommunityClientBuilder, ListPosts, NewPost};
pub use cstar_core::session::TokenSource;
pub use cstar_core::{Call, Error, Page, Result};
pub use cstar_types::{PostId, Timestamp, TopicId};
pub use model::{Comment, Post, PostSort, PostStatus, Topic, Visibility, VoteResult};
