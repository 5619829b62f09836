//! Webhook delivery: every event a mutation publishes is POSTed to each active webhook whose
//! `events` match it, signed with that webhook's secret; a failed attempt is retried on the
//! documented schedule (which a test may compress), re-signed each time with a fresh `t`, under
//! the same event id and with `X-Delivery-Attempt` counting up.
//!
//! `POST /webhooks/{id}/test` is answered here too: it needs the delivery's result, so the
//! handler awaits it outside the state lock.

mod log;
mod send;
mod sign;
mod worker;

use bytes::Bytes;
use serde_json::{Value, json};

pub use log::Delivery;
pub(crate) use log::DeliveryLog;
pub(crate) use worker::spawn_worker;

use crate::model::clock::{now_rfc3339, unix_now};
use crate::model::ids::alphanumeric;
use crate::store::Shared;

pub use crate::model::{DOCUMENTED_RECEIVER_TIMEOUT, DOCUMENTED_RETRY_SCHEDULE};

/// What cStar sends as `User-Agent`.
const USER_AGENT: &str = "cStar-Webhooks/1.0";

/// Where one delivery goes.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub(crate) webhook_id: String,
    pub(crate) url: String,
    pub(crate) secret: String,
}

/// A test delivery the handler makes once the pipeline admitted `POST /webhooks/{id}/test`.
#[derive(Clone, Debug)]
pub(crate) struct TestDelivery {
    pub(crate) target: Target,
    pub(crate) event: Value,
}

/// Sends attempt number `attempt` of `event` (already serialized as `body`) to `target`, and
/// logs it.
pub(crate) async fn attempt(
    shared: &Shared,
    target: &Target,
    event: &Value,
    body: Bytes,
    attempt: u32,
    test: bool,
) -> Delivery {
    let timeout = shared.lock().settings.webhook_timeout;
    let t = unix_now();
    let signature = sign::signature_header(&target.secret, t, &body);
    let event_id = event["id"].as_str().unwrap_or_default().to_owned();
    let event_type = event["type"].as_str().unwrap_or_default().to_owned();
    let headers = [
        ("content-type", "application/json".to_owned()),
        ("user-agent", USER_AGENT.to_owned()),
        ("x-signature", signature.clone()),
        ("x-event-id", event_id.clone()),
        ("x-event-type", event_type.clone()),
        ("x-webhook-id", target.webhook_id.clone()),
        ("x-timestamp", now_rfc3339()),
        ("x-delivery-attempt", attempt.to_string()),
    ];
    let outcome = send::post(&target.url, &headers, body, timeout).await;
    let delivery = Delivery {
        id: format!("dlv_{}", alphanumeric(24)),
        webhook_id: target.webhook_id.clone(),
        event_id,
        event_type,
        url: target.url.clone(),
        attempt,
        status: outcome.status,
        success: outcome.succeeded(),
        error: outcome.error,
        response_time: outcome.elapsed,
        signature,
        test,
    };
    shared.lock().deliveries.push(delivery.clone());
    delivery
}

/// Makes a test delivery and returns what `POST /webhooks/{id}/test` answers.
pub(crate) async fn run_test(shared: &Shared, test: TestDelivery) -> Value {
    let body = Bytes::from(serde_json::to_vec(&test.event).unwrap_or_default());
    let delivery = attempt(shared, &test.target, &test.event, body, 1, true).await;
    json!({
        "deliveryId": delivery.id,
        "event": delivery.event_type,
        "url": delivery.url,
        "success": delivery.success,
        "status": delivery.status,
        "responseTimeMs": log::millis(delivery.response_time),
        "error": delivery.error,
    })
}
