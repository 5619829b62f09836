//! The errors of chat calls.

/// What can go wrong in a [`ChatClient`](crate::ChatClient) call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChatError {
    /// The call needs an identified customer and the session is anonymous: call
    /// [`ChatClient::identify`](crate::ChatClient::identify) first (the cheat sheet's gotcha:
    /// identify before listing).
    #[error("identify the customer first (ChatClient::identify): {0}")]
    IdentifyRequired(Box<cstar_core::ApiError>),
    /// Any other failure of the call; see [`cstar_core::Error`].
    #[error(transparent)]
    Api(cstar_core::Error),
}

impl From<cstar_core::Error> for ChatError {
    fn from(error: cstar_core::Error) -> Self {
        match error {
            cstar_core::Error::Authentication(api)
                if api
                    .code()
                    .is_some_and(|c| c.as_str() == "identify_required") =>
            {
                Self::IdentifyRequired(api)
            }
            other => Self::Api(other),
        }
    }
}

/// A `Result` whose error is [`ChatError`].
pub type Result<T, E = ChatError> = std::result::Result<T, E>;
