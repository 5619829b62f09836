//! What went wrong, named by the check that failed.

use std::fmt;

/// Why a webhook was rejected. Each variant names the check that failed, so "my signature fails"
/// has an answer; none of them repeats the secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// No secret, or an empty one, was given.
    EmptySecret,
    /// The signature header is empty or missing.
    MissingHeader,
    /// The signature header is not `t=<seconds>,v1=<hex>` (or the legacy `sha256=<hex>`).
    MalformedHeader {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The header has no `t=` part.
    MissingTimestamp,
    /// The header has no `v1=` part.
    MissingSignature,
    /// No `v1=` (or `sha256=`) value is 64 hex characters: a truncated or mangled signature.
    MalformedSignature,
    /// The signed time is older than the tolerance allows: a replay, or a clock far behind.
    TimestampTooOld {
        /// How many seconds ago it was signed.
        age_secs: u64,
        /// The tolerance in force.
        tolerance_secs: u64,
    },
    /// The signed time is further in the future than the tolerance allows: a clock far ahead.
    TimestampInFuture {
        /// How many seconds ahead it is.
        ahead_secs: u64,
        /// The tolerance in force.
        tolerance_secs: u64,
    },
    /// No signature in the header matches the body under any of the secrets.
    SignatureMismatch,
    /// The signature is valid but the body is not a cStar event envelope.
    InvalidPayload(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptySecret => f.write_str("the webhook signing secret is empty"),
            Self::MissingHeader => f.write_str("the X-Signature header is missing or empty"),
            Self::MalformedHeader { reason } => {
                write!(f, "the X-Signature header is malformed: {reason}")
            }
            Self::MissingTimestamp => f.write_str("the X-Signature header has no t= timestamp"),
            Self::MissingSignature => f.write_str("the X-Signature header has no v1= signature"),
            Self::MalformedSignature => f.write_str(
                "the signature in X-Signature is not 64 hex characters (truncated or altered?)",
            ),
            Self::TimestampTooOld {
                age_secs,
                tolerance_secs,
            } => write!(
                f,
                "the signature timestamp is {age_secs} s old, beyond the {tolerance_secs} s \
                 tolerance (a replayed delivery, or this machine's clock is wrong)"
            ),
            Self::TimestampInFuture {
                ahead_secs,
                tolerance_secs,
            } => write!(
                f,
                "the signature timestamp is {ahead_secs} s in the future, beyond the \
                 {tolerance_secs} s tolerance (check this machine's clock)"
            ),
            Self::SignatureMismatch => f.write_str(
                "no signature matches: check the signing secret (the whole whsec_... string), and \
                 pass the raw request body exactly as received: parsing and re-serializing the \
                 JSON changes the bytes",
            ),
            Self::InvalidPayload(e) => {
                write!(
                    f,
                    "the signature is valid but the body is not a cStar event: {e}"
                )
            }
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidPayload(e) => Some(e),
            _ => None,
        }
    }
}
