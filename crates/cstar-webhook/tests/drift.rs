//! Events from a cStar that moved on: every field of every typed payload `null`, missing, or
//! given a value this version does not know, still reads as its typed payload; a payload that
//! cannot be read still arrives.

use cstar_types::testing::drift_check_except;
use cstar_webhook::{Event, EventData};
use serde_json::{Value, json};

/// Reads an event and its typed payload; an `Unreadable` payload counts as a failure here.
fn typed(value: &Value) -> Result<EventData, String> {
    let event: Event = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    match event.typed() {
        EventData::Unreadable { error, .. } => Err(error),
        data => Ok(data),
    }
}

fn envelope(event_type: &str, data: Value) -> Value {
    json!({"id": "evt_1", "type": event_type, "created_at": "2026-04-27T18:42:11.000Z",
        "team_id": "team_1", "data": data})
}

#[test]
fn ticket_events_survive_drift() {
    let data = json!({
        "ticket": {"id": "tkt_1", "prefixed_id": "CST-1", "title": "Help", "status": "open",
            "priority": "high", "channel": "widget", "customer_id": "cus_1",
            "customer_name": "Ada", "assigned_to": "mem_1", "tags": ["a"],
            "dashboard_url": "https://x", "created_at": "2026-04-27T18:42:11.000Z",
            "updated_at": "2026-04-27T18:42:11.000Z"},
        "customer": {"id": "cus_1", "name": "Ada", "email": "ada@example.com"},
        "changes": {"status": {"from": "open", "to": "closed"}},
        "message": {"id": "msg_1", "content": "hi", "sender": "customer", "sender_name": "Ada",
            "is_internal": false, "created_at": "2026-04-27T18:42:11.000Z"}
    });
    drift_check_except(
        &envelope("ticket.updated", data),
        &["data", "data.ticket"],
        typed,
    );
}

#[test]
fn customer_and_article_events_survive_drift() {
    let customer = json!({"customer": {"id": "cus_1", "name": "Ada", "email": "a@x.io",
        "status": "active", "sentiment": "happy", "created_at": "2026-04-27T18:42:11Z",
        "updated_at": "2026-04-27T18:42:11Z"}});
    drift_check_except(
        &envelope("customer.updated", customer),
        &["data", "data.customer"],
        typed,
    );
    let article = json!({"article": {"id": "art_1", "title": "T", "slug": "t",
        "status": "published", "category_id": "cat_1", "is_public": true,
        "published_at": "2026-04-27T18:42:11Z", "updated_at": "2026-04-27T18:42:11Z"}});
    drift_check_except(
        &envelope("article.published", article),
        &["data", "data.article"],
        typed,
    );
}

#[test]
fn an_unreadable_payload_still_arrives_with_its_type_id_and_raw_json() {
    let raw = json!({"ticket": {"id": 42, "title": "retyped id"}});
    let event: Event = serde_json::from_value(envelope("ticket.created", raw.clone())).unwrap();
    assert_eq!(event.id, "evt_1");
    assert_eq!(event.event_type, cstar_webhook::EventType::TicketCreated);
    let EventData::Unreadable { raw: kept, error } = event.typed() else {
        panic!("a retyped ticket id is unreadable, not an error")
    };
    assert_eq!(kept, raw);
    assert!(error.contains("42"), "{error}");
}

#[test]
fn the_envelope_needs_only_its_id() {
    let event: Event =
        serde_json::from_value(json!({"id": "evt_1", "type": null, "created_at": null,
            "team_id": null, "data": null}))
        .unwrap();
    assert!(event.event_type.is_unknown());
    assert!(matches!(event.typed(), EventData::Other(Value::Null)));
    assert!(serde_json::from_value::<Event>(json!({"type": "ticket.created"})).is_err());
}
