//! `/custom-fields`: definitions of team-defined fields, listed by `position`, then name.
//! Only list and create are documented.

use serde_json::{Map, Value};

use super::Ctx;
use super::doc_crud::{insert, matching};
use super::fields::{
    check_enum, opt_bool, opt_enum, opt_integer, opt_string, opt_strings, required_string,
};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Kind;

const KIND: Kind = Kind::CustomFields;
pub(crate) const TYPES: &[&str] = &["text", "number", "select", "multiselect", "date", "boolean"];
pub(crate) const ENTITY_TYPES: &[&str] = &["tickets", "customers"];

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    check_enum("entityType", ctx.query("entityType"), ENTITY_TYPES)?;
    let entity = ctx.query("entityType").map(str::to_owned);
    let mut found = matching(ctx, KIND, |d| {
        entity.as_deref().is_none_or(|e| d.str("entityType") == e)
    });
    let position = |d: &crate::store::documents::Doc| {
        d.object
            .get("position")
            .and_then(Value::as_i64)
            .unwrap_or(0)
    };
    found.sort_by(|a, b| {
        position(a)
            .cmp(&position(b))
            .then_with(|| a.str("name").cmp(b.str("name")))
    });
    Ok(success(
        200,
        Value::Array(found.into_iter().map(|d| Value::Object(d.object)).collect()),
    ))
}

/// A machine key from a label: lowercase ASCII letters and digits, `_` between.
fn key_of(name: &str) -> String {
    crate::store::documents::slugify(name).replace('-', "_")
}

pub(super) fn create(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let name = required_string(&body, "name")?;
    let field_type = opt_enum(&body, "type", TYPES)?.ok_or_else(|| ApiFailure::missing("type"))?;
    let entity = opt_enum(&body, "entityType", ENTITY_TYPES)?
        .ok_or_else(|| ApiFailure::missing("entityType"))?;
    let key = opt_string(&body, "key")?.map_or_else(|| key_of(&name), |k| key_of(&k));
    let options = opt_strings(&body, "options")?.unwrap_or_default();
    if matches!(field_type.as_str(), "select" | "multiselect") && options.is_empty() {
        return Err(ApiFailure::invalid(
            "options",
            "a select field needs at least one option",
        ));
    }
    let taken = !matching(ctx, KIND, |d| {
        d.str("entityType") == entity && d.str("key") == key
    })
    .is_empty();
    if taken {
        return Err(ApiFailure::new(
            409,
            "invalid_request_error",
            "resource_already_exists",
            format!("The {entity} custom field key {key:?} is taken"),
        )
        .param("key"));
    }
    let mut fields = Map::new();
    fields.insert("name".into(), name.into());
    fields.insert("key".into(), key.into());
    fields.insert("type".into(), field_type.into());
    fields.insert("entityType".into(), entity.into());
    fields.insert(
        "required".into(),
        opt_bool(&body, "required")?.unwrap_or(false).into(),
    );
    fields.insert("options".into(), options.into());
    fields.insert(
        "position".into(),
        opt_integer(&body, "position")?.unwrap_or(0).into(),
    );
    Ok(success(201, Value::Object(insert(ctx, KIND, fields, None))))
}
