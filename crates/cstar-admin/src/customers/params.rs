//! What the customer calls take.

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::{CustomerStatus, Sentiment};
use crate::collection::paging_params;

/// Filters and paging for `customers().list` and `list_all`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListCustomers {
    /// Only customers with this status.
    pub status: Option<CustomerStatus>,
    /// Only customers with this sentiment.
    pub sentiment: Option<Sentiment>,
    /// Only customers with this tag (exact match).
    pub tag: Option<String>,
    /// Text to find in the name or email.
    pub search: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListCustomers {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only customers with this status.
    pub fn status(mut self, status: CustomerStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only customers with this sentiment.
    pub fn sentiment(mut self, sentiment: Sentiment) -> Self {
        self.sentiment = Some(sentiment);
        self
    }

    /// Only customers with this tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Text to find in the name or email.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }
}

paging_params!(ListCustomers);

/// The body of `customers().create`: name and email are required, the email unique per team.
///
/// ```
/// use cstar_admin::{CreateCustomer, Sentiment};
///
/// let ada = CreateCustomer::new("Ada Lovelace", "ada@example.com")
///     .sentiment(Sentiment::Positive)
///     .tag("vip")
///     .custom_field("plan", "enterprise");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateCustomer {
    /// Display name (required).
    pub name: String,
    /// Email (required, unique within the team).
    pub email: String,
    /// Default `active`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CustomerStatus>,
    /// How they feel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Internal notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Team-defined fields.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom_fields: Map<String, Value>,
    /// Free-form data of your own.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

impl CreateCustomer {
    /// A customer with this name and email.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            email: email.into(),
            status: None,
            sentiment: None,
            tags: Vec::new(),
            notes: None,
            custom_fields: Map::new(),
            metadata: Map::new(),
        }
    }

    /// Sets the status.
    pub fn status(mut self, status: CustomerStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the sentiment.
    pub fn sentiment(mut self, sentiment: Sentiment) -> Self {
        self.sentiment = Some(sentiment);
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// Sets the whole tag list.
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Sets internal notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }

    /// Sets one custom field.
    pub fn custom_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.custom_fields.insert(key.into(), value.into());
        self
    }

    /// Sets one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }
}

/// The patch of `customers().update`: only what is set is sent; a metadata key set to `null` is
/// removed.
///
/// ```
/// use cstar_admin::{Sentiment, UpdateCustomer};
///
/// let patch = UpdateCustomer::patch().sentiment(Sentiment::Angry).remove_metadata("trial");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateCustomer {
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A new status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CustomerStatus>,
    /// A new sentiment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    /// Replaces the tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// New internal notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Merged into the custom fields.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom_fields: Map<String, Value>,
    /// Merged into the metadata; a key set to `null` is removed.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

impl UpdateCustomer {
    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Changes the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Changes the email.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Changes the status.
    pub fn status(mut self, status: CustomerStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Changes the sentiment.
    pub fn sentiment(mut self, sentiment: Sentiment) -> Self {
        self.sentiment = Some(sentiment);
        self
    }

    /// Sets the whole tag list this patch sends (the customer's tags become exactly these).
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Adds one tag to the list this patch sends (the API replaces the tags with that list:
    /// start from the current tags with `tags(..)` to keep them).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.get_or_insert_with(Vec::new).push(tag.into());
        self
    }

    /// Changes the internal notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }

    /// Sets one custom field.
    pub fn custom_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.custom_fields.insert(key.into(), value.into());
        self
    }

    /// Sets one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Removes one metadata entry.
    pub fn remove_metadata(mut self, key: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), Value::Null);
        self
    }
}
