//! Reading fields of a JSON request body: every wrong type is a 400 naming the field.

use serde_json::{Map, Value};

use crate::http::error::ApiFailure;

/// A required, non-blank string: absent, null or blank is `parameter_missing`.
pub(crate) fn required_string(
    body: &Map<String, Value>,
    field: &str,
) -> Result<String, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Err(ApiFailure::missing(field)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(ApiFailure::missing(field)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a string"),
        )),
    }
}

/// An optional string; absent and null both read as `None`.
pub(crate) fn opt_string(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<String>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a string"),
        )),
    }
}

/// A field of a partial update that may be cleared: `None` absent, `Some(None)` null.
pub(crate) fn patch_nullable_string(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Option<String>>, ApiFailure> {
    match body.get(field) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a string or null"),
        )),
    }
}

/// A field of a partial update that cannot be cleared: null is a 400, since a client that sends
/// `null` for "unchanged" has a bug worth seeing.
pub(crate) fn patch_value<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a Value>, ApiFailure> {
    match body.get(field) {
        Some(Value::Null) => Err(ApiFailure::invalid(
            field,
            format!("{field} cannot be null"),
        )),
        other => Ok(other),
    }
}

/// An optional value that must be one of `allowed`.
pub(crate) fn opt_enum(
    body: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<String>, ApiFailure> {
    let value = opt_string(body, field)?;
    check_enum(field, value.as_deref(), allowed)?;
    Ok(value)
}

/// A 400 unless `value` is absent or one of `allowed`.
pub(crate) fn check_enum(
    field: &str,
    value: Option<&str>,
    allowed: &[&str],
) -> Result<(), ApiFailure> {
    match value {
        Some(v) if !allowed.contains(&v) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be one of {}", allowed.join(", ")),
        )),
        _ => Ok(()),
    }
}

/// An optional array of strings.
pub(crate) fn opt_strings(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Vec<String>>, ApiFailure> {
    let wrong = || ApiFailure::invalid(field, format!("{field} must be an array of strings"));
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(Some)
            .ok_or_else(wrong),
        Some(_) => Err(wrong()),
    }
}

/// An optional object.
pub(crate) fn opt_object(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Map<String, Value>>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => Ok(Some(object.clone())),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be an object"),
        )),
    }
}

/// An optional boolean.
pub(crate) fn opt_bool(body: &Map<String, Value>, field: &str) -> Result<Option<bool>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiFailure::invalid(
            field,
            format!("{field} must be a boolean"),
        )),
    }
}

/// An optional integer.
pub(crate) fn opt_integer(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<i64>, ApiFailure> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_i64()
            .map(Some)
            .ok_or_else(|| ApiFailure::invalid(field, format!("{field} must be an integer"))),
    }
}

/// Merges a patch into metadata: a key set to `null` is removed.
pub(crate) fn merge_metadata(target: &mut Map<String, Value>, patch: Map<String, Value>) {
    for (key, value) in patch {
        if value.is_null() {
            target.remove(&key);
        } else {
            target.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn reads_and_rejects_with_the_field_named() {
        let body = object(json!({"a": "x", "n": 1, "blank": " ", "nil": null, "tags": ["a", 2]}));
        assert_eq!(required_string(&body, "a").unwrap(), "x");
        for (field, code) in [
            ("blank", "parameter_missing"),
            ("nil", "parameter_missing"),
            ("zz", "parameter_missing"),
            ("n", "parameter_invalid"),
        ] {
            let failure = required_string(&body, field).unwrap_err();
            assert_eq!(
                (failure.code, failure.param.as_deref()),
                (code, Some(field))
            );
        }
        assert_eq!(patch_nullable_string(&body, "nil").unwrap(), Some(None));
        assert_eq!(patch_nullable_string(&body, "zz").unwrap(), None);
        assert!(patch_value(&body, "nil").is_err());
        assert_eq!(
            opt_strings(&body, "tags").unwrap_err().param.as_deref(),
            Some("tags")
        );
        assert!(opt_bool(&body, "a").is_err());
    }

    #[test]
    fn null_removes_a_metadata_key() {
        let mut target = object(json!({"keep": 1, "drop": 2}));
        merge_metadata(&mut target, object(json!({"drop": null, "add": true})));
        assert_eq!(Value::Object(target), json!({"keep": 1, "add": true}));
    }
}
