//! Ticket create, read, update and delete, id forms and validation.

use cstar_mock::MockServer;
use serde_json::json;

use crate::support::{create_ticket, sk};

/// The dashed UUID behind `tkt_<32 hex>`.
fn dashed(public: &str) -> String {
    let h = &public[4..];
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[tokio::test]
async fn create_applies_defaults_and_keeps_what_was_sent() {
    let server = MockServer::start().await.unwrap();
    let plain = create_ticket(&server, r#"{"title":"Plain"}"#).await;
    assert_eq!(plain["status"], "new");
    assert_eq!(plain["priority"], "normal");
    assert_eq!(plain["tags"], json!([]));
    assert_eq!(plain["metadata"], json!({}));
    assert_eq!(plain["messageCount"], 0);
    assert_eq!(plain["slaPaused"], false);
    for field in [
        "customerId",
        "customerName",
        "assignedTo",
        "notes",
        "responseDeadline",
        "resolutionDeadline",
        "firstResponseAt",
        "responseTier",
        "resolutionTier",
        "closedAt",
        "resolvedAt",
    ] {
        assert!(plain[field].is_null(), "{field}");
    }

    let full = create_ticket(
        &server,
        r#"{"title":"Full","priority":"urgent","status":"open","customerId":"cus_1",
            "customerName":"Ada","assignedTo":"mem_1","tags":["vip","billing"],
            "notes":"call back","metadata":{"plan":"pro"}}"#,
    )
    .await;
    assert_eq!(full["priority"], "urgent");
    assert_eq!(full["status"], "open");
    assert_eq!(full["customerId"], "cus_1");
    assert_eq!(full["customerName"], "Ada");
    assert_eq!(full["assignedTo"], "mem_1");
    assert_eq!(full["tags"], json!(["vip", "billing"]));
    assert_eq!(full["notes"], "call back");
    assert_eq!(full["metadata"], json!({"plan": "pro"}));

    let closed = create_ticket(&server, r#"{"title":"Done","status":"resolved"}"#).await;
    assert!(closed["resolvedAt"].is_string() && closed["closedAt"].is_string());
    assert_eq!(server.ticket_count(), 3);
}

#[tokio::test]
async fn a_ticket_is_found_by_prefixed_id_dashed_uuid_or_bare_hex() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Findable"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uuid = dashed(&id);
    for given in [
        id.clone(),
        uuid.clone(),
        id[4..].to_owned(),
        uuid.to_uppercase(),
    ] {
        let answer = sk(&server, "GET", &format!("/tickets/{given}"))
            .send()
            .await;
        assert_eq!(answer.status, 200, "{given}");
        assert_eq!(
            answer.body["data"]["id"],
            id.as_str(),
            "ids come back prefixed"
        );
    }
    for given in [
        "tkt_nothex",
        "cus_00000000000040008000000000000000",
        "tkt_00000000000040008000000000000000",
        &uuid[..35],
    ] {
        let answer = sk(&server, "GET", &format!("/tickets/{given}"))
            .send()
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (404, "resource_missing"),
            "{given}"
        );
    }
    // A delete echoes the id exactly as given.
    let deleted = sk(&server, "DELETE", &format!("/tickets/{uuid}"))
        .send()
        .await;
    assert_eq!(deleted.body["data"], json!({"deleted": true, "id": uuid}));
    let again = sk(&server, "DELETE", &format!("/tickets/{id}"))
        .send()
        .await;
    assert_eq!(again.status, 404);
    assert_eq!(server.ticket_count(), 0);
}

#[tokio::test]
async fn get_inlines_the_thread_oldest_first() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Thread"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for content in ["first", "second"] {
        sk(&server, "POST", &format!("/tickets/{id}/messages"))
            .json(&json!({"content": content}).to_string())
            .send()
            .await;
    }
    let got = sk(&server, "GET", &format!("/tickets/{id}")).send().await;
    let thread = got.body["data"]["messages"].as_array().unwrap();
    let contents: Vec<&str> = thread
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["first", "second"]);
    assert_eq!(got.body["data"]["messageCount"], 2);
    let listed = sk(&server, "GET", "/tickets").send().await;
    assert!(
        listed.body["data"][0].get("messages").is_none(),
        "lists carry no thread"
    );
}

#[tokio::test]
async fn patch_changes_only_what_it_names() {
    let server = MockServer::start().await.unwrap();
    let ticket = create_ticket(
        &server,
        r#"{"title":"Patchable","assignedTo":"mem_1","tags":["a"],"notes":"n",
            "metadata":{"keep":1,"drop":2}}"#,
    )
    .await;
    let id = ticket["id"].as_str().unwrap();
    let path = format!("/tickets/{id}");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;

    let patched = sk(&server, "PATCH", &path)
        .json(r#"{"priority":"high","tags":["b","c"],"metadata":{"drop":null,"add":true}}"#)
        .send()
        .await;
    assert_eq!(patched.status, 200);
    let data = &patched.body["data"];
    assert_eq!(data["priority"], "high");
    assert_eq!(data["tags"], json!(["b", "c"]), "tags are replaced");
    assert_eq!(data["metadata"], json!({"keep": 1, "add": true}));
    assert_eq!(data["title"], "Patchable");
    assert_eq!(data["assignedTo"], "mem_1");
    assert_eq!(data["notes"], "n");
    assert_eq!(data["createdAt"], ticket["createdAt"]);
    assert!(data["updatedAt"].as_str() > ticket["updatedAt"].as_str());

    let unassigned = sk(&server, "PATCH", &path)
        .json(r#"{"assignedTo":null,"notes":null}"#)
        .send()
        .await;
    assert!(unassigned.body["data"]["assignedTo"].is_null());
    assert!(unassigned.body["data"]["notes"].is_null());

    let resolved = sk(&server, "PATCH", &path)
        .json(r#"{"status":"resolved"}"#)
        .send()
        .await;
    let data = &resolved.body["data"];
    assert!(data["resolvedAt"].is_string() && data["closedAt"].is_string());
    let closed = sk(&server, "PATCH", &path)
        .json(r#"{"status":"closed"}"#)
        .send()
        .await;
    assert_eq!(closed.body["data"]["resolvedAt"], data["resolvedAt"]);
    let reopened = sk(&server, "PATCH", &path)
        .json(r#"{"status":"open"}"#)
        .send()
        .await;
    assert!(reopened.body["data"]["closedAt"].is_null());
    assert!(reopened.body["data"]["resolvedAt"].is_null());
}

#[tokio::test]
async fn bad_bodies_and_values_are_400_naming_the_field() {
    let server = MockServer::start().await.unwrap();
    let id = create_ticket(&server, r#"{"title":"Target","priority":"low"}"#).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let one = format!("/tickets/{id}");
    let cases: [(&str, &str, &str, &str, Option<&str>); 17] = [
        ("POST", "/tickets", "{not json", "invalid_json", None),
        ("POST", "/tickets", "[1]", "parameter_invalid", None),
        ("POST", "/tickets", "\"text\"", "parameter_invalid", None),
        ("POST", "/tickets", "", "parameter_missing", Some("title")),
        (
            "POST",
            "/tickets",
            r#"{"title":"  "}"#,
            "parameter_missing",
            Some("title"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":null}"#,
            "parameter_missing",
            Some("title"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":7}"#,
            "parameter_invalid",
            Some("title"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":"x","tags":"a"}"#,
            "parameter_invalid",
            Some("tags"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":"x","tags":[1]}"#,
            "parameter_invalid",
            Some("tags"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":"x","priority":"meh"}"#,
            "parameter_invalid",
            Some("priority"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":"x","status":"done"}"#,
            "parameter_invalid",
            Some("status"),
        ),
        (
            "POST",
            "/tickets",
            r#"{"title":"x","metadata":[]}"#,
            "parameter_invalid",
            Some("metadata"),
        ),
        ("PATCH", &one, "{oops", "invalid_json", None),
        (
            "PATCH",
            &one,
            r#"{"status":"sideways"}"#,
            "parameter_invalid",
            Some("status"),
        ),
        (
            "PATCH",
            &one,
            r#"{"title":""}"#,
            "parameter_invalid",
            Some("title"),
        ),
        (
            "PATCH",
            &one,
            r#"{"priority":null}"#,
            "parameter_invalid",
            Some("priority"),
        ),
        (
            "PATCH",
            &one,
            r#"{"title":"ok","assignedTo":5}"#,
            "parameter_invalid",
            Some("assignedTo"),
        ),
    ];
    for (method, path, body, code, param) in cases {
        let answer = sk(&server, method, path).json(body).send().await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, code),
            "{method} {path} {body}"
        );
        assert_eq!(answer.param(), param, "{method} {path} {body}");
        assert_eq!(answer.body["error"]["type"], "invalid_request_error");
    }
    assert_eq!(server.ticket_count(), 1);
    let untouched = sk(&server, "GET", &one).send().await;
    assert_eq!(
        untouched.body["data"]["title"], "Target",
        "a 400 changes nothing"
    );
    assert_eq!(untouched.body["data"]["priority"], "low");
    assert_eq!(server.events().len(), 1, "only the create was an event");
}
