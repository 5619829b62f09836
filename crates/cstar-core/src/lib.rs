//! The core of cstar-rs, the Rust SDK for [cStar](https://www.cstar.help): the only crate that
//! speaks HTTP.
//!
//! Entry-point crates (`cstar-admin`, ...) describe each API call as a [`RequestSpec`] and return a
//! [`Call`]; this crate sends it: `Authorization`, `Idempotency-Key` and `User-Agent` headers, the
//! documented retry policy ([`RetryPolicy`]), per-attempt timeouts, decoding of the
//! `{success, data, meta}` envelope in every documented layout, [`Meta`] per call, and one
//! [`Error`] type whose variants mirror the JS SDK's error classes.
//!
//! Most users never name this crate: they depend on `cstar` or `cstar-admin`, which re-export what
//! they need. Building a call by hand looks like this:
//!
//! ```no_run
//! use cstar_core::{Call, Client, RequestSpec};
//!
//! # async fn demo() -> cstar_core::Result<()> {
//! let client = Client::builder()
//!     .api_key("sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
//!     .team_id("8b7f3c1e-0000-4000-8000-000000000000")
//!     .build()?;
//! let spec = RequestSpec::get("/api/v1/auth/whoami");
//! let (whoami, meta) = Call::<serde_json::Value>::single(&client, spec).with_meta().await?;
//! println!("{whoami} (request {:?})", meta.request_id);
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on the ring provider (no aws-lc-rs, no OpenSSL) |
//! | `native-tls` | no | TLS through the platform library instead |
//! | `offline` | no | [`offline`]: a queue (in memory, or durable in a redb file) for mutations made while the API is unreachable, replayed in order with their idempotency keys |
//! | `sse` | no | [`sse`]: Server-Sent Events streams that reconnect and resume (realtime, chat) |
//!
//! With neither, only plain `http://` base URLs work (a local emulator), unless a
//! `reqwest::Client` is handed in.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod base_url;
mod builder;
mod call;
mod client;
pub mod customer;
mod envelope;
mod error;
mod fetch;
mod headers;
mod hook;
mod key;
mod macros;
mod meta;
#[cfg(feature = "offline")]
pub mod offline;
mod page;
mod path;
mod records;
mod request;
mod retry;
pub mod runtime;
pub mod session;
#[cfg(feature = "sse")]
pub mod sse;
mod subscription;
mod tls;
mod transport;

pub use builder::ClientBuilder;
pub use call::{Call, CallFuture, WithMeta};
pub use client::{Client, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, TeamId, USER_AGENT};
pub use error::{
    ApiError, ConfigError, ConnectionClosedError, DecodeError, Error, ErrorCode, ErrorType, Result,
    StreamError,
};
pub use headers::API_VERSION_HEADER;
pub use key::{ApiKey, Environment, KeyKind};
pub use meta::{Meta, Pagination, RateLimit};
pub use page::{Deleted, ItemStream, Page, UnreadableRecord, paginate};
pub use path::TEAM_SCOPE;
pub use records::RecordList;
pub use request::RequestSpec;
pub use retry::RetryPolicy;
pub use subscription::Subscription;
pub use tls::http_client_builder;

/// Re-exported so that users can hand in their own client and name methods and headers.
pub use reqwest;

#[doc(hidden)]
pub mod __private {
    pub use serde;
}
