//! The envelope of every kind of answer, status codes, request ids and timestamps.

use cstar_mock::MockServer;
use serde_json::{Value, json};

use crate::support::{Answer, create_ticket, is_api_timestamp, sk};

/// `X-Request-Id` is `req_` + 24 alphanumerics and is the body's `meta.requestId`.
fn assert_request_id(answer: &Answer) {
    let id = answer.header("x-request-id").unwrap();
    assert_eq!(id.len(), 28, "{id}");
    assert!(id.starts_with("req_"));
    assert!(id[4..].chars().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(answer.body["meta"]["requestId"], id);
    assert!(is_api_timestamp(
        answer.body["meta"]["timestamp"].as_str().unwrap()
    ));
    assert_eq!(answer.header("content-type"), Some("application/json"));
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn success_envelopes_and_statuses() {
    let server = MockServer::start().await.unwrap();
    let created = sk(&server, "POST", "/tickets")
        .json(r#"{"title":"Printer on fire"}"#)
        .send()
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(keys(&created.body), ["data", "meta", "success"]);
    assert_eq!(created.body["success"], true);
    assert_eq!(keys(&created.body["meta"]), ["requestId", "timestamp"]);
    assert_request_id(&created);
    let id = created.id();

    let got = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    assert_eq!(got.status, 200);
    assert_request_id(&got);
    assert_ne!(
        got.body["meta"]["requestId"], created.body["meta"]["requestId"],
        "one id per request"
    );

    let patched = sk(&server, "PATCH", &format!("/tickets/{id}"))
        .json(r#"{"status":"open"}"#)
        .send()
        .await;
    assert_eq!(patched.status, 200);

    let listed = sk(&server, "GET", "/tickets").send().await;
    assert_eq!(listed.status, 200);
    assert_eq!(
        keys(&listed.body),
        ["data", "meta", "pagination", "success"]
    );
    assert_eq!(keys(&listed.body["meta"]), ["requestId", "timestamp"]);
    assert_request_id(&listed);

    let deleted = sk(&server, "DELETE", &format!("/tickets/{id}"))
        .send()
        .await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.body["data"], json!({"deleted": true, "id": id}));
    assert_request_id(&deleted);
}

#[tokio::test]
async fn error_envelopes_carry_the_request_id_twice() {
    let server = MockServer::start().await.unwrap();
    let missing = sk(&server, "POST", "/tickets").json("{}").send().await;
    assert_eq!(missing.status, 400);
    assert_eq!(keys(&missing.body), ["error", "meta", "success"]);
    assert_eq!(missing.body["success"], false);
    assert_eq!(
        missing.body["error"],
        json!({
            "type": "invalid_request_error",
            "code": "parameter_missing",
            "message": "title is required",
            "param": "title",
            "doc_url": "https://www.cstar.help/developers/errors#parameter_missing",
            "request_id": missing.header("x-request-id").unwrap(),
        })
    );
    assert_request_id(&missing);

    let absent = sk(
        &server,
        "GET",
        "/tickets/tkt_00000000000040008000000000000000",
    )
    .send()
    .await;
    assert_eq!(absent.status, 404);
    assert_eq!(absent.body["error"]["type"], "not_found_error");
    assert_eq!(absent.body["error"]["code"], "resource_missing");
    assert_eq!(absent.body["error"]["message"], "Ticket not found");
    assert!(absent.body["error"].get("param").is_none());
    assert_request_id(&absent);
}

#[tokio::test]
async fn the_ticket_object_has_exactly_the_documented_fields() {
    let server = MockServer::start().await.unwrap();
    let ticket = create_ticket(&server, r#"{"title":"Fields","extra":"ignored"}"#).await;
    assert_eq!(
        keys(&ticket),
        [
            "assignedTo",
            "closedAt",
            "createdAt",
            "customerId",
            "customerName",
            "firstResponseAt",
            "id",
            "messageCount",
            "metadata",
            "notes",
            "object",
            "priority",
            "resolutionDeadline",
            "resolutionTier",
            "resolvedAt",
            "responseDeadline",
            "responseTier",
            "slaPaused",
            "status",
            "tags",
            "title",
            "updatedAt",
        ]
    );
    assert_eq!(ticket["object"], "ticket");
    let id = ticket["id"].as_str().unwrap();
    assert!(id.starts_with("tkt_") && id.len() == 36, "{id}");
    assert!(
        id[4..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert!(is_api_timestamp(ticket["createdAt"].as_str().unwrap()));
    assert_eq!(ticket["createdAt"], ticket["updatedAt"]);
}
