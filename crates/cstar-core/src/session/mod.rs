//! A signed-in customer, as every customer-facing client sees one: the [`Token`] their calls
//! carry, a [`TokenSource`] that hands out a current one, and the [`SessionStore`] that keeps a
//! session between calls and runs.
//!
//! `cstar-auth`'s `AuthClient` is a [`TokenSource`] (it refreshes an expired access token
//! first), so a client whose writes act as the customer can be given it once instead of a token
//! on every call. `AuthClient` and `ChatClient` keep their sessions in the same stores.

#[cfg(target_arch = "wasm32")]
mod local_storage;
mod store;

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
#[cfg(target_arch = "wasm32")]
pub use local_storage::LocalStorageStore;
pub use store::{FileStore, MemoryStore, SessionStore, SessionStoreError, load_json, save_json};

/// A bearer token (a customer's access or refresh token, a chat session token). `Debug` and
/// `Display` show only its first characters.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Token(String);

impl Token {
    /// The whole token, to send.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Self(token)
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Self {
        Self(token.to_owned())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({self})")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head: String = self.0.chars().take(4).collect();
        write!(f, "{head}…")
    }
}

/// The future a [`TokenSource`] answers with.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Token>> + Send + 'a>>;

/// Hands out the current access token of a signed-in customer, renewing it first when needed.
///
/// Calls that act as the customer ask it once per call, just before sending. Implemented by
/// `cstar_auth::AuthClient`; implement it to bring tokens from elsewhere.
///
/// ```
/// use cstar_core::session::{Token, TokenFuture, TokenSource};
///
/// /// A token that never changes, e.g. one your backend minted.
/// struct Fixed(Token);
///
/// impl TokenSource for Fixed {
///     fn access_token(&self) -> TokenFuture<'_> {
///         Box::pin(async move { Ok(self.0.clone()) })
///     }
/// }
/// ```
pub trait TokenSource: Send + Sync + 'static {
    /// A token valid now.
    ///
    /// # Errors
    ///
    /// [`Error::NotSignedIn`] when there is no customer; whatever renewing the token met.
    fn access_token(&self) -> TokenFuture<'_>;
}

/// The source of a client that was given no session: every call acting as a customer fails
/// with [`Error::NotSignedIn`] before anything is sent.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSession;

impl TokenSource for NoSession {
    fn access_token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err(Error::NotSignedIn) })
    }
}
