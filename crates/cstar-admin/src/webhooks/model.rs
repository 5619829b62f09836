//! The webhook subscription object, its one-time signing secret, and test results.

use std::fmt;

use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::WebhookId;

/// A webhook subscription. It never carries the signing secret: only the answer to `create`
/// does, as [`CreatedWebhook`].
///
/// Only `id` is required; every other field reads `null` and absence as the value its
/// documentation names.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Webhook {
    /// `whk_...`. The only required field.
    pub id: WebhookId,
    /// A label; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: Option<String>,
    /// Where deliveries go; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub url: String,
    /// Event types or patterns (`ticket.*`) it receives; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub events: Vec<String>,
    /// False while paused; true when not sent (a webhook is active unless paused).
    #[serde(
        default = "crate::de::yes",
        deserialize_with = "crate::de::true_unless_false",
        alias = "is_active"
    )]
    pub is_active: bool,
    /// When it was created; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "updated_at"
    )]
    pub updated_at: Option<Timestamp>,
}

/// A webhook's signing secret, `whsec_...`: the key receivers verify deliveries with.
///
/// Shown once, in the answer to `create`; store it then. `Debug` and `Display` show only its
/// prefix and last four characters.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// The whole secret, to store or to pass to a verifier.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebhookSecret({self})")
    }
}

impl fmt::Display for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tail: String = {
            let chars: Vec<char> = self.0.chars().collect();
            if chars.len() >= 16 {
                chars[chars.len() - 4..].iter().collect()
            } else {
                String::new()
            }
        };
        let prefix = if self.0.starts_with("whsec_") {
            "whsec_"
        } else {
            ""
        };
        write!(f, "{prefix}…{tail}")
    }
}

/// The answer to `webhooks().create`: the webhook and its signing secret, the only time the
/// API shows it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "CreatedWire")]
#[non_exhaustive]
pub struct CreatedWebhook {
    /// The new webhook.
    pub webhook: Webhook,
    /// Its signing secret.
    pub secret: WebhookSecret,
}

impl std::ops::Deref for CreatedWebhook {
    type Target = Webhook;

    fn deref(&self) -> &Webhook {
        &self.webhook
    }
}

/// The wire form: the secret comes as `secret` (the API reference) or `signingSecret` (the JS
/// SDK's name); either is taken.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatedWire {
    #[serde(flatten)]
    webhook: Webhook,
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    secret: Option<String>,
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "signing_secret"
    )]
    signing_secret: Option<String>,
}

impl TryFrom<CreatedWire> for CreatedWebhook {
    type Error = String;

    fn try_from(wire: CreatedWire) -> Result<Self, String> {
        let secret = wire
            .secret
            .or(wire.signing_secret)
            .filter(|s| !s.is_empty())
            .ok_or("the create answer carries no signing secret (secret or signingSecret)")?;
        Ok(Self {
            webhook: wire.webhook,
            secret: WebhookSecret(secret),
        })
    }
}

/// What `webhooks().test` reports of its one synthetic delivery. Every field reads `null` and
/// absence as the value its documentation names.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookTestResult {
    /// The delivery's id; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "delivery_id"
    )]
    pub delivery_id: Option<String>,
    /// The event type sent; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub event: String,
    /// Where it went; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub url: Option<String>,
    /// Whether the receiver answered 2xx; false when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub success: bool,
    /// The receiver's status, when it answered; `None` otherwise or when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub status: Option<u16>,
    /// How long the receiver took; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "response_time_ms"
    )]
    pub response_time_ms: Option<u64>,
    /// Why it failed; `None` when it did not or when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub error: Option<String>,
}

/// What `webhooks().trigger_test` reports. Every field reads `null` and absence as the value
/// its documentation names.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TriggerTestResult {
    /// The event type pushed; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub event: String,
    /// How many webhooks it was delivered to; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "delivered_to"
    )]
    pub delivered_to: u32,
}
