//! A test helper: does a model still decode after the API drifted? (feature `testing`)

use std::fmt::{self, Display};

use serde_json::{Map, Value};

use crate::Timestamp;

/// One step of a field path.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

/// Every path to an object member below `value`, depth first.
fn member_paths(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                out.push(path.clone());
                member_paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Step::Index(i));
                member_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The parent object of a member path, and the member's key.
fn parent_mut<'v>(
    root: &'v mut Value,
    path: &[Step],
) -> Option<(&'v mut Map<String, Value>, String)> {
    let (last, parents) = path.split_last()?;
    let mut node = root;
    for step in parents {
        node = match step {
            Step::Key(key) => node.get_mut(key)?,
            Step::Index(i) => node.get_mut(*i)?,
        };
    }
    match (node, last) {
        (Value::Object(map), Step::Key(key)) => Some((map, key.clone())),
        _ => None,
    }
}

/// Adds a member no SDK knows to every object.
fn add_extra_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(add_extra_fields);
            map.insert(
                "driftNewField".to_owned(),
                serde_json::json!({"nested": [1, "two", null]}),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(add_extra_fields),
        _ => {}
    }
}

/// The value an API that moved on might send instead of `text`: a timestamp written with
/// `+00:00` instead of `Z` (or back), any other string replaced by a value no enum knows.
fn unknown_value(text: &str) -> String {
    match text.parse::<Timestamp>() {
        Ok(_) if text.ends_with(['Z', 'z']) => {
            format!("{}+00:00", &text[..text.len() - 1])
        }
        Ok(stamp) => Timestamp::from_unix(stamp.unix_seconds(), stamp.subsec_nanos())
            .as_str()
            .to_owned(),
        Err(_) => "drift_unknown_value".to_owned(),
    }
}

/// What broke, one line per drift.
struct Failures(Vec<String>);

impl Display for Failures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.0 {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

/// Checks that `decode` survives every drift of `fixture`, a valid answer with every field set.
///
/// For every member of every object below the root (recursively, through arrays), except
/// members named `id`: the member set to `null`, the member removed, and, for a string, a value
/// no SDK knows (a timestamp written `+00:00`, any other string replaced by an unknown word);
/// and a new member added to every object. Each must still decode. The root object's own `id`
/// must stay required: removing it or setting it `null` must fail.
///
/// Use it on one fixture per response model, with every field present: a field added to the
/// model and the fixture is covered without a new test.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Row {
///     id: String,
///     #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
///     title: String,
/// }
/// cstar_types::testing::drift_check(
///     &serde_json::json!({"id": "row_1", "title": "Hello"}),
///     |value| serde_json::from_value::<Row>(value.clone()),
/// );
/// ```
///
/// # Panics
///
/// When the fixture itself does not decode, or any drift breaks the decode, listing every
/// failing (path, drift) pair.
pub fn drift_check<T, E: Display>(fixture: &Value, decode: impl Fn(&Value) -> Result<T, E>) {
    drift_check_except(fixture, &[], decode);
}

/// [`drift_check`], leaving alone the members at `required` (paths such as `data.ticket`, in
/// the form the failures are listed): for an envelope whose payload object is, like an `id`,
/// what the answer is about (a ticket event without its ticket). Members below them are still
/// drifted.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Envelope {
///     data: Row,
/// }
/// #[derive(serde::Deserialize)]
/// struct Row {
///     id: String,
///     #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
///     title: String,
/// }
/// cstar_types::testing::drift_check_except(
///     &serde_json::json!({"data": {"id": "row_1", "title": "Hello"}}),
///     &["data"],
///     |value| serde_json::from_value::<Envelope>(value.clone()),
/// );
/// ```
///
/// # Panics
///
/// As [`drift_check`].
#[allow(clippy::panic)]
pub fn drift_check_except<T, E: Display>(
    fixture: &Value,
    required: &[&str],
    decode: impl Fn(&Value) -> Result<T, E>,
) {
    if let Err(err) = decode(fixture) {
        panic!("the fixture itself does not decode: {err}");
    }
    let mut failures = Vec::new();
    let mut paths = Vec::new();
    member_paths(fixture, &mut Vec::new(), &mut paths);
    for path in &paths {
        if matches!(path.last(), Some(Step::Key(key)) if key == "id")
            || required.contains(&show(path).as_str())
        {
            continue;
        }
        let mut drifts: Vec<(&str, Value)> = Vec::new();
        let mut nulled = fixture.clone();
        let mut removed = fixture.clone();
        let mut unknown = fixture.clone();
        if let Some((map, key)) = parent_mut(&mut nulled, path) {
            let was_string = map.get(&key).and_then(Value::as_str).map(str::to_owned);
            map.insert(key.clone(), Value::Null);
            drifts.push(("null", nulled));
            if let Some((map, key)) = parent_mut(&mut removed, path) {
                map.remove(&key);
                drifts.push(("missing", removed));
            }
            if let (Some(text), Some((map, key))) = (was_string, parent_mut(&mut unknown, path)) {
                map.insert(key, Value::String(unknown_value(&text)));
                drifts.push(("unknown value", unknown));
            }
        }
        for (drift, value) in drifts {
            if let Err(err) = decode(&value) {
                failures.push(format!("{} {drift}: {err}", show(path)));
            }
        }
    }
    let mut extra = fixture.clone();
    add_extra_fields(&mut extra);
    if let Err(err) = decode(&extra) {
        failures.push(format!("new fields: {err}"));
    }
    if let Value::Object(map) = fixture
        && map.contains_key("id")
    {
        for (drift, value) in [("missing", None), ("null", Some(Value::Null))] {
            let mut without = map.clone();
            match value {
                Some(v) => without.insert("id".to_owned(), v),
                None => without.remove("id"),
            };
            if decode(&Value::Object(without)).is_ok() {
                failures.push(format!(
                    "id {drift}: decoded, but an object's own id is required"
                ));
            }
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} drift(s) broke the decode:\n{}",
            failures.len(),
            Failures(failures)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        id: String,
        title: String,
    }

    #[test]
    #[should_panic(expected = "title null")]
    fn a_required_field_is_caught() {
        drift_check(&serde_json::json!({"id": "a", "title": "t"}), |v| {
            serde_json::from_value::<Strict>(v.clone())
        });
    }

    #[test]
    fn unknown_values_keep_timestamps_readable() {
        assert_eq!(
            unknown_value("2026-01-01T00:00:00Z"),
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(
            unknown_value("2026-01-01T01:00:00+01:00"),
            "2026-01-01T00:00:00Z"
        );
        assert_eq!(unknown_value("open"), "drift_unknown_value");
    }
}
