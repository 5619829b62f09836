//! Proactive help, `/api/proactive/{team}/signals` (the emulator's design: cStar documents only
//! the purpose, "signal detection"). An app reports what a visitor does in batches; the team's
//! rules turn patterns into suggestions, each at most once per visitor:
//!
//! | rule | signals | suggestion |
//! |---|---|---|
//! | `repeated_errors` | 3 `error` | `open_chat` |
//! | `rage_click` | 1 `rage_click` | `offer_help` |
//! | `failing_action` | 2 `failed_action` with the same `action` | `show_article` for the action (from the library), else `open_chat` |
//! | `stuck_on_page` | a `time_on_page` of 60 s or more | `show_article` for the page's path, when one matches |

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::api::quickhelp::{rank, words};
use crate::http::context::Ctx;
use crate::http::envelope::Reply;
use crate::http::envelope::success;
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Customer;
use crate::http::route::{Route, route};
use crate::store::State;

const KINDS: &[&str] = &[
    "page_view",
    "error",
    "rage_click",
    "failed_action",
    "time_on_page",
];
const MAX_BATCH: usize = 100;
const ERRORS_FOR_CHAT: u64 = 3;
const FAILURES_FOR_ARTICLE: u64 = 2;
const STUCK_MS: u64 = 60_000;

/// What the emulator knows of each visitor.
#[derive(Debug, Default)]
pub(crate) struct Visitors {
    errors: HashMap<String, u64>,
    failures: HashMap<(String, String), u64>,
    /// (visitor, rule key) already suggested.
    fired: HashSet<(String, String)>,
}

/// Proactive's routes.
pub(crate) const ROUTES: &[Route] = &[route(
    "POST",
    "/api/proactive/{team}/signals",
    Customer,
    report,
)];

/// `POST signals`: a batch of one visitor's signals, and the suggestions they earn.
fn report(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    signals(ctx.state, ctx.body)
}

fn suggestion(
    kind: &str,
    rule: &str,
    message: &str,
    article: Option<&crate::store::documents::Doc>,
) -> Value {
    json!({
        "object": "suggestion", "type": kind, "rule": rule, "message": message,
        "article": article.map(|d| json!({"id": d.str("id"), "slug": d.str("slug"), "title": d.str("title")})),
    })
}

fn signals(state: &mut State, body: &[u8]) -> Result<crate::http::envelope::Reply, ApiFailure> {
    let body: Map<String, Value> = match serde_json::from_slice(body) {
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
    let visitor = crate::api::admin::required_string(&body, "visitorId")?;
    let batch = match body.get("signals") {
        Some(Value::Array(items)) if !items.is_empty() && items.len() <= MAX_BATCH => items.clone(),
        None | Some(Value::Null) => return Err(ApiFailure::missing("signals")),
        _ => {
            return Err(ApiFailure::invalid(
                "signals",
                format!("signals must hold 1 to {MAX_BATCH} signals"),
            ));
        }
    };
    // Validate the whole batch before anything counts.
    for signal in &batch {
        let kind = signal["type"].as_str().unwrap_or_default();
        if !KINDS.contains(&kind) {
            return Err(ApiFailure::invalid(
                "signals",
                format!("unknown signal type {kind:?}; one of {}", KINDS.join(", ")),
            ));
        }
    }
    let mut out = Vec::new();
    for signal in &batch {
        let kind = signal["type"].as_str().unwrap_or_default();
        let path = signal["path"].as_str().unwrap_or_default().to_owned();
        let fire =
            |state: &mut State, rule: String| state.proactive.fired.insert((visitor.clone(), rule));
        match kind {
            "error" => {
                let count = state.proactive.errors.entry(visitor.clone()).or_default();
                *count += 1;
                if *count >= ERRORS_FOR_CHAT && fire(state, "repeated_errors".into()) {
                    out.push(suggestion(
                        "open_chat",
                        "repeated_errors",
                        "Something keeps going wrong: chat with us?",
                        None,
                    ));
                }
            }
            "rage_click" if fire(state, format!("rage_click:{path}")) => {
                out.push(suggestion(
                    "offer_help",
                    "rage_click",
                    "Stuck? We can help.",
                    None,
                ));
            }
            "failed_action" => {
                let action = signal["action"].as_str().unwrap_or("action").to_owned();
                let count = state
                    .proactive
                    .failures
                    .entry((visitor.clone(), action.clone()))
                    .or_default();
                *count += 1;
                if *count >= FAILURES_FOR_ARTICLE && fire(state, format!("failing_action:{action}"))
                {
                    let ranked = rank(state, state.customer_env(), &words(&action), &[]);
                    out.push(match ranked.first() {
                        Some((_, article)) => suggestion(
                            "show_article",
                            "failing_action",
                            &format!("Having trouble with {action}?"),
                            Some(article),
                        ),
                        None => suggestion(
                            "open_chat",
                            "failing_action",
                            &format!("Having trouble with {action}? Chat with us."),
                            None,
                        ),
                    });
                }
            }
            "time_on_page" => {
                let stuck = signal["durationMs"].as_u64().unwrap_or(0) >= STUCK_MS;
                if stuck {
                    let ranked = rank(state, state.customer_env(), &words(&path), &[]);
                    if let Some((_, article)) = ranked.first() {
                        if fire(state, format!("stuck_on_page:{path}")) {
                            out.push(suggestion(
                                "show_article",
                                "stuck_on_page",
                                "This might help:",
                                Some(article),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(success(
        200,
        json!({"accepted": batch.len(), "suggestions": out}),
    ))
}
