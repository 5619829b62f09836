//! Customer accounts of a [cStar](https://www.cstar.help) team, for Rust apps: the
//! counterpart of `@cstar.help/js/auth`. [`AuthClient`] signs customers up and in, keeps the
//! session in a [`SessionStore`] (memory by default, [`FileStore`] for desktop apps), renews the
//! access token when it expires, and revokes the session on logout. No API key.
//!
//! ```no_run
//! use cstar_auth::AuthClient;
//!
//! # async fn demo() -> cstar_auth::Result<()> {
//! let auth = AuthClient::new("acme")?;
//! let session = auth.login("ada@example.com", "correct horse battery").await?;
//! println!("signed in as {} until {:?}", session.customer.email, session.expires_at);
//! let me = auth.current_customer().await?; // renews the token first if it expired
//! auth.logout().await?;
//! # let _ = me; Ok(()) }
//! ```
//!
//! Tokens never show in `Debug` or `Display` ([`Token`] prints its first four characters).
//!
//! [`AuthClient`] is a [`TokenSource`]: give it to a client whose calls act as the customer
//! (`CommunityClient::builder(team).session(auth.clone())`) and those calls carry its current
//! access token. Errors are the one [`Error`] of every cstar-rs crate; [`Error::NotSignedIn`]
//! and [`Error::SessionStore`] are the auth-specific ones.
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod session;

pub use client::{AuthClient, AuthClientBuilder, DEFAULT_REFRESH_MARGIN};
/// The session in the browser's `localStorage` (browser builds only).
#[cfg(target_arch = "wasm32")]
pub use cstar_core::session::LocalStorageStore;
pub use cstar_core::session::{
    FileStore, MemoryStore, SessionStore, SessionStoreError, Token, TokenSource,
};
pub use cstar_core::{Call, Error, Result, Subscription};
pub use cstar_types::{CustomerId, Timestamp};
pub use session::{Customer, Session, SessionEvent, SignupOutcome};
