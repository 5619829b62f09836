//! Custom field definitions: `cstar.custom_fields()` with `list` (optionally for one entity
//! type) and `create`. Values live in each record's `customFields`.
//!
//! ```no_run
//! use cstar_admin::{CreateCustomField, CustomFieldEntity, CustomFieldType};
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let plan = CreateCustomField::new("Plan", CustomFieldType::Select, CustomFieldEntity::Customers)
//!     .options(["free", "pro", "enterprise"]);
//! cstar.custom_fields().create(plan).await?;
//! let fields = cstar.custom_fields().list(Some(CustomFieldEntity::Customers)).await?;
//! # let _ = fields; Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, Page};
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;

cstar_types::open_enum! {
    /// What a custom field holds.
    pub enum CustomFieldType {
        /// Free text.
        Text => "text",
        /// A number.
        Number => "number",
        /// One of `options`.
        Select => "select",
        /// Several of `options`.
        Multiselect => "multiselect",
        /// A date.
        Date => "date",
        /// Yes or no.
        Boolean => "boolean",
    }
}

cstar_types::open_enum! {
    /// Which records a custom field belongs to.
    pub enum CustomFieldEntity {
        /// Tickets.
        Tickets => "tickets",
        /// Customers.
        Customers => "customers",
    }
}

/// A custom field definition.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomField {
    /// `cf_...`. The only required field.
    pub id: String,
    /// The label shown; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub name: String,
    /// The machine key, e.g. `priority_level`; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub key: String,
    /// What it holds; `Unknown("")` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        rename = "type"
    )]
    pub field_type: CustomFieldType,
    /// Which records it belongs to; `Unknown("")` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "entity_type"
    )]
    pub entity_type: CustomFieldEntity,
    /// Whether a value is required; false when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub required: bool,
    /// The choices of a select field; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub options: Vec<String>,
    /// Display order; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub position: i64,
}

/// The body of `custom_fields().create`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateCustomField {
    /// The label.
    pub name: String,
    /// What it holds.
    #[serde(rename = "type")]
    pub field_type: CustomFieldType,
    /// Which records it belongs to.
    pub entity_type: CustomFieldEntity,
    /// The machine key (made from the name when not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether a value is required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The choices of a select field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Display order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
}

impl CreateCustomField {
    /// A field with this label, type and entity.
    pub fn new(
        name: impl Into<String>,
        field_type: CustomFieldType,
        entity: CustomFieldEntity,
    ) -> Self {
        Self {
            name: name.into(),
            field_type,
            entity_type: entity,
            key: None,
            required: None,
            options: Vec::new(),
            position: None,
        }
    }

    /// Sets the machine key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Makes a value required.
    pub fn required(mut self, required: bool) -> Self {
        self.required = Some(required);
        self
    }

    /// Sets the choices of a select field.
    pub fn options<I, S>(mut self, options: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options = options.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the display order.
    pub fn position(mut self, position: i64) -> Self {
        self.position = Some(position);
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    entity_type: Option<CustomFieldEntity>,
}

/// The custom-fields resource; from
/// [`CStarClient::custom_fields`](crate::CStarClient::custom_fields).
#[derive(Clone, Debug)]
pub struct CustomFields {
    scope: TeamScope,
}

impl CustomFields {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Every definition, or those of one entity type, as one page.
    ///
    /// The API sends it as one list without pagination, so the page's `has_more` is false; a
    /// record the model cannot read is kept in the page's `unreadable` instead of failing the
    /// call.
    #[inline]
    pub fn list(&self, entity: Option<CustomFieldEntity>) -> Call<Page<CustomField>> {
        let spec = self
            .scope
            .spec(Method::GET, "/custom-fields")
            .query_params(&ListQuery {
                entity_type: entity,
            });
        Call::list(&self.scope.client, spec)
    }

    /// Creates a definition.
    #[inline]
    pub fn create(&self, field: CreateCustomField) -> Call<CustomField> {
        let spec = self
            .scope
            .spec(Method::POST, "/custom-fields")
            .json_body(&field);
        self.scope.single(spec)
    }
}
