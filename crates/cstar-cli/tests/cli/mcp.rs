//! `cstar mcp-server`: the protocol spoken over the binary's stdio.

use cstar_admin::CreateTicket;
use serde_json::{Value, json};

use crate::support::{Running, World};

/// A JSON-RPC session with a running server.
struct Session {
    running: Running,
    next_id: u64,
}

impl Session {
    async fn start(world: &World, args: &[&str]) -> Self {
        let mut all = vec!["mcp-server"];
        all.extend_from_slice(args);
        let mut session = Self {
            running: Running::spawn(world.cstar(&all)),
            next_id: 1,
        };
        let init = session
            .request(
                "initialize",
                json!({
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "cstar-cli-test", "version": "1"}
                }),
            )
            .await;
        assert_eq!(init["result"]["serverInfo"]["name"], "cstar", "{init}");
        assert!(
            init["result"]["capabilities"]["tools"].is_object(),
            "{init}"
        );
        session
            .running
            .send_line(
                &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}).to_string(),
            )
            .await;
        session
    }

    /// Sends a request and returns the response with its id (notifications are skipped).
    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.running.send_line(&message.to_string()).await;
        loop {
            let line = self.running.next_line().await;
            let answer: Value = serde_json::from_str(&line).expect("stdout holds only JSON-RPC");
            if answer["id"] == id {
                return answer;
            }
        }
    }

    async fn tool_names(&mut self) -> Vec<String> {
        let list = self.request("tools/list", json!({})).await;
        list["result"]["tools"]
            .as_array()
            .expect("tools")
            .iter()
            .map(|tool| {
                assert!(tool["inputSchema"]["type"] == "object", "{tool}");
                assert!(
                    tool["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{tool}"
                );
                tool["name"].as_str().expect("name").to_owned()
            })
            .collect()
    }

    async fn call(&mut self, name: &str, arguments: Value) -> Value {
        self.request("tools/call", json!({"name": name, "arguments": arguments}))
            .await
    }
}

/// The JSON a successful tool call returned as its text content.
fn tool_json(answer: &Value) -> Value {
    assert_eq!(answer["result"]["isError"], false, "{answer}");
    let text = answer["result"]["content"][0]["text"]
        .as_str()
        .expect("text content");
    serde_json::from_str(text).expect("the text is JSON")
}

#[tokio::test(flavor = "multi_thread")]
async fn read_only_by_default_lists_and_reads_but_refuses_writes() {
    let world = World::start().await;
    let ticket = world
        .client()
        .tickets()
        .create(CreateTicket::new("Printer on fire"))
        .await
        .expect("ticket");
    let mut session = Session::start(&world, &[]).await;

    let names = session.tool_names().await;
    for read in [
        "search_tickets",
        "get_ticket",
        "search_customers",
        "get_customer",
        "search_articles",
        "get_article",
    ] {
        assert!(
            names.iter().any(|n| n == read),
            "{read} missing from {names:?}"
        );
    }
    for write in ["create_ticket", "add_message", "update_ticket_status"] {
        assert!(
            !names.iter().any(|n| n == write),
            "{write} offered without --allow-writes"
        );
    }

    let found = tool_json(
        &session
            .call("search_tickets", json!({"query": "printer"}))
            .await,
    );
    assert_eq!(found[0]["id"], ticket.id.as_str(), "{found}");
    let one = tool_json(
        &session
            .call("get_ticket", json!({"id": ticket.id.as_str()}))
            .await,
    );
    assert_eq!(one["title"], "Printer on fire");

    let missing = session.call("get_ticket", json!({"id": "tkt_nope"})).await;
    assert_eq!(missing["result"]["isError"], true, "{missing}");
    assert!(
        missing["result"]["content"][0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("request id req_") && t.matches("req_").count() == 1),
        "{missing}"
    );

    let refused = session
        .call("create_ticket", json!({"title": "Sneaky"}))
        .await;
    assert!(
        refused["error"].is_object(),
        "a write went through: {refused}"
    );
    assert_eq!(world.server.ticket_count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn allow_writes_creates_tickets_adds_messages_and_sets_statuses() {
    let world = World::start().await;
    let mut session = Session::start(&world, &["--allow-writes"]).await;
    let names = session.tool_names().await;
    for write in ["create_ticket", "add_message", "update_ticket_status"] {
        assert!(
            names.iter().any(|n| n == write),
            "{write} missing from {names:?}"
        );
    }

    let created = tool_json(
        &session
            .call(
                "create_ticket",
                json!({"title": "Refund", "priority": "high"}),
            )
            .await,
    );
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(world.server.ticket_count(), 1);

    let message = tool_json(
        &session
            .call(
                "add_message",
                json!({"ticket_id": id, "content": "On its way"}),
            )
            .await,
    );
    assert_eq!(message["content"], "On its way");
    assert_eq!(world.server.message_count(), 1);

    let updated = tool_json(
        &session
            .call(
                "update_ticket_status",
                json!({"ticket_id": id, "status": "resolved"}),
            )
            .await,
    );
    assert_eq!(updated["status"], "resolved");
    let stored = world
        .client()
        .tickets()
        .get(id.as_str())
        .await
        .expect("ticket");
    assert_eq!(stored.status.as_str(), "resolved");

    let invalid = session.call("create_ticket", json!({"title": ""})).await;
    assert_eq!(invalid["result"]["isError"], true, "{invalid}");
}
