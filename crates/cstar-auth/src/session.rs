//! The signed-in customer and their tokens.

use cstar_core::session::Token;
use cstar_types::de::null_as_default;
use cstar_types::{CustomerId, Timestamp};
use serde::{Deserialize, Deserializer, Serialize};

/// A customer account, as the session shows it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Customer {
    /// `cus_...`: the same customer the admin API's `customers().get` shows. The only required
    /// field.
    pub id: CustomerId,
    /// Their email; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub email: String,
    /// Their name; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: Option<String>,
}

/// A missing or `null` refresh token reads as an empty one: the session works until the access
/// token expires, and the refresh is then refused (a `SignedOut`).
fn token_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Token, D::Error> {
    Ok(Option::<Token>::deserialize(deserializer)?.unwrap_or_else(|| Token::from("")))
}

fn empty_token() -> Token {
    Token::from("")
}

/// A signed-in session: the customer, an access token for their calls, and a refresh token to
/// get the next access token.
///
/// A session has no `id` of its own: what it is, is who signed in and the token that proves it,
/// so `customer` (with its `id`) and `accessToken` are required; the rest reads as empty when
/// `null` or missing.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Session {
    /// Who is signed in. Required.
    pub customer: Customer,
    /// Sent as `Authorization: Bearer ...` on the customer's calls. Required.
    pub access_token: Token,
    /// Exchanged for a new session when the access token expires; empty when not sent.
    #[serde(default = "empty_token", deserialize_with = "token_or_empty")]
    pub refresh_token: Token,
    /// When the access token stops working; `None` when not sent (the token is then used until
    /// cStar refuses it).
    #[serde(default, deserialize_with = "null_as_default")]
    pub expires_at: Option<Timestamp>,
}

impl Session {
    /// Whether the access token is past (or within `margin` of) its expiry; false when cStar
    /// did not say when it expires.
    pub fn expires_within(&self, margin: std::time::Duration) -> bool {
        let Some(expires_at) = &self.expires_at else {
            return false;
        };
        // A margin past the end of time means "always": the token is treated as expiring.
        cstar_core::runtime::now()
            .checked_add(margin)
            .is_none_or(|soon| Timestamp::from_system_time(soon) >= *expires_at)
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
    fn the_session_and_its_customer_survive_drift() {
        use cstar_types::testing::drift_check_except;
        drift_check_except(
            &serde_json::json!({
                "customer": {"id": "cus_1", "email": "ada@example.com", "name": "Ada"},
                "accessToken": "at", "refreshToken": "rt", "expiresAt": "2026-12-05T10:00:00Z",
            }),
            &["customer", "accessToken"],
            |v| serde_json::from_value::<Session>(v.clone()),
        );
        let no_expiry: Session = serde_json::from_value(serde_json::json!({
            "customer": {"id": "cus_1"}, "accessToken": "at", "expiresAt": null,
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(!no_expiry.expires_within(Duration::MAX));
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
