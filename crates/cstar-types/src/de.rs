//! The one rule every response model follows: `null` and absence are the same case.
//!
//! serde's `#[serde(default)]` covers a missing field but not a `null` one, and an API that
//! moved on sends both. Every field of every response model other than the object's own `id`
//! carries
//!
//! ```text
//! #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
//! ```
//!
//! so that a missing field and a `null` read as the field type's [`Default`]: an empty list, map
//! or string, `0`, `false`, an open enum's `Unknown("")`, or `None` for an `Option`.

use serde::{Deserialize, Deserializer};

/// Reads `null` as `T::default()`; with `#[serde(default)]` beside it, absence reads the same.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Row {
///     #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
///     tags: Vec<String>,
/// }
/// let row: Row = serde_json::from_str(r#"{"tags":null}"#)?;
/// assert!(row.tags.is_empty());
/// let row: Row = serde_json::from_str("{}")?;
/// assert!(row.tags.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// # Errors
///
/// When the value is present, not `null`, and not a `T`.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
