//! The signed-in customer and their tokens.

use cstar_core::session::Token;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A customer account, as the session shows it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Customer {
    /// `cus_...`.
    pub id: String,
    /// Their email.
    pub email: String,
    /// Their name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A signed-in session: the customer, an access token for their calls, and a refresh token to
/// get the next access token.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Session {
    /// Who is signed in.
    pub customer: Customer,
    /// Sent as `Authorization: Bearer ...` on the customer's calls.
    pub access_token: Token,
    /// Exchanged for a new session when the access token expires.
    pub refresh_token: Token,
    /// When the access token stops working.
    pub expires_at: Timestamp,
}

impl Session {
    /// Whether the access token is past (or within `margin` of) its expiry.
    pub fn expires_within(&self, margin: std::time::Duration) -> bool {
        let margin = jiff::SignedDuration::try_from(margin).unwrap_or(jiff::SignedDuration::MAX);
        let Ok(now) = Timestamp::try_from(cstar_core::runtime::now()) else {
            return true;
        };
        now.checked_add(margin)
            .map_or(true, |soon| soon >= self.expires_at)
    }
}

/// What signing up gave.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignupOutcome {
    /// Signed in at once (the team does not ask for email confirmation).
    SignedIn(Session),
    /// The team asks for email confirmation first: log in once the customer confirmed.
    ConfirmationPending {
        /// Where the confirmation mail went.
        email: String,
    },
}

/// What changed, for [`AuthClient::on_session_change`](crate::AuthClient::on_session_change).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionEvent {
    /// A customer signed up or logged in.
    SignedIn(Customer),
    /// The access token was renewed.
    Refreshed(Customer),
    /// The session ended: logout, or a refresh the server refused.
    SignedOut,
}
