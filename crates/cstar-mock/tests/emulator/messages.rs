//! `/tickets/{id}/messages`.

use cstar_mock::MockServer;
use serde_json::json;

use crate::support::{create_ticket, is_api_timestamp, sk};

#[tokio::test]
async fn posting_messages_counts_them_and_stamps_the_first_response() {
    let server = MockServer::start().await.unwrap();
    let ticket = create_ticket(&server, r#"{"title":"Chatty","customerName":"Ada"}"#).await;
    let id = ticket["id"].as_str().unwrap();
    let path = format!("/tickets/{id}/messages");

    let from_customer = sk(&server, "POST", &path)
        .json(r#"{"content":"Help!","sender":"customer"}"#)
        .send()
        .await;
    assert_eq!(from_customer.status, 201);
    let message = &from_customer.body["data"];
    let mut keys: Vec<&str> = message
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "content",
            "createdAt",
            "id",
            "isInternal",
            "object",
            "sender",
            "senderName",
            "ticketId"
        ]
    );
    assert_eq!(message["object"], "message");
    assert_eq!(message["ticketId"], id);
    assert_eq!(
        message["senderName"], "Ada",
        "a customer defaults to the ticket's name"
    );
    assert_eq!(message["isInternal"], false);
    let message_id = message["id"].as_str().unwrap();
    assert!(message_id.starts_with("msg_") && message_id.len() == 36);
    assert!(is_api_timestamp(message["createdAt"].as_str().unwrap()));

    let after_customer = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert!(after_customer.body["data"]["firstResponseAt"].is_null());

    let note = sk(&server, "POST", &path)
        .json(r#"{"content":"internal","isInternal":true}"#)
        .send()
        .await;
    assert_eq!(note.body["data"]["sender"], "agent", "agent by default");
    assert_eq!(note.body["data"]["senderName"], "Agent");
    let after_note = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert!(
        after_note.body["data"]["firstResponseAt"].is_null(),
        "an internal note is not a response"
    );

    let reply = sk(&server, "POST", &path)
        .json(r#"{"content":"On it","senderName":"Grace"}"#)
        .send()
        .await;
    assert_eq!(reply.body["data"]["senderName"], "Grace");
    let system = sk(&server, "POST", &path)
        .json(r#"{"content":"Escalated","sender":"system"}"#)
        .send()
        .await;
    assert_eq!(system.body["data"]["senderName"], "System");

    let after = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    let data = &after.body["data"];
    assert_eq!(data["messageCount"], 4);
    assert_eq!(data["firstResponseAt"], reply.body["data"]["createdAt"]);
    assert!(data["updatedAt"].as_str() >= ticket["updatedAt"].as_str());
    assert_eq!(server.message_count(), 4);
}

#[tokio::test]
async fn the_thread_lists_oldest_first_without_pagination() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Listed"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/tickets/{id}/messages");
    for n in 0..3 {
        sk(&server, "POST", &path)
            .json(&json!({"content": format!("m{n}")}).to_string())
            .send()
            .await;
    }
    let listed = sk(&server, "GET", &path).send().await;
    assert_eq!(listed.status, 200);
    let mut keys: Vec<&str> = listed
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["data", "meta", "success"],
        "no pagination object at all"
    );
    assert!(listed.body["meta"].get("pagination").is_none());
    let contents: Vec<&str> = listed.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["m0", "m1", "m2"]);
}

#[tokio::test]
async fn bad_messages_and_unknown_tickets_are_refused() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Strict"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/tickets/{id}/messages");
    for (body, code, param) in [
        ("{}", "parameter_missing", "content"),
        (r#"{"content":"   "}"#, "parameter_missing", "content"),
        (r#"{"content":1}"#, "parameter_invalid", "content"),
        (
            r#"{"content":"x","sender":"bot"}"#,
            "parameter_invalid",
            "sender",
        ),
        (
            r#"{"content":"x","isInternal":"yes"}"#,
            "parameter_invalid",
            "isInternal",
        ),
        (
            r#"{"content":"x","senderName":false}"#,
            "parameter_invalid",
            "senderName",
        ),
    ] {
        let answer = sk(&server, "POST", &path).json(body).send().await;
        assert_eq!(
            (answer.status, answer.code(), answer.param()),
            (400, code, Some(param)),
            "{body}"
        );
    }
    let gone = "/tickets/tkt_00000000000040008000000000000000/messages";
    for method in ["GET", "POST"] {
        let answer = sk(&server, method, gone)
            .json(r#"{"content":"x"}"#)
            .send()
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, "resource_missing"),
            "{method}"
        );
        assert_eq!(answer.body["error"]["message"], "Ticket not found");
    }
    assert_eq!(server.message_count(), 0);

    sk(&server, "POST", &path)
        .json(r#"{"content":"kept"}"#)
        .send()
        .await;
    sk(&server, "DELETE", &format!("/tickets/{id}"))
        .send()
        .await;
    assert_eq!(
        server.message_count(),
        0,
        "deleting a ticket deletes its thread"
    );
}
