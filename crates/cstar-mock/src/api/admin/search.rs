//! `GET /search`: one query across tickets (title), customers (name, email) and articles
//! (title, content), newest first within each type, at most `limit` results in all.

use serde_json::{Value, json};

use super::Ctx;
use super::doc_crud::contains_folded;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::store::documents::Doc;

const TYPES: &[&str] = &["tickets", "customers", "articles"];
const DEFAULT_LIMIT: usize = 10;
/// The emulator's cap (the documented one is unknown).
const MAX_LIMIT: usize = 50;
/// Characters of context around a match in `snippet`.
const SNIPPET_CHARS: usize = 80;

/// The text around the first match of `needle` (lowercase) in `text`.
fn snippet(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    let at = lower.find(needle).unwrap_or(0);
    let start = lower[..at]
        .chars()
        .count()
        .saturating_sub(SNIPPET_CHARS / 4);
    text.chars().skip(start).take(SNIPPET_CHARS).collect()
}

fn result(kind: &str, id: &str, title: &str, snippet: String) -> Value {
    json!({"object": "search_result", "type": kind, "id": id, "title": title, "snippet": snippet})
}

pub(super) fn search(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let q = ctx
        .query("q")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .ok_or_else(|| ApiFailure::missing("q"))?
        .to_lowercase();
    let types: Vec<String> = match ctx.query("types") {
        None => TYPES.iter().map(|t| (*t).to_owned()).collect(),
        Some(list) => list
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
    };
    if let Some(bad) = types.iter().find(|t| !TYPES.contains(&t.as_str())) {
        return Err(ApiFailure::invalid(
            "types",
            format!("{bad:?} is not one of {}", TYPES.join(", ")),
        ));
    }
    let limit = match ctx.query("limit") {
        None => DEFAULT_LIMIT,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(ApiFailure::invalid(
                    "limit",
                    format!("limit must be from 1 to {MAX_LIMIT}"),
                ));
            }
        },
    };
    let env = ctx.caller.env;
    let data = ctx.state.data(env);
    let mut results = Vec::new();
    if types.iter().any(|t| t == "tickets") {
        let mut tickets: Vec<_> = data
            .tickets
            .values()
            .filter(|t| contains_folded(&t.title, &q))
            .collect();
        tickets.sort_by_key(|t| std::cmp::Reverse(t.seq));
        results.extend(
            tickets
                .into_iter()
                .map(|t| result("ticket", &t.public_id(), &t.title, snippet(&t.title, &q))),
        );
    }
    let docs = |table: &crate::store::documents::DocTable,
                keep: &dyn Fn(&Doc) -> Option<String>|
     -> Vec<(String, String, String)> {
        table
            .newest_first()
            .into_iter()
            .filter_map(|d| {
                keep(d).map(|text| {
                    (
                        d.str("id").to_owned(),
                        d.str("name").to_owned() + d.str("title"),
                        text,
                    )
                })
            })
            .collect()
    };
    if types.iter().any(|t| t == "customers") {
        let found = docs(&data.customers, &|d| {
            [d.str("name"), d.str("email")]
                .into_iter()
                .find(|f| contains_folded(f, &q))
                .map(str::to_owned)
        });
        results.extend(
            found
                .into_iter()
                .map(|(id, title, text)| result("customer", &id, &title, snippet(&text, &q))),
        );
    }
    if types.iter().any(|t| t == "articles") {
        let found = docs(&data.articles, &|d| {
            [d.str("title"), d.str("content")]
                .into_iter()
                .find(|f| contains_folded(f, &q))
                .map(str::to_owned)
        });
        results.extend(
            found
                .into_iter()
                .map(|(id, title, text)| result("article", &id, &title, snippet(&text, &q))),
        );
    }
    results.truncate(limit);
    Ok(success(200, Value::Array(results)))
}
