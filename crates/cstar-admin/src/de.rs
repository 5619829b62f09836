//! Field rules cstar-types' `null_as_default` does not cover: a flag whose absence means yes (a
//! webhook is active, a rule enabled, unless the API says otherwise), and an export's rows.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The default of a flag that is on unless sent as `false`.
pub(crate) fn yes() -> bool {
    true
}

/// Reads `null` as absent, which is `true`; only an explicit `false` is `false`.
pub(crate) fn true_unless_false<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(true))
}

/// An export's `resources`: rows per record type. A type whose rows are `null` has none; a
/// member that is not a list (something a later API added beside the record types) is left
/// out rather than failing the export.
pub(crate) fn rows_by_type<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Vec<Value>>, D::Error> {
    let members = Option::<Map<String, Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(members
        .into_iter()
        .filter_map(|(kind, rows)| match rows {
            Value::Array(rows) => Some((kind, rows)),
            Value::Null => Some((kind, Vec::new())),
            _ => None,
        })
        .collect())
}
