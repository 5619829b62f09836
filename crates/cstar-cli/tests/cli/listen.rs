//! `cstar listen --forward-to`: every event reaches a local receiver signed as cStar signs, and
//! none is lost while the receiver is down.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use cstar_admin::{CreateCustomer, CreateTicket};
use cstar_webhook::{Verifier, headers};

use crate::support::{Running, World, eventually, run};

/// What the receiver saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    /// The body's event id, when the signature verified.
    verified_id: Option<String>,
    header_id: String,
    header_type: String,
    attempt: String,
    user_agent: String,
    status: u16,
}

#[derive(Default)]
struct Receiver {
    secret: Mutex<Option<String>>,
    /// Requests answered 503 before the receiver is "up".
    down_for: usize,
    seen: Mutex<Vec<Seen>>,
}

impl Receiver {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn verified(&self) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.verified_id.is_some())
            .collect()
    }
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let mut seen = receiver.seen.lock().unwrap();
    let status = if seen.len() < receiver.down_for {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    };
    let secret = receiver
        .secret
        .lock()
        .unwrap()
        .clone()
        .expect("secret known before events");
    let verified_id = (status == StatusCode::OK)
        .then(|| {
            Verifier::new(secret.as_str())
                .and_then(|v| v.construct_event(&body, &header(headers::SIGNATURE)))
                .ok()
                .map(|event| event.id)
        })
        .flatten();
    let status = if status == StatusCode::OK && verified_id.is_none() {
        StatusCode::BAD_REQUEST
    } else {
        status
    };
    seen.push(Seen {
        verified_id,
        header_id: header(headers::EVENT_ID),
        header_type: header(headers::EVENT_TYPE),
        attempt: header(headers::DELIVERY_ATTEMPT),
        user_agent: header("user-agent"),
        status: status.as_u16(),
    });
    status
}

/// A receiver on a free loopback port; its URL.
async fn start_receiver(receiver: Arc<Receiver>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new()
        .route("/hooks", axum::routing::post(receive))
        .with_state(receiver);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}/hooks")
}

/// The ids of the events of this type the emulator published, in order.
fn published(world: &World, event_type: &str) -> Vec<String> {
    world
        .server
        .events()
        .iter()
        .filter(|e| e["type"] == event_type)
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn forwards_matching_events_signed_with_the_printed_secret() {
    let world = World::start().await;
    let receiver = Arc::new(Receiver::default());
    let url = start_receiver(Arc::clone(&receiver)).await;
    let mut listen =
        Running::spawn(world.cstar(&["listen", "--forward-to", &url, "--events", "ticket.*"]));
    let ready = listen.next_line().await;
    let prefix = format!("Ready! Forwarding to {url}. Webhook signing secret: ");
    let secret = ready
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{ready}"))
        .to_owned();
    assert!(secret.starts_with("whsec_"), "{ready}");
    *receiver.secret.lock().unwrap() = Some(secret.clone());

    let client = world.client();
    client
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .expect("customer");
    for title in ["First", "Second"] {
        client
            .tickets()
            .create(CreateTicket::new(title))
            .await
            .expect("ticket");
    }
    let expected = published(&world, "ticket.created");
    assert_eq!(expected.len(), 2);

    let seen = eventually("two verified deliveries", || {
        let seen = receiver.verified();
        (seen.len() >= 2).then_some(seen)
    })
    .await;
    let ids: Vec<_> = seen.iter().filter_map(|s| s.verified_id.clone()).collect();
    assert_eq!(
        ids, expected,
        "in order, each once, the customer event filtered out"
    );
    for s in &seen {
        assert_eq!(Some(&s.header_id), s.verified_id.as_ref());
        assert_eq!(s.header_type, "ticket.created");
        assert_eq!(s.attempt, "1");
        assert_eq!(s.user_agent, "cStar-Webhooks/1.0");
    }
    for id in &expected {
        let line = listen.next_line().await;
        assert!(
            line.contains("ticket.created") && line.contains(id),
            "{line}"
        );
        assert!(line.contains("[200]") && line.contains(" ms"), "{line}");
    }
    assert_eq!(receiver.seen().len(), 2, "no request was refused");

    // The secret was kept: the receiver's configuration survives the next run.
    let again = run(world.cstar(&["listen", "--print-secret"]))
        .await
        .success();
    assert_eq!(again.trim(), secret);

    #[cfg(unix)]
    {
        let (code, stderr) = listen.interrupt().await;
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stderr.contains("Stopped."), "{stderr}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_that_is_down_for_a_while_still_gets_every_event_in_order() {
    let world = World::start().await;
    let secret = "whsec_pinned_for_this_test";
    let receiver = Arc::new(Receiver {
        secret: Mutex::new(Some(secret.to_owned())),
        down_for: 3,
        ..Receiver::default()
    });
    let url = start_receiver(Arc::clone(&receiver)).await;
    let mut listen = Running::spawn(world.cstar(&[
        "listen",
        "--forward-to",
        &url,
        "--events",
        "ticket.created",
        "--secret",
        secret,
    ]));
    let ready = listen.next_line().await;
    assert!(
        ready.ends_with(&format!("Webhook signing secret: {secret}")),
        "{ready}"
    );

    let client = world.client();
    for title in ["First", "Second"] {
        client
            .tickets()
            .create(CreateTicket::new(title))
            .await
            .expect("ticket");
    }
    let expected = published(&world, "ticket.created");
    let verified = eventually("both events delivered", || {
        let verified = receiver.verified();
        (verified.len() >= 2).then_some(verified)
    })
    .await;
    let ids: Vec<_> = verified
        .iter()
        .filter_map(|s| s.verified_id.clone())
        .collect();
    assert_eq!(ids, expected);

    let seen = receiver.seen();
    let attempts: Vec<(&str, &str, u16)> = seen
        .iter()
        .map(|s| (s.header_id.as_str(), s.attempt.as_str(), s.status))
        .collect();
    let (first, second) = (expected[0].as_str(), expected[1].as_str());
    assert_eq!(
        attempts,
        [
            (first, "1", 503),
            (first, "2", 503),
            (first, "3", 503),
            (first, "4", 200),
            (second, "1", 200),
        ]
    );
    let retried = listen.line_where(|line| line.contains("[503]")).await;
    assert!(
        retried.contains(first) && retried.contains("retrying in"),
        "{retried}"
    );
    let delivered = listen.line_where(|line| line.contains(second)).await;
    assert!(delivered.contains("[200]"), "{delivered}");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_output_is_one_object_per_line() {
    let world = World::start().await;
    let secret = "whsec_json_test";
    let receiver = Arc::new(Receiver {
        secret: Mutex::new(Some(secret.to_owned())),
        ..Receiver::default()
    });
    let url = start_receiver(Arc::clone(&receiver)).await;
    let mut listen = Running::spawn(world.cstar(&[
        "--json",
        "listen",
        "--forward-to",
        &url,
        "--events",
        "ticket.created",
        "--secret",
        secret,
    ]));
    let ready: serde_json::Value = serde_json::from_str(&listen.next_line().await).expect("JSON");
    assert_eq!(ready["ready"], true);
    assert_eq!(ready["forwardTo"], url.as_str());
    assert_eq!(ready["secret"], secret);

    world
        .client()
        .tickets()
        .create(CreateTicket::new("Hello"))
        .await
        .expect("ticket");
    let line: serde_json::Value = serde_json::from_str(&listen.next_line().await).expect("JSON");
    assert_eq!(line["type"], "ticket.created");
    assert_eq!(line["id"], published(&world, "ticket.created")[0].as_str());
    assert_eq!(line["status"], 200);
    assert_eq!(line["attempt"], 1);
    assert_eq!(line["delivered"], true);
    assert!(line["latencyMs"].is_u64(), "{line}");
    let verified = receiver.verified();
    assert_eq!(verified.len(), 1);
}
