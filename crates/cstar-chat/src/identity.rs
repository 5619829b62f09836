//! Identity verification, the server side: what your backend computes so that the chat widget
//! (or a [`ChatClient`](crate::ChatClient)) can prove who the customer is.
//!
//! The signature is HMAC-SHA256, keyed with the team's identity secret, over the canonical JSON
//! of `{email, externalId, name?, timestamp}`: keys sorted, no whitespace, `name` left out when
//! absent (an empty name is kept), `timestamp` in Unix seconds; written as lowercase hex.
//!
//! **The identity secret is not your API key.** It is a setting of its own, under Settings →
//! Team → Chat Widget → Customer Identity Verification (a production and a test one); a
//! signature made with the API's secret key is refused (401 `invalid_signature`). Keep it on
//! your server, beside the API key but apart from it (`CSTAR_CHAT_IDENTITY_SECRET`, say).
//! Against the emulator it is `MockServer::identity_secret()` (printed by `cstar-mock` as
//! `identity secret: idsec_test_...`).
//!
//! ```
//! use cstar_chat::identity::{Identity, sign};
//!
//! let identity = Identity::new("jane@example.com", "42", 1_700_000_000).name("Jane Doe");
//! assert_eq!(
//!     identity.canonical_json(),
//!     r#"{"email":"jane@example.com","externalId":"42","name":"Jane Doe","timestamp":1700000000}"#
//! );
//! assert_eq!(
//!     sign(&identity, "your-chat-identity-secret"),
//!     "bbdf902e2be019752a857b029db79a7d85bffc4664ccda888166150d335ccb4e"
//! );
//! ```

#[cfg(not(target_arch = "wasm32"))]
use ring::hmac;
use serde::Serialize;

/// Who the customer is, as your backend vouches for them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Identity {
    /// Their email.
    pub email: String,
    /// Their id in your system.
    pub external_id: String,
    /// Their name, if you send one.
    pub name: Option<String>,
    /// When you signed, in Unix seconds (the emulator accepts 300 s either way).
    pub timestamp: i64,
}

impl Identity {
    /// An identity signed at `timestamp` (Unix seconds).
    pub fn new(email: impl Into<String>, external_id: impl Into<String>, timestamp: i64) -> Self {
        Self {
            email: email.into(),
            external_id: external_id.into(),
            name: None,
            timestamp,
        }
    }

    /// An identity signed now.
    pub fn now(email: impl Into<String>, external_id: impl Into<String>) -> Self {
        // Through cstar-core's runtime door, so the one clock can be swapped (browser builds).
        let timestamp = cstar_core::runtime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
            });
        Self::new(email, external_id, timestamp)
    }

    /// Adds the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The exact bytes that are signed.
    pub fn canonical_json(&self) -> String {
        let canonical = Canonical {
            email: &self.email,
            external_id: &self.external_id,
            name: self.name.as_deref(),
            timestamp: self.timestamp,
        };
        // Strings and an integer always serialize; the fallback is never reached.
        serde_json::to_string(&canonical).unwrap_or_default()
    }
}

/// The signed payload. A struct rather than a `serde_json::Map`, because a map's key order flips
/// to insertion order when any crate in the user's tree turns on serde_json's `preserve_order`:
/// struct fields serialize in declaration order, which is kept sorted here, always.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Canonical<'a> {
    email: &'a str,
    external_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    timestamp: i64,
}

/// The signature of `identity` with the team's identity `secret` (the chat widget's identity
/// verification secret, not the API key: see the [module docs](self)), as lowercase hex.
///
/// Server-side only: the secret must never reach a browser, so the wasm build has no `sign` (and
/// no ring, hence no C compiler).
#[cfg(not(target_arch = "wasm32"))]
pub fn sign(identity: &Identity, secret: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let tag = hmac::sign(&key, identity.canonical_json().as_bytes());
    tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_test_vector() {
        let identity = Identity::new("jane@example.com", "42", 1_700_000_000).name("Jane Doe");
        assert_eq!(
            sign(&identity, "sk_test_identity"),
            "5be393ed500de8f70fccdeac73a1a5a07f7dab39a3b39f74ea8db9470a426366"
        );
    }

    #[test]
    fn name_is_left_out_only_when_absent() {
        let without = Identity::new("a@b.c", "1", 5);
        assert_eq!(
            without.canonical_json(),
            r#"{"email":"a@b.c","externalId":"1","timestamp":5}"#
        );
        let empty = Identity::new("a@b.c", "1", 5).name("");
        assert_eq!(
            empty.canonical_json(),
            r#"{"email":"a@b.c","externalId":"1","name":"","timestamp":5}"#
        );
        let unicode = Identity::new("zoë@b.c", "1", 5).name("Zoë \"Z\"");
        assert_eq!(
            unicode.canonical_json(),
            r#"{"email":"zoë@b.c","externalId":"1","name":"Zoë \"Z\"","timestamp":5}"#
        );
        assert_ne!(sign(&without, "s"), sign(&empty, "s"));
        assert_eq!(sign(&without, "s").len(), 64);
    }
}
