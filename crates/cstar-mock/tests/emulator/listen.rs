//! The realtime stream `GET /webhooks/listen`: auth, frames, filters, resuming, heartbeats, and
//! streams ending when the server stops.

use std::time::Duration;

use cstar_mock::MockServer;
use serde_json::json;

use crate::support::{Call, create_ticket, http, team_url};

/// Reads the stream until `want` frames with an `id:` arrived; returns their raw text.
struct Stream {
    response: reqwest::Response,
    text: String,
}

impl Stream {
    async fn open(server: &MockServer, query: &str, last_event_id: Option<&str>) -> Self {
        let mut request = http()
            .get(team_url(server, &format!("/webhooks/listen{query}")))
            .bearer_auth(server.secret_key());
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        let mut stream = Self {
            response,
            text: String::new(),
        };
        stream.until(|t| t.contains(": connected\n\n")).await;
        stream
    }

    /// Reads until `done(text)`, failing after 5 s.
    async fn until(&mut self, done: impl Fn(&str) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while !done(&self.text) {
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .unwrap_or_else(|_| panic!("stream stalled; so far: {}", self.text))
                .unwrap();
            let Some(chunk) = chunk else {
                panic!("stream ended; so far: {}", self.text);
            };
            self.text.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    fn event_types(&self) -> Vec<String> {
        self.text
            .lines()
            .filter_map(|l| l.strip_prefix("event: "))
            .map(str::to_owned)
            .collect()
    }

    fn frames(&self) -> usize {
        self.text.lines().filter(|l| l.starts_with("id: ")).count()
    }
}

#[tokio::test]
async fn mutations_arrive_as_frames_with_id_type_and_envelope() {
    let server = MockServer::start().await.unwrap();
    let mut stream = Stream::open(&server, "", None).await;
    let ticket = create_ticket(&server, r#"{"title":"Streamed"}"#).await;
    stream
        .until(|t| t.contains("\n\n") && t.contains("data: "))
        .await;
    let event = &server.events()[0];
    let data_line = stream
        .text
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .unwrap();
    let envelope: serde_json::Value = serde_json::from_str(data_line).unwrap();
    assert_eq!(&envelope, event);
    assert_eq!(envelope["data"]["ticket"]["id"], ticket["id"]);
    assert!(
        stream
            .text
            .contains(&format!("id: {}\n", event["id"].as_str().unwrap()))
    );
    assert_eq!(stream.event_types(), ["ticket.created"]);
}

#[tokio::test]
async fn the_types_filter_takes_wildcards_that_stop_at_the_first_dot() {
    let server = MockServer::start().await.unwrap();
    let mut stream = Stream::open(&server, "?types=customer.*,ticket.updated", None).await;
    for event_type in [
        "customer_group.created",
        "ticket.created",
        "customer.created",
        "ticket.updated",
    ] {
        server.publish_event(event_type, json!({}));
    }
    stream.until(|t| t.matches("id: ").count() == 2).await;
    assert_eq!(stream.event_types(), ["customer.created", "ticket.updated"]);
}

#[tokio::test]
async fn last_event_id_replays_what_came_after_it() {
    let server = MockServer::start().await.unwrap();
    let first = server.publish_event("ticket.created", json!({"n": 1}));
    server.publish_event("ticket.updated", json!({"n": 2}));
    server.publish_event("ticket.closed", json!({"n": 3}));
    let mut stream = Stream::open(&server, "", first["id"].as_str()).await;
    stream.until(|t| t.matches("id: ").count() == 2).await;
    assert_eq!(stream.event_types(), ["ticket.updated", "ticket.closed"]);

    let unknown = Stream::open(&server, "", Some("evt_gone")).await;
    assert!(
        unknown.text.contains("unknown Last-Event-ID"),
        "{}",
        unknown.text
    );
    assert_eq!(unknown.frames(), 0);
}

#[tokio::test]
async fn idle_streams_send_heartbeats() {
    let server = MockServer::builder()
        .heartbeat_interval(Duration::from_millis(30))
        .start()
        .await
        .unwrap();
    let mut stream = Stream::open(&server, "", None).await;
    stream
        .until(|t| t.matches(": heartbeat").count() >= 2)
        .await;
}

#[tokio::test]
async fn only_a_valid_secret_key_may_listen() {
    let server = MockServer::start().await.unwrap();
    let url = team_url(&server, "/webhooks/listen");
    let none = Call::new("GET", url.clone()).send().await;
    assert_eq!(none.status, 401);
    let wrong = Call::new("GET", url.clone())
        .key("sk_test_wrongwrongwrongwrongwrongwrong")
        .send()
        .await;
    assert_eq!((wrong.status, wrong.code()), (401, "invalid_api_key"));
    let publishable = Call::new("GET", url)
        .key(server.publishable_key())
        .send()
        .await;
    assert_eq!(
        (publishable.status, publishable.code()),
        (403, "secret_key_required")
    );
}

#[tokio::test]
async fn streams_end_on_shutdown_and_the_port_serves_again_with_the_same_events() {
    let server = MockServer::start().await.unwrap();
    let mut stream = Stream::open(&server, "", None).await;
    let before = server.publish_event("ticket.created", json!({}));
    stream.until(|t| t.contains("id: ")).await;

    tokio::time::timeout(Duration::from_secs(1), server.shutdown())
        .await
        .expect("shutdown does not wait for open streams");
    let ended = tokio::time::timeout(Duration::from_secs(1), stream.response.chunk()).await;
    assert!(
        matches!(ended, Ok(Ok(None) | Err(_))),
        "the stream ended with the server"
    );
    let missed = server.publish_event("ticket.updated", json!({}));

    server.start_again().await.unwrap();
    let mut resumed = Stream::open(&server, "", before["id"].as_str()).await;
    resumed.until(|t| t.contains("id: ")).await;
    assert!(resumed.text.contains(missed["id"].as_str().unwrap()));
    assert_eq!(resumed.event_types(), ["ticket.updated"]);
}

#[tokio::test]
async fn a_response_dropped_after_apply_cuts_a_stream_before_its_first_frame() {
    let server = MockServer::start().await.unwrap();
    server.drop_response_after_apply_next(1);
    let sent = http()
        .get(team_url(&server, "/webhooks/listen"))
        .bearer_auth(server.secret_key())
        .send()
        .await;
    let cut = match sent {
        Err(_) => true,
        Ok(response) => tokio::time::timeout(Duration::from_secs(5), response.bytes())
            .await
            .expect("the cut in time")
            .is_err(),
    };
    assert!(cut, "the stream was cut");
    let requests = server.requests();
    assert_eq!(requests[0].status, Some(200));
    assert!(!requests[0].chaos);
    // The next stream opens normally.
    Stream::open(&server, "", None).await;
}
