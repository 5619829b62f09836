//! Drift on purpose: rewrites of successful API answers the way a real API moves on after an
//! SDK ships, so code can be tested against a cStar that changed.

use serde_json::{Map, Value};

/// How the emulator rewrites the `data` of every successful API answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DriftMode {
    /// One field other than `id` of every object becomes `null`.
    Nulls,
    /// One field other than `id` of every object is removed.
    Missing,
    /// Every enum-like string (lowercase words such as `open`, `high_priority`) gets a value
    /// no documentation lists.
    UnknownValues,
    /// Every object gains a field no documentation lists.
    ExtraFields,
    /// Every timestamp ends in `+00:00` instead of `Z`.
    Timestamps,
    /// One record of every list answer gets an `id` that is a number, so it cannot be read.
    OneBadRecord,
}

impl std::str::FromStr for DriftMode {
    type Err = String;

    /// `nulls`, `missing`, `unknown-values`, `extra-fields`, `timestamps`, `one-bad-record`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "nulls" => Self::Nulls,
            "missing" => Self::Missing,
            "unknown-values" => Self::UnknownValues,
            "extra-fields" => Self::ExtraFields,
            "timestamps" => Self::Timestamps,
            "one-bad-record" => Self::OneBadRecord,
            other => return Err(format!("{other:?} is not a drift mode")),
        })
    }
}

/// A drift mode and its seed: the same seed rewrites the same answer the same way.
///
/// ```
/// use cstar_mock::{Drift, DriftMode, MockServer};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = MockServer::builder()
///     .drift(Drift::new(DriftMode::Nulls, 7).field("status"))
///     .start()
///     .await?;
/// # server.shutdown().await;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    mode: DriftMode,
    seed: u64,
    field: Option<String>,
}

impl Drift {
    /// `mode` with seed `seed`, over every field (one per object for `nulls` and `missing`,
    /// chosen by the seed).
    pub fn new(mode: DriftMode, seed: u64) -> Self {
        Self {
            mode,
            seed,
            field: None,
        }
    }

    /// Drifts only the fields named `name` (at any depth; never `id`): `nulls` sets each to
    /// `null`, `missing` removes it, `unknown-values` and `timestamps` rewrite only it. A test
    /// counts which (operation, field) pairs break a call by targeting one field at a time.
    #[must_use]
    pub fn field(mut self, name: impl Into<String>) -> Self {
        self.field = Some(name.into());
        self
    }

    /// The mode.
    pub fn mode(&self) -> DriftMode {
        self.mode
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The targeted field, if any.
    pub fn target(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// Rewrites a success envelope's `data` in place.
    pub(crate) fn apply(&self, body: &mut Value) {
        if body.get("success") != Some(&Value::Bool(true)) {
            return;
        }
        let mut rng = self.seed ^ 0x9E37_79B9_7F4A_7C15;
        if let Some(data) = body.get_mut("data") {
            if self.mode == DriftMode::OneBadRecord {
                bad_record(data, &mut rng);
            } else {
                self.walk(data, &mut rng);
            }
        }
    }

    fn walk(&self, value: &mut Value, rng: &mut u64) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v, rng)),
            Value::Object(object) => {
                object.values_mut().for_each(|v| self.walk(v, rng));
                self.object(object, rng);
            }
            _ => {}
        }
    }

    fn object(&self, object: &mut Map<String, Value>, rng: &mut u64) {
        let keys: Vec<String> = object
            .keys()
            .filter(|k| *k != "id" && self.field.as_ref().is_none_or(|f| f == *k))
            .cloned()
            .collect();
        match self.mode {
            DriftMode::Nulls | DriftMode::Missing if self.field.is_some() => {
                for key in keys {
                    if self.mode == DriftMode::Nulls {
                        object.insert(key, Value::Null);
                    } else {
                        object.remove(&key);
                    }
                }
            }
            DriftMode::Nulls | DriftMode::Missing if !keys.is_empty() => {
                let key = &keys[(next(rng) % keys.len() as u64) as usize];
                if self.mode == DriftMode::Nulls {
                    object.insert(key.clone(), Value::Null);
                } else {
                    object.remove(key);
                }
            }
            DriftMode::ExtraFields => {
                object.insert(
                    "driftAddedField".into(),
                    serde_json::json!({"n": next(rng) % 100}),
                );
            }
            DriftMode::UnknownValues | DriftMode::Timestamps => {
                for key in keys {
                    if let Some(Value::String(s)) = object.get_mut(&key) {
                        rewrite_string(self.mode, &key, s);
                    }
                }
            }
            _ => {}
        }
    }
}

fn rewrite_string(mode: DriftMode, key: &str, s: &mut String) {
    let timestamp = s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') && s.ends_with('Z');
    match mode {
        DriftMode::Timestamps if timestamp => {
            s.pop();
            s.push_str("+00:00");
        }
        DriftMode::UnknownValues
            if !key.ends_with("Id")
                && !s.is_empty()
                && s.len() <= 32
                && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
        {
            *s = format!("drifted_{s}");
        }
        _ => {}
    }
}

/// Retypes the `id` of one record of a list answer (`data` an array, or an object holding one).
fn bad_record(data: &mut Value, rng: &mut u64) {
    let items = match data {
        Value::Array(items) => Some(items),
        // A wrapper around a list (`{articles: [..]}`), not a resource with a nested array
        // (a ticket's `messages`): the mode is about list answers.
        Value::Object(o) if !o.contains_key("id") => o.values_mut().find_map(|v| v.as_array_mut()),
        _ => None,
    };
    if let Some(items) = items.filter(|i| !i.is_empty()) {
        let at = (next(rng) % items.len() as u64) as usize;
        if let Some(object) = items[at].as_object_mut() {
            object.insert("id".into(), Value::from(424_242));
        }
    }
}

impl DriftMode {
    /// The name `from_str` reads (`nulls`, `unknown-values`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Nulls => "nulls",
            Self::Missing => "missing",
            Self::UnknownValues => "unknown-values",
            Self::ExtraFields => "extra-fields",
            Self::Timestamps => "timestamps",
            Self::OneBadRecord => "one-bad-record",
        }
    }

    /// Every mode, in the order the reports list them.
    pub const ALL: [DriftMode; 6] = [
        Self::Nulls,
        Self::Missing,
        Self::UnknownValues,
        Self::ExtraFields,
        Self::Timestamps,
        Self::OneBadRecord,
    ];
}

/// splitmix64: deterministic, no dependency.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
