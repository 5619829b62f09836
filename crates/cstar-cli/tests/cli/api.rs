//! `cstar api` and `cstar tickets`.

use cstar_admin::CreateTicket;
use serde_json::Value;

use crate::support::{TempDir, World, run};

#[tokio::test(flavor = "multi_thread")]
async fn api_get_prints_the_json_data() {
    let world = World::start().await;
    let ticket = world
        .client()
        .tickets()
        .create(CreateTicket::new("Printer on fire"))
        .await
        .expect("ticket");
    let out = run(world.cstar(&["api", "GET", "/tickets", "--query", "pageSize=5"]))
        .await
        .success();
    let data: Value = serde_json::from_str(&out).expect("JSON on stdout");
    let ids: Vec<&str> = data
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert_eq!(ids, [ticket.id.as_str()]);

    let path = format!("/tickets/{}", ticket.id);
    let one: Value =
        serde_json::from_str(&run(world.cstar(&["api", "get", &path])).await.success())
            .expect("JSON");
    assert_eq!(one["title"], "Printer on fire");
}

#[tokio::test(flavor = "multi_thread")]
async fn api_post_with_a_validation_error_exits_1_with_the_request_id() {
    let world = World::start().await;
    let done = run(world.cstar(&["api", "POST", "/tickets", "--data", "{}"])).await;
    assert_eq!(done.code(), Some(1), "{}", done.stderr());
    let stderr = done.stderr();
    assert!(stderr.contains("title"), "{stderr}");
    let id = done.request_id_once();
    assert!(id.len() > "req_".len(), "{stderr}");
    let posts: Vec<_> = world
        .server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 1, "a 400 is not retried");
    assert_eq!(posts[0].status, Some(400));
    assert!(done.stdout().is_empty());
    assert_eq!(world.server.ticket_count(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn api_post_reads_the_body_from_a_file() {
    let world = World::start().await;
    let dir = TempDir::new();
    let body = dir.path().join("ticket.json");
    std::fs::write(&body, r#"{"title": "From a file", "priority": "high"}"#).expect("write");
    let data = format!("@{}", body.display());
    let out = run(world.cstar(&["api", "POST", "/tickets", "-d", &data]))
        .await
        .success();
    let created: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(created["title"], "From a file");
    assert_eq!(created["priority"], "high");
    assert_eq!(world.server.ticket_count(), 1);

    let done = run(world.cstar(&["api", "POST", "/tickets", "-d", "{not json"])).await;
    assert_eq!(done.code(), Some(2), "{}", done.stderr());
}

#[tokio::test(flavor = "multi_thread")]
async fn tickets_create_get_and_list_every_page() {
    let world = World::start().await;
    let out = run(world.cstar(&[
        "tickets",
        "create",
        "--title",
        "Refund please",
        "--priority",
        "high",
    ]))
    .await
    .success();
    assert!(out.starts_with("Created tkt_"), "{out}");
    let id = out.split_whitespace().nth(1).expect("an id").to_owned();
    let shown = run(world.cstar(&["tickets", "get", &id])).await.success();
    assert!(
        shown.contains("\"Refund please\"") && shown.contains("priority high"),
        "{shown}"
    );

    let client = world.client();
    for n in 0..4 {
        client
            .tickets()
            .create(CreateTicket::new(format!("Ticket {n}")))
            .await
            .expect("ticket");
    }
    let done = run(world.cstar(&["--json", "tickets", "list", "--all", "--page-size", "2"])).await;
    let listed: Value = serde_json::from_str(&done.success()).expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(5));
    assert!(
        done.stderr().contains("Fetched 5 tickets"),
        "{}",
        done.stderr()
    );

    let page = run(world.cstar(&["tickets", "list", "--page-size", "2"]))
        .await
        .success();
    assert_eq!(page.lines().count(), 2, "{page}");

    let missing = run(world.cstar(&["tickets", "get", "tkt_nope"])).await;
    assert_eq!(missing.code(), Some(1));
    missing.request_id_once();
}
