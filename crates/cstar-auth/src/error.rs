//! The errors of customer auth.

use crate::store::StoreError;

/// What can go wrong in an [`AuthClient`](crate::AuthClient) call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The API answered with an error (wrong password: `Authentication`; email taken:
    /// `Conflict`; ...), or could not be reached; see [`cstar_core::Error`].
    #[error(transparent)]
    Api(#[from] cstar_core::Error),
    /// The session store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The call needs a signed-in customer and there is none (never signed in, logged out, or
    /// the refresh token was refused).
    #[error("no customer is signed in: call login or signup first")]
    NotSignedIn,
}

impl AuthError {
    /// The API error behind this, if any.
    pub fn api_error(&self) -> Option<&cstar_core::ApiError> {
        match self {
            Self::Api(e) => e.api_error(),
            _ => None,
        }
    }
}

/// A `Result` whose error is [`AuthError`].
pub type Result<T, E = AuthError> = std::result::Result<T, E>;
