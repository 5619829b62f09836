//! The customer.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{CustomerId, Timestamp};

crate::open_enum! {
    /// Whether a customer is active.
    pub enum CustomerStatus {
        /// Active (the default).
        Active => "active",
        /// Inactive.
        Inactive => "inactive",
    }
}

crate::open_enum! {
    /// How a customer feels. The documentation shows two value sets (`positive|neutral|negative`
    /// and `happy|neutral|frustrated|angry`); both are known here, anything else is kept.
    pub enum Sentiment {
        /// Positive.
        Positive => "positive",
        /// Neutral.
        Neutral => "neutral",
        /// Negative.
        Negative => "negative",
        /// Happy.
        Happy => "happy",
        /// Frustrated.
        Frustrated => "frustrated",
        /// Angry.
        Angry => "angry",
    }
}

/// A customer of the team: from the admin API or inside a customer or ticket event.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// `cus_...`. The only required field.
    pub id: CustomerId,
    /// Display name; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub name: String,
    /// Email, unique within the team; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub email: String,
    /// Active or inactive; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub status: Option<CustomerStatus>,
    /// How they feel; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub sentiment: Option<Sentiment>,
    /// Tags; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub tags: Vec<String>,
    /// Internal notes; `None` when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub notes: Option<String>,
    /// Team-defined fields; empty when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "custom_fields"
    )]
    pub custom_fields: Map<String, Value>,
    /// All-time ticket count; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "ticket_count"
    )]
    pub ticket_count: u32,
    /// Free-form data of your own; empty when not sent.
    #[serde(default, deserialize_with = "crate::de::null_as_default")]
    pub metadata: Map<String, Value>,
    /// When it was created; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
    /// When it last changed; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "crate::de::null_as_default",
        alias = "updated_at"
    )]
    pub updated_at: Option<Timestamp>,
}
