//! The API the emulator serves: the admin API under `/api/v1` and the six customer-facing
//! surfaces under `/api/<surface>/{team}`.

pub(crate) mod admin;
pub(crate) mod auth;
pub(crate) mod chat;
pub(crate) mod community;
pub(crate) mod library;
pub(crate) mod proactive;
pub(crate) mod quickhelp;

use crate::http::route::Route;

/// Every route the emulator serves, surface by surface (the control routes excepted).
pub(crate) const ROUTES: &[&[Route]] = &[
    admin::ROUTES,
    library::ROUTES,
    auth::ROUTES,
    chat::ROUTES,
    community::ROUTES,
    quickhelp::ROUTES,
    proactive::ROUTES,
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::ROUTES;

    /// The crate's README, whose route table documents what the emulator serves.
    const README: &str = include_str!("../../README.md");

    /// `{anything}` as `{}`: the README names segments for readers, the tables for handlers.
    fn shape(path: &str) -> String {
        let mut out = String::new();
        let mut in_braces = false;
        for c in path.chars() {
            match c {
                '{' => {
                    in_braces = true;
                    out.push_str("{}");
                }
                '}' => in_braces = false,
                _ if in_braces => {}
                _ => out.push(c),
            }
        }
        out
    }

    /// `(method, path shape)` for every row of the README's API route table.
    fn documented() -> BTreeSet<(String, String)> {
        let start = README.find("## Routes").expect("a Routes section");
        let end = README[start..]
            .find("Control routes")
            .expect("then the control routes")
            + start;
        let mut rows = BTreeSet::new();
        for line in README[start..end].lines() {
            let cells: Vec<&str> = line.split(" | ").collect();
            let (Some(methods), Some(path)) = (cells.first(), cells.get(1)) else {
                continue;
            };
            let Some(path) = path.strip_prefix('`').and_then(|p| p.strip_suffix('`')) else {
                continue;
            };
            let full = if path.starts_with("/api/") {
                path.to_owned()
            } else {
                format!("/api/v1/teams/{{teamId}}{path}")
            };
            for method in methods.trim_start_matches("| ").split(" / ") {
                rows.insert((method.trim().to_owned(), shape(&full)));
            }
        }
        rows
    }

    #[test]
    fn the_route_tables_are_the_readme_route_table() {
        let documented = documented();
        let served: BTreeSet<(String, String)> = ROUTES
            .iter()
            .flat_map(|table| table.iter())
            .map(|route| (route.method.to_owned(), shape(route.pattern)))
            .collect();
        assert!(
            documented.len() > 80,
            "the README table was read: {documented:?}"
        );
        let undocumented: Vec<_> = served.difference(&documented).collect();
        let unserved: Vec<_> = documented.difference(&served).collect();
        assert!(
            undocumented.is_empty(),
            "served but not in the README: {undocumented:?}"
        );
        assert!(
            unserved.is_empty(),
            "in the README but not served: {unserved:?}"
        );
    }

    #[test]
    fn no_two_routes_share_a_method_and_path() {
        let mut seen = BTreeSet::new();
        for route in ROUTES.iter().flat_map(|table| table.iter()) {
            assert!(
                seen.insert((route.method, shape(route.pattern))),
                "{} {}",
                route.method,
                route.pattern
            );
        }
    }
}
