//! The event log every mutation appends to, in the webhook envelope.

use cstar_mock::MockServer;
use serde_json::json;

use crate::support::{create_ticket, is_api_timestamp, sk};

#[tokio::test]
async fn mutations_publish_events_in_the_webhook_envelope() {
    let server = MockServer::start().await.unwrap();
    let created = create_ticket(&server, r#"{"title":"Evented","customerName":"Ada"}"#).await;
    let id = created["id"].as_str().unwrap().to_owned();
    let one = format!("/tickets/{id}");
    sk(&server, "PATCH", &one)
        .json(r#"{"status":"closed","assignedTo":"mem_1","metadata":{"k":1}}"#)
        .send()
        .await;
    sk(&server, "POST", &format!("{one}/messages"))
        .json(r#"{"content":"hi"}"#)
        .send()
        .await;
    sk(&server, "DELETE", &one).send().await;

    let events = server.events();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "ticket.created",
            "ticket.updated",
            "ticket.assigned",
            "ticket.closed",
            "ticket.message_added",
            "ticket.deleted"
        ]
    );
    for event in &events {
        let mut keys: Vec<&str> = event
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["created_at", "data", "id", "team_id", "type"]);
        // evt_<type with underscores>_<unix ms>_<8 random>
        let kind = event["type"].as_str().unwrap().replace('.', "_");
        let rest = event["id"]
            .as_str()
            .unwrap()
            .strip_prefix(&format!("evt_{kind}_"))
            .unwrap();
        let (millis, random) = rest.split_once('_').unwrap();
        assert!(
            millis.len() == 13 && millis.chars().all(|c| c.is_ascii_digit()),
            "{rest}"
        );
        assert!(random.len() == 8 && random.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(event["team_id"], server.team_id());
        assert!(is_api_timestamp(event["created_at"].as_str().unwrap()));
        assert_eq!(event["data"]["ticket"]["id"], json!(id));
    }
    let ticket = &events[0]["data"]["ticket"];
    assert_eq!(
        ticket["customer_name"], "Ada",
        "snake_case copy of the REST ticket"
    );
    assert_eq!(ticket["object"], "ticket");
    assert_eq!(ticket["created_at"], created["createdAt"]);
    assert!(ticket.get("createdAt").is_none());
    assert_eq!(
        events[1]["data"]["changes"],
        json!({
            "status": {"from": "new", "to": "closed"},
            "assigned_to": {"from": null, "to": "mem_1"},
            "metadata": {"from": {}, "to": {"k": 1}},
        })
    );
    assert_eq!(
        events[1]["data"]["ticket"]["status"], "closed",
        "the state after"
    );
    assert_eq!(events[4]["data"]["message"]["content"], "hi");
    assert_eq!(events[4]["data"]["message"]["ticket_id"], json!(id));
    assert_eq!(events[4]["data"]["ticket"]["message_count"], 1);
}

#[tokio::test]
async fn only_real_transitions_publish_assigned_and_closed() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Quiet","assignedTo":"mem_1"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/tickets/{id}");
    for body in [
        r#"{"assignedTo":"mem_1"}"#,
        r#"{"assignedTo":null}"#,
        r#"{"status":"open"}"#,
        r#"{"status":"resolved"}"#,
        r#"{"status":"resolved"}"#,
    ] {
        sk(&server, "PATCH", &path).json(body).send().await;
    }
    let types: Vec<String> = server
        .events()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        types,
        [
            "ticket.created",
            "ticket.updated",
            "ticket.updated",
            "ticket.updated",
            "ticket.updated",
            "ticket.closed",
            "ticket.updated",
        ]
    );
    let events = server.events();
    assert_eq!(events[1]["data"]["changes"], json!({}), "nothing changed");
    assert_eq!(
        events[2]["data"]["changes"]["assigned_to"],
        json!({"from": "mem_1", "to": null})
    );
}
