//! The Rust SDK for [cStar](https://www.cstar.help), the headless customer-support platform.
//!
//! One dependency, one feature per entry point of `@cstar.help/js`: `cstar::admin` is
//! `@cstar.help/js` (the server-side `CStarClient`), and each further entry point arrives as its
//! own module behind its own feature, so an app compiles only what it uses.
//!
//! | feature | module | JS entry point | default |
//! |---|---|---|---|
//! | `admin` | `cstar::admin` | `@cstar.help/js` (tickets, customers, articles, categories, webhooks, members) | yes |
//! | `admin-all` | `cstar::admin` | every other REST family (analytics, tags, views, ...) | no |
//! | `webhook` | `cstar::webhook` | `@cstar.help/js/webhook` | no |
//! | `webhook-http` | `cstar::webhook::construct_event_from_headers` | the same, from an `http::HeaderMap` | no |
//! | `realtime` | `cstar::admin::realtime` | `cstar.realtime.on(...)` | no |
//! | `offline` | `cstar::admin::offline` | `new CStarClient({ offline })` | no |
//! | `library` | `cstar::library` | `@cstar.help/js/library` | no |
//! | `auth` | `cstar::auth` | `@cstar.help/js/auth` | no |
//! | `chat` | `cstar::chat` | `@cstar.help/js/chat` | no |
//! | `community` | `cstar::community` | `@cstar.help/js/community` | no |
//! | `quickhelp` | `cstar::quickhelp` | `@cstar.help/js/quickhelp` | no |
//! | `proactive` | `cstar::proactive` | `@cstar.help/js/proactive` | no |
//! | `rustls` | | TLS through rustls on ring | yes |
//! | `native-tls` | | TLS through the platform library | no |
//! | `full` | | every entry point | no |
//!
//! Every entry point fails with the same [`Error`], so one function can `?` admin, auth, chat
//! and community calls into [`Result`] with no conversion; the customer-facing clients are all
//! built the same way (`XClient::new(team)` or `XClient::builder(team)...build()?`, see
//! `cstar_core::customer`).
//!
//! ```no_run
//! use cstar::admin::{CStarClient, CreateTicket, Error};
//!
//! # async fn demo() -> cstar::Result<()> {
//! let cstar = CStarClient::from_env()?;
//! match cstar.tickets().create(CreateTicket::new("")).await {
//!     Err(Error::Validation(e)) => println!("{} is required (request {:?})", e.param().unwrap_or("?"), e.request_id()),
//!     other => println!("{other:?}"),
//! }
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "quickhelp")]
pub mod quickhelp {
    //! Contextual answers: `@cstar.help/js/quickhelp`. Everything of the `cstar-quickhelp` crate.
    pub use cstar_quickhelp::*;
}

#[cfg(feature = "proactive")]
pub mod proactive {
    //! Signals in, help suggestions out: `@cstar.help/js/proactive`. Everything of the
    //! `cstar-proactive` crate.
    pub use cstar_proactive::*;
}

#[cfg(feature = "community")]
pub mod community {
    //! The public forum: `@cstar.help/js/community`. Everything of the `cstar-community` crate.
    pub use cstar_community::*;
}

#[cfg(feature = "chat")]
pub mod chat {
    //! Chat: the identity signer for your server and `@cstar.help/js/chat`'s `ChatClient`.
    //! Everything of the `cstar-chat` crate.
    pub use cstar_chat::*;
}

#[cfg(feature = "auth")]
pub mod auth {
    //! Customer accounts: `@cstar.help/js/auth`'s `AuthClient`. Everything of the `cstar-auth`
    //! crate.
    pub use cstar_auth::*;
}

#[cfg(feature = "library")]
pub mod library {
    //! The public knowledge base: `@cstar.help/js/library`'s `LibraryClient`. Everything of the
    //! `cstar-library` crate.
    pub use cstar_library::*;
}

#[cfg(feature = "admin")]
pub mod admin {
    //! The admin API: `@cstar.help/js`'s `CStarClient`. Everything of the `cstar-admin` crate.
    pub use cstar_admin::*;
}

#[cfg(feature = "webhook")]
pub mod webhook {
    //! Webhook verification and typed events: `@cstar.help/js/webhook`. Everything of the
    //! `cstar-webhook` crate; it pulls in no async runtime and no HTTP client.
    pub use cstar_webhook::*;
}

#[cfg(any(
    feature = "admin",
    feature = "library",
    feature = "auth",
    feature = "chat",
    feature = "community",
    feature = "quickhelp",
    feature = "proactive"
))]
pub use cstar_core::{
    Error, Meta, Page, RecordList, Result, UnreadableRecord, http_client_builder,
};

/// The HTTP client the SDK runs on, re-exported: its header types for `headers_from`, its
/// `Proxy` and `ClientBuilder` for `http_client(..)`, without a dependency of your own.
#[cfg(any(
    feature = "admin",
    feature = "library",
    feature = "auth",
    feature = "chat",
    feature = "community",
    feature = "quickhelp",
    feature = "proactive"
))]
pub use cstar_core::reqwest;
