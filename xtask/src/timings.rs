//! What `cargo build --timings` saw: each unit's start and duration, and the critical path.
//!
//! The report (`cargo-timing.html`) embeds its data as `const UNIT_DATA = [...]`; each unit
//! lists the units its end (`unblocked_units`) or its metadata (`unblocked_rmeta_units`) let
//! start. The unit that unlocked another is the last dependency it waited for, so walking those
//! links back from the unit that finished last gives the chain the build could not go faster
//! than.

use std::path::Path;

use crate::json::{self, Value};

/// One compilation unit (a crate's library, a build script, its run, the binary).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    /// `name vX.Y.Z` and, for what is not a library, its target (` build script`, ...).
    pub(crate) label: String,
    pub(crate) start: f64,
    pub(crate) duration: f64,
    unlocks: Vec<usize>,
    unlocks_at_rmeta: Vec<usize>,
}

impl Unit {
    pub(crate) fn end(&self) -> f64 {
        self.start + self.duration
    }
}

/// The units in the report written under `dir` (`<target>/cargo-timings`).
pub(crate) fn read(dir: &Path) -> Result<Vec<Unit>, String> {
    let path = dir.join("cargo-timing.html");
    let html =
        std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    parse(&html)
}

fn parse(html: &str) -> Result<Vec<Unit>, String> {
    let marker = "UNIT_DATA = ";
    let start = html
        .find(marker)
        .ok_or("no UNIT_DATA in the --timings report")?
        + marker.len();
    let (data, _) = json::parse_prefix(&html[start..])?;
    // Units are listed in the order they started; `i` numbers them, and the unlock lists use it.
    let mut units: Vec<Option<Unit>> = vec![None; data.as_array().len()];
    for unit in data.as_array() {
        let index = unit
            .get("i")
            .and_then(Value::as_f64)
            .map(|i| i as usize)
            .filter(|&i| i < units.len())
            .ok_or("UNIT_DATA: a unit without a valid `i`")?;
        let text = |key: &str| unit.get(key).and_then(Value::as_str).unwrap_or("");
        let number = |key: &str| unit.get(key).and_then(Value::as_f64);
        // `unblocked_*` in newer cargo, `unlocked_*` in older.
        let indices = |keys: [&str; 2]| -> Vec<usize> {
            keys.iter()
                .find_map(|key| unit.get(key))
                .map(Value::as_array)
                .unwrap_or(&[])
                .iter()
                .filter_map(Value::as_f64)
                .map(|i| i as usize)
                .collect()
        };
        let mut label = format!("{} v{}", text("name"), text("version"));
        label.push_str(text("target"));
        units[index] = Some(Unit {
            label,
            start: number("start").unwrap_or(0.0),
            duration: number("duration").unwrap_or(0.0),
            unlocks: indices(["unblocked_units", "unlocked_units"]),
            unlocks_at_rmeta: indices(["unblocked_rmeta_units", "unlocked_rmeta_units"]),
        });
    }
    let units: Vec<Unit> = units
        .into_iter()
        .collect::<Option<_>>()
        .ok_or("UNIT_DATA: units are not numbered 0..n")?;
    if units.is_empty() {
        return Err("the --timings report lists no unit".to_owned());
    }
    Ok(units)
}

/// The critical path, first unit first: from the unit that finished last back through the
/// unit that unlocked each.
pub(crate) fn critical_path(units: &[Unit]) -> Vec<&Unit> {
    let Some(mut at) = (0..units.len()).max_by(|&a, &b| units[a].end().total_cmp(&units[b].end()))
    else {
        return Vec::new();
    };
    let mut path = vec![&units[at]];
    while let Some(previous) = unlocker(units, at) {
        at = previous;
        path.push(&units[at]);
        if path.len() > units.len() {
            break; // a malformed report with a cycle
        }
    }
    path.reverse();
    path
}

/// The unit whose end (or metadata) let unit `index` start.
fn unlocker(units: &[Unit], index: usize) -> Option<usize> {
    units.iter().enumerate().find_map(|(i, unit)| {
        let unlocked = unit.unlocks.contains(&index) || unit.unlocks_at_rmeta.contains(&index);
        unlocked.then_some(i)
    })
}

/// The `n` units that took longest, longest first.
pub(crate) fn longest(units: &[Unit], n: usize) -> Vec<&Unit> {
    let mut sorted: Vec<&Unit> = units.iter().collect();
    sorted.sort_by(|a, b| b.duration.total_cmp(&a.duration));
    sorted.truncate(n);
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"<script>
DURATION = 3;
const UNIT_DATA = [
{"i":1,"name":"b","version":"1.0.0","mode":"todo","target":"","start":0.5,"duration":0.2,"rmeta_time":0.1,"unlocked_units":[],"unlocked_rmeta_units":[],"sections":null},
{"i":0,"name":"a","version":"1.0.0","mode":"todo","target":"","start":0.0,"duration":1.0,"rmeta_time":0.5,"unblocked_units":[],"unblocked_rmeta_units":[1,2],"sections":null},
{"i":2,"name":"c","version":"2.0.0","mode":"todo","target":"","start":0.5,"duration":2.0,"rmeta_time":null,"unlocked_units":[3],"unlocked_rmeta_units":[],"sections":[["x",{"start":0,"end":1}]]},
{"i":3,"name":"app","version":"0.0.0","mode":"todo","target":" bin \"app\"","start":2.5,"duration":0.5,"rmeta_time":null,"unlocked_units":[],"unlocked_rmeta_units":[],"sections":null}
];
const CONCURRENCY_DATA = [];
</script>"#;

    #[test]
    fn the_critical_path_follows_what_unlocked_each_unit() {
        let units = parse(REPORT).unwrap();
        let path: Vec<&str> = critical_path(&units)
            .iter()
            .map(|u| u.label.as_str())
            .collect();
        assert_eq!(path, ["a v1.0.0", "c v2.0.0", "app v0.0.0 bin \"app\""]);
        let longest: Vec<&str> = longest(&units, 2)
            .iter()
            .map(|u| u.label.as_str())
            .collect();
        assert_eq!(longest, ["c v2.0.0", "a v1.0.0"]);
    }

    #[test]
    fn a_page_without_unit_data_is_an_error() {
        assert!(parse("<html></html>").is_err());
    }
}
