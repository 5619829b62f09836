//! QuickHelp, `/api/quickhelp/{team}/answers` (the emulator's design: cStar documents only the
//! purpose, "contextual answers"). Given where the customer is (a page path), what they ask and
//! tags, it ranks the library's published public articles and returns the best few with a snippet.
//!
//! Scoring, per word of the question, the path and the tags (lowercased, at least 3 letters, common
//! words dropped): 3 when the title holds it, 1 when the content does, plus 2 per tag the article
//! has; ties go to the most viewed. Articles scoring 0 are left out.

use serde_json::{Value, json};

use crate::api::admin::opt_string;
use crate::http::context::Ctx;
use crate::http::envelope::Reply;
use crate::http::envelope::success;
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Public;
use crate::http::route::{Route, route};
use crate::model::Env;
use crate::store::State;
use crate::store::documents::Doc;

const DEFAULT_LIMIT: u64 = 3;
const MAX_LIMIT: u64 = 10;
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "how", "can", "you", "your", "with", "what", "why", "does", "this",
    "that", "are", "not", "from", "have", "has", "was", "but", "all", "any", "get", "www", "http",
    "https",
];

/// The words of a text worth matching.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Published public articles of an environment, each with its score for `terms` and `tags`,
/// best first; zero scores left out.
pub(crate) fn rank(
    state: &mut State,
    env: Env,
    terms: &[String],
    tags: &[String],
) -> Vec<(u64, Doc)> {
    let mut scored: Vec<(u64, Doc)> = state
        .data(env)
        .articles
        .newest_first()
        .into_iter()
        .filter(|d| d.str("status") == "published" && d.flag("isPublic"))
        .map(|d| {
            let title = d.str("title").to_lowercase();
            let content = d.str("content").to_lowercase();
            let mut score: u64 = terms
                .iter()
                .map(|t| {
                    if title.contains(t.as_str()) {
                        3
                    } else if content.contains(t.as_str()) {
                        1
                    } else {
                        0
                    }
                })
                .sum();
            score += 2 * tags.iter().filter(|t| d.has_tag("tags", t)).count() as u64;
            (score, d.clone())
        })
        .filter(|(score, _)| *score > 0)
        .collect();
    let views = |d: &Doc| {
        d.object
            .get("viewCount")
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| views(&b.1).cmp(&views(&a.1))));
    scored
}

/// The first sentence of `content` holding the earliest of `terms` it has, or its opening.
fn snippet(content: &str, terms: &[String]) -> String {
    let sentences: Vec<&str> = content
        .split(['.', '\n', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    // The question's words come first in `terms`, so the snippet answers the question before it
    // echoes the page.
    let hit = terms
        .iter()
        .find_map(|t| {
            sentences
                .iter()
                .find(|s| s.to_lowercase().contains(t.as_str()))
        })
        .or(sentences.first());
    hit.map(|s| s.chars().take(200).collect())
        .unwrap_or_default()
}

/// QuickHelp's routes.
pub(crate) const ROUTES: &[Route] = &[route(
    "POST",
    "/api/quickhelp/{team}/answers",
    Public,
    answer,
)];

/// `POST answers`: in the key's environment, or the live one without a key.
fn answer(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let env = ctx.caller.env;
    answers(ctx.state, env, ctx.body)
}

fn answers(state: &mut State, env: Env, body: &[u8]) -> Result<Reply, ApiFailure> {
    let body = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => map,
        _ => {
            return Err(ApiFailure::new(
                400,
                "invalid_request_error",
                "invalid_json",
                "The body must be a JSON object",
            ));
        }
    };
    let path = opt_string(&body, "path")?;
    let question = opt_string(&body, "question")?;
    let tags: Vec<String> = crate::api::admin::opt_strings(&body, "tags")?.unwrap_or_default();
    if path.is_none() && question.is_none() && tags.is_empty() {
        return Err(ApiFailure::missing("question"));
    }
    let limit = match body.get("limit") {
        None | Some(Value::Null) => DEFAULT_LIMIT,
        Some(v) => v
            .as_u64()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiFailure::invalid("limit", format!("limit must be from 1 to {MAX_LIMIT}"))
            })?,
    };
    let mut terms = words(question.as_deref().unwrap_or_default());
    for word in words(path.as_deref().unwrap_or_default()) {
        if !terms.contains(&word) {
            terms.push(word);
        }
    }
    let ranked = rank(state, env, &terms, &tags);
    let items: Vec<Value> = ranked
        .iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|(score, d)| {
            json!({
                "object": "quickhelp_answer",
                "score": score,
                "snippet": snippet(d.str("content"), &terms),
                "article": {"id": d.str("id"), "slug": d.str("slug"), "title": d.str("title"), "excerpt": d.object.get("excerpt")},
            })
        })
        .collect();
    Ok(success(200, json!({"answers": items})))
}
