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
//! println!("signed in as {} until {}", session.customer.email, session.expires_at);
//! let me = auth.current_customer().await?; // refreshes the token first if it expired
//! auth.logout().await?;
//! # let _ = me; Ok(()) }
//! ```
//!
//! Tokens never show in `Debug` or `Display` ([`Token`] prints its first four characters).
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod error;
mod session;
mod store;

pub use client::{AuthClient, AuthClientBuilder, DEFAULT_REFRESH_MARGIN, ListenerGuard};
pub use error::{AuthError, Result};
pub use session::{Customer, Session, SessionEvent, SignupOutcome, Token};
pub use store::{FileStore, MemoryStore, SessionStore, StoreError};
