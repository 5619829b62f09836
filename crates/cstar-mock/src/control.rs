//! `/__cstar_mock/*`: fault injection, inspection and settings over HTTP, for tests written in
//! other languages and for poking the binary by hand. Not authenticated, not rate-limited, not
//! recorded: it is a loopback test tool.

use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::faults::FaultRequest;
use crate::ids::request_id;
use crate::state::{PaginationLayout, Shared};
use crate::wire::{ApiFailure, respond};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigRequest {
    rate_limit_secret: Option<u64>,
    rate_limit_publishable: Option<u64>,
    pagination_layout: Option<String>,
    #[serde(default, deserialize_with = "present")]
    delay_ms: Option<Option<u64>>,
}

/// Tells "absent" (`None`) from "null" (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

pub(crate) fn handle(shared: &Shared, method: &str, rest: &str, body: &[u8]) -> Response {
    let id = request_id();
    let ok = |value: Value| respond(200, &value, &id, &HeaderMap::new());
    let bad = |message: String| {
        let failure = ApiFailure::new(400, "invalid_request_error", "parameter_invalid", message);
        respond(400, &failure.body(&id), &id, &HeaderMap::new())
    };
    match (method, rest.trim_end_matches('/')) {
        ("POST", "faults") => match serde_json::from_slice::<FaultRequest>(body) {
            Ok(request) => {
                let (fault, count) = request.into_fault();
                let mut state = shared.lock();
                state.faults.extend(std::iter::repeat_n(fault, count));
                ok(json!({"queued": count, "pending": state.faults.len()}))
            }
            Err(e) => bad(format!("bad fault: {e}")),
        },
        ("DELETE", "faults") => {
            shared.lock().faults.clear();
            ok(json!({"pending": 0}))
        }
        ("GET", "requests") => {
            let state = shared.lock();
            let list: Vec<Value> = state
                .requests
                .iter()
                .map(|r| {
                    json!({
                        "method": r.method, "path": r.path, "query": r.query,
                        "headers": r.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                        "body": r.body, "status": r.status,
                    })
                })
                .collect();
            ok(json!({"requests": list}))
        }
        ("GET", "state") => ok(shared.lock().counts()),
        ("GET", "events") => ok(json!({"events": shared.lock().events.all()})),
        ("POST", "reset") => {
            shared.lock().reset();
            ok(json!({"reset": true}))
        }
        ("POST", "config") => match serde_json::from_slice::<ConfigRequest>(body) {
            Ok(config) => {
                let mut state = shared.lock();
                let settings = &mut state.settings;
                if let Some(n) = config.rate_limit_secret {
                    settings.rate_limit_secret = n;
                }
                if let Some(n) = config.rate_limit_publishable {
                    settings.rate_limit_publishable = n;
                }
                match config.pagination_layout.as_deref() {
                    None => {}
                    Some("current") => settings.pagination = PaginationLayout::Current,
                    Some("legacy") => settings.pagination = PaginationLayout::Legacy,
                    Some(other) => return bad(format!("unknown pagination layout {other:?}")),
                }
                if let Some(delay) = config.delay_ms {
                    settings.delay = delay.map(std::time::Duration::from_millis);
                }
                ok(json!({"updated": true}))
            }
            Err(e) => bad(format!("bad config: {e}")),
        },
        _ => respond(
            404,
            &ApiFailure::new(
                404,
                "not_found_error",
                "route_not_found",
                format!("No control route {method} /__cstar_mock/{rest}"),
            )
            .body(&id),
            &id,
            &HeaderMap::new(),
        ),
    }
}
