//! The signed-in customer and their tokens.

use cstar_core::session::Token;
use cstar_types::Timestamp;
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
        // A margin past the end of time means "always": the token is treated as expiring.
        cstar_core::runtime::now()
            .checked_add(margin)
            .is_none_or(|soon| Timestamp::from_system_time(soon) >= self.expires_at)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn expiring_at(unix_seconds: i64) -> Session {
        let json = serde_json::json!({
            "customer": {"id": "cus_1", "email": "ada@example.com"},
            "accessToken": "at",
            "refreshToken": "rt",
            "expiresAt": Timestamp::from_unix(unix_seconds, 0).as_str(),
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("a session decodes: {e}"))
    }

    #[test]
    fn expiry_is_read_against_the_runtime_clock_with_its_margin() {
        let now = Timestamp::from_system_time(cstar_core::runtime::now()).unix_seconds();
        let in_an_hour = expiring_at(now + 3600);
        assert!(!in_an_hour.expires_within(Duration::from_secs(60)));
        assert!(in_an_hour.expires_within(Duration::from_secs(7200)));
        assert!(expiring_at(now - 1).expires_within(Duration::ZERO));
        // A margin past the end of time counts as expiring, not as a panic.
        assert!(in_an_hour.expires_within(Duration::MAX));
    }

    #[test]
    fn both_utc_spellings_of_the_expiry_decode_to_the_same_instant() {
        let z: Timestamp = "2026-12-05T10:00:00Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let offset: Timestamp = "2026-12-05T10:00:00+00:00"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(z, offset);
    }
}
