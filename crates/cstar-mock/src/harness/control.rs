//! `/__cstar_mock/*`: fault injection, inspection and settings over HTTP, for tests written in
//! other languages and for poking the binary by hand. Not authenticated, not rate-limited, not
//! faulted, not recorded: it is a loopback test tool. Answers are plain JSON, not the API
//! envelope (they are not part of the API).

use std::time::Duration;

use axum::body::Body;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::harness::chaos::Chaos;
use crate::harness::faults::{Fault, FaultRequest};
use crate::harness::request_log::RecordedRequest;
use crate::http::envelope::{respond, respond_reply};
use crate::http::error::ApiFailure;
use crate::model::PaginationLayout;
use crate::model::ids::request_id;
use crate::store::Shared;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigRequest {
    rate_limit_secret: Option<u64>,
    rate_limit_publishable: Option<u64>,
    rate_limit_library: Option<u64>,
    pagination_layout: Option<PaginationChoice>,
    #[serde(default, deserialize_with = "present")]
    delay_ms: Option<Option<u64>>,
    webhook_retry_schedule_ms: Option<Vec<u64>>,
    webhook_timeout_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PaginationChoice {
    Current,
    Legacy,
}

/// Tells "absent" (`None`) from "null" (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

/// `{"mode": "nulls", "seed": 7, "field": "status"}`; seed 0 and every field when absent.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DriftRequest {
    mode: String,
    seed: Option<u64>,
    field: Option<String>,
}

/// `{mode, seed, field}`: all null when answers do not drift.
fn drift_json(drift: Option<&crate::Drift>) -> Value {
    match drift {
        Some(d) => json!({"mode": d.mode().name(), "seed": d.seed(), "field": d.target()}),
        None => json!({"mode": null, "seed": null, "field": null}),
    }
}

/// `{"rate": 0.1, "seed": 42}`; without a seed, a random one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChaosRequest {
    rate: f64,
    seed: Option<u64>,
}

/// `{rate, seed}`: rate 0 and seed null when chaos is off.
fn chaos_json(chaos: Option<&Chaos>) -> Value {
    match chaos {
        Some(chaos) => json!({"rate": chaos.rate(), "seed": chaos.seed()}),
        None => json!({"rate": 0.0, "seed": null}),
    }
}

fn request_json(r: &RecordedRequest) -> Value {
    json!({
        "method": r.method,
        "path": r.path,
        "query": r.query,
        "headers": r.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
        "body": String::from_utf8_lossy(&r.body),
        "status": r.status,
        "fault": r.fault.as_ref().map(Fault::to_json),
        "chaos": r.chaos,
    })
}

pub(crate) fn handle(shared: &Shared, method: &str, rest: &str, body: &[u8]) -> Response {
    let id = request_id();
    let ok = |value: Value| {
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        respond(200, Body::from(bytes), &id, &HeaderMap::new())
    };
    let fail = |failure: ApiFailure| respond_reply(failure.reply(&id), &id, &HeaderMap::new());
    let bad = |message: String| {
        fail(ApiFailure::new(
            400,
            "invalid_request_error",
            "parameter_invalid",
            message,
        ))
    };
    match (method, rest.trim_end_matches('/')) {
        ("POST", "faults") => match serde_json::from_slice::<FaultRequest>(body) {
            Ok(request) => match request.into_fault() {
                Ok((fault, count)) => {
                    let mut state = shared.lock();
                    state.faults.extend(std::iter::repeat_n(fault, count));
                    ok(json!({"queued": count, "pending": state.faults.len()}))
                }
                Err(message) => bad(message),
            },
            Err(e) => bad(format!("bad fault: {e}")),
        },
        ("GET", "chaos") => ok(chaos_json(shared.lock().chaos.as_ref())),
        ("POST", "chaos") => match serde_json::from_slice::<ChaosRequest>(body) {
            Ok(request) if !(0.0..=1.0).contains(&request.rate) => bad(format!(
                "the chaos rate must be from 0 to 1, not {}",
                request.rate
            )),
            Ok(request) => {
                let seed = request.seed.unwrap_or_else(crate::model::ids::random_u64);
                let chaos = Chaos::new(request.rate, seed);
                let mut state = shared.lock();
                state.chaos = (chaos.rate() > 0.0).then_some(chaos);
                ok(chaos_json(state.chaos.as_ref()))
            }
            Err(e) => bad(format!("bad chaos: {e}")),
        },
        ("DELETE", "chaos") => {
            shared.lock().chaos = None;
            ok(chaos_json(None))
        }
        ("GET", "drift") => ok(drift_json(shared.lock().settings.drift.as_ref())),
        ("POST", "drift") => match serde_json::from_slice::<DriftRequest>(body) {
            Ok(request) => match request.mode.parse::<crate::DriftMode>() {
                Ok(mode) => {
                    let mut drift = crate::Drift::new(mode, request.seed.unwrap_or(0));
                    if let Some(field) = request.field {
                        drift = drift.field(field);
                    }
                    let mut state = shared.lock();
                    state.settings.drift = Some(drift);
                    ok(drift_json(state.settings.drift.as_ref()))
                }
                Err(message) => bad(message),
            },
            Err(e) => bad(format!("bad drift: {e}")),
        },
        ("DELETE", "drift") => {
            shared.lock().settings.drift = None;
            ok(drift_json(None))
        }
        ("DELETE", "faults") => {
            shared.lock().faults.clear();
            ok(json!({"pending": 0}))
        }
        ("GET", "requests") => {
            let state = shared.lock();
            ok(json!({
                "requests": state.requests.iter().map(request_json).collect::<Vec<_>>(),
                "unexpected": state.unexpected.iter().map(request_json).collect::<Vec<_>>(),
            }))
        }
        ("GET", "state") => ok(shared.lock().counts()),
        ("GET", "events") => ok(json!({"events": shared.lock().events.all()})),
        ("GET", "deliveries") => {
            let deliveries = shared.lock().deliveries.all();
            let shown: Vec<Value> = deliveries.iter().map(|d| d.to_json()).collect();
            ok(json!({ "deliveries": shown }))
        }
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
                if let Some(n) = config.rate_limit_library {
                    settings.rate_limit_library = n;
                }
                match config.pagination_layout {
                    None => {}
                    Some(PaginationChoice::Current) => {
                        settings.pagination = PaginationLayout::Current;
                    }
                    Some(PaginationChoice::Legacy) => {
                        settings.pagination = PaginationLayout::Legacy
                    }
                }
                if let Some(delay) = config.delay_ms {
                    settings.delay = delay.map(Duration::from_millis);
                }
                if let Some(schedule) = config.webhook_retry_schedule_ms {
                    settings.webhook_retry_schedule =
                        schedule.into_iter().map(Duration::from_millis).collect();
                }
                if let Some(ms) = config.webhook_timeout_ms {
                    settings.webhook_timeout = Duration::from_millis(ms);
                }
                ok(json!({"updated": true}))
            }
            Err(e) => bad(format!("bad config: {e}")),
        },
        _ => fail(ApiFailure::new(
            404,
            "not_found_error",
            "route_not_found",
            format!("No control route {method} /__cstar_mock/{rest}"),
        )),
    }
}
