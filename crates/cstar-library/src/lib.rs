//! The public knowledge base of a [cStar](https://www.cstar.help) team, for Rust: the
//! counterpart of `@cstar.help/js/library`. No secret key: [`LibraryClient`] is safe in code you
//! ship (a desktop app, a static-site generator, an in-app help panel).
//!
//! ```no_run
//! use cstar_library::{LibraryClient, ListArticles};
//!
//! # async fn demo() -> cstar_library::Result<()> {
//! let library = LibraryClient::new("acme")?; // the team's slug or UUID
//! let popular = library.popular_articles(5).await?;
//! for article in &popular.data {
//!     println!("{} ({})", article.title, article.read_time.as_deref().unwrap_or("?"));
//! }
//! # Ok(()) }
//! ```
//!
//! Only published, public articles and public categories are visible. Calls retry and fail as
//! every cstar-rs call does: one [`Error`] type with the request id.
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
mod params;

pub use client::{LibraryClient, LibraryClientBuilder};
pub use cstar_types::{ArticleId, ArticleStatus, CategoryId, Timestamp};
pub use model::{FeedbackRecorded, LibraryArticle, LibraryCategory, ViewRecorded};
pub use params::{Feedback, ListArticles};

pub use cstar_core::{Call, Error, Meta, Page, Pagination, Result};
