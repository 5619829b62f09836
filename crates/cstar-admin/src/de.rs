//! Field rules cstar-types' `null_as_default` does not cover: a flag whose absence means yes (a
//! webhook is active, a rule enabled, unless the API says otherwise). An export's rows have
//! their own rule, in `export`.

use serde::{Deserialize, Deserializer};

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
