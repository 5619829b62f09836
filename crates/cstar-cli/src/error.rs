//! How a command fails: one type, its exit code, and its report on stderr.

use std::fmt;

use cstar_admin::Error as ApiError;

/// A failed command.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The SDK's error: an API answer, a network failure, or a bad setting.
    Api(ApiError),
    /// The user asked for something that cannot work (exit 2).
    Usage(String),
    /// Anything else that went wrong on this machine (a file, the terminal).
    Local(String),
}

impl CliError {
    /// A usage error with this message.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }

    /// A local failure with this message.
    pub(crate) fn local(message: impl Into<String>) -> Self {
        Self::Local(message.into())
    }

    /// 2 for bad usage (including a malformed key or base URL), 1 for everything else.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) | Self::Api(ApiError::Config(_) | ApiError::InvalidArgument(_)) => 2,
            _ => 1,
        }
    }

    /// Writes the error to stderr, with the request id when the API sent one so that it can be
    /// quoted to cStar's support: once, so a line of its own only when the message does not
    /// show it already (the SDK's API, decoding and cut-short errors do).
    pub(crate) fn report(&self) {
        eprintln!("{}", self.report_text());
    }

    /// What [`report`](Self::report) writes, without the final newline.
    pub(crate) fn report_text(&self) -> String {
        let message = format!("error: {self}");
        match self.request_id() {
            Some(id) if !message.contains(id) => format!("{message}\n  request id: {id}"),
            _ => message,
        }
    }

    /// The request id of the API's answer, when one arrived.
    pub(crate) fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.request_id(),
            Self::Usage(_) | Self::Local(_) => None,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => write!(f, "{error}"),
            Self::Usage(message) | Self::Local(message) => f.write_str(message),
        }
    }
}

impl From<ApiError> for CliError {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}
