//! The customer object.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::CustomerId;

cstar_core::open_enum! {
    /// Whether a customer is active.
    pub enum CustomerStatus {
        /// Active (the default).
        Active => "active",
        /// Inactive.
        Inactive => "inactive",
    }
}

cstar_core::open_enum! {
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

/// A customer of the team.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// `cus_...`.
    pub id: CustomerId,
    /// Display name.
    pub name: String,
    /// Email, unique within the team.
    pub email: String,
    /// Active or inactive.
    #[serde(default)]
    pub status: Option<CustomerStatus>,
    /// How they feel.
    #[serde(default)]
    pub sentiment: Option<Sentiment>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Internal notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Team-defined fields.
    #[serde(default, alias = "custom_fields")]
    pub custom_fields: Map<String, Value>,
    /// All-time ticket count.
    #[serde(default, alias = "ticket_count")]
    pub ticket_count: u32,
    /// Free-form data of your own.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// When it was created.
    #[serde(alias = "created_at")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(alias = "updated_at")]
    pub updated_at: Timestamp,
}
