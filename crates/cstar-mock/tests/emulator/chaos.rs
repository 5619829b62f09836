//! Chaos mode: a seeded share of API requests meets a random fault, each one in the request log.

use cstar_mock::{Fault, MockServer, RecordedRequest};
use serde_json::{Value, json};

use crate::support::{Call, control_url, http, team_url};

/// What the client saw of one request.
#[derive(Debug, PartialEq)]
enum Seen {
    Status(u16, Option<String>),
    Cut,
}

/// `count` sequential `GET /tickets` with the secret key, over one client.
async fn hammer(server: &MockServer, count: usize) -> Vec<Seen> {
    let client = http();
    let url = team_url(server, "/tickets");
    let mut seen = Vec::with_capacity(count);
    for _ in 0..count {
        let sent = client
            .get(&url)
            .bearer_auth(server.secret_key())
            .send()
            .await;
        let outcome = match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_owned());
                match response.bytes().await {
                    Ok(_) => Seen::Status(status, retry_after),
                    Err(_) => Seen::Cut,
                }
            }
            Err(_) => Seen::Cut,
        };
        seen.push(outcome);
    }
    seen
}

async fn chaos_server(rate: f64, seed: u64) -> MockServer {
    MockServer::builder()
        .chaos(rate)
        .chaos_seed(seed)
        .rate_limit_secret(100_000)
        .start()
        .await
        .unwrap()
}

/// What the client must have seen for a request with this record.
fn expected(recorded: &RecordedRequest) -> Seen {
    match &recorded.fault {
        None | Some(Fault::Delay { .. }) => Seen::Status(200, None),
        Some(Fault::Fail { status }) => Seen::Status(*status, None),
        Some(Fault::RateLimit { retry_after_secs }) => {
            Seen::Status(429, Some(retry_after_secs.to_string()))
        }
        Some(Fault::DropConnection | Fault::DropResponseAfterApply) => Seen::Cut,
        Some(other) => panic!("chaos does not draw {other:?}"),
    }
}

#[tokio::test]
async fn ten_percent_chaos_faults_about_a_tenth_and_records_every_fault() {
    let server = chaos_server(0.1, 2026).await;
    assert_eq!(server.chaos_seed(), Some(2026));
    let seen = hammer(&server, 2000).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 2000);
    let faulted: Vec<&RecordedRequest> = requests.iter().filter(|r| r.chaos).collect();
    // Binomial(2000, 0.1): mean 200, standard deviation about 13; six of them either way.
    assert!(
        (120..=280).contains(&faulted.len()),
        "{} faults",
        faulted.len()
    );
    for (index, (recorded, seen)) in requests.iter().zip(&seen).enumerate() {
        assert_eq!(recorded.chaos, recorded.fault.is_some(), "request {index}");
        assert_eq!(
            *seen,
            expected(recorded),
            "request {index}: {:?}",
            recorded.fault
        );
    }
    let kinds = |want: fn(&Fault) -> bool| {
        faulted
            .iter()
            .filter(|r| r.fault.as_ref().is_some_and(want))
            .count()
    };
    assert!(kinds(|f| matches!(f, Fault::Fail { status } if *status >= 500)) > 0);
    assert!(kinds(|f| matches!(f, Fault::RateLimit { .. })) > 0);
    assert!(kinds(|f| matches!(f, Fault::DropConnection)) > 0);
    assert!(kinds(|f| matches!(f, Fault::DropResponseAfterApply)) > 0);
    assert!(kinds(|f| matches!(f, Fault::Delay { .. })) > 0);
    let not_faulted = seen
        .iter()
        .filter(|s| **s == Seen::Status(200, None))
        .count();
    let delays = kinds(|f| matches!(f, Fault::Delay { .. }));
    assert_eq!(not_faulted, 2000 - faulted.len() + delays);
}

fn faults(server: &MockServer) -> Vec<Option<Fault>> {
    server.requests().into_iter().map(|r| r.fault).collect()
}

#[tokio::test]
async fn the_same_seed_meets_the_same_faults() {
    let first = chaos_server(0.3, 99).await;
    let second = chaos_server(0.3, 99).await;
    let other = chaos_server(0.3, 100).await;
    for server in [&first, &second, &other] {
        hammer(server, 200).await;
    }
    let sequence = faults(&first);
    assert!(sequence.iter().any(Option::is_some));
    assert_eq!(sequence, faults(&second));
    assert_ne!(sequence, faults(&other));

    // A reset rewinds the draws; set_chaos starts them again from its seed.
    first.reset();
    hammer(&first, 200).await;
    assert_eq!(faults(&first), sequence);
    first.reset();
    first.set_chaos(0.3, 100);
    hammer(&first, 200).await;
    assert_eq!(faults(&first), faults(&other));
    first.set_chaos(0.0, 1);
    assert_eq!(first.chaos_seed(), None);
    first.reset();
    hammer(&first, 20).await;
    assert_eq!(
        faults(&first),
        sequence[..20],
        "reset restores the chaos it was built with"
    );
}

#[tokio::test]
async fn queued_faults_go_first_and_chaos_is_steerable_over_http() {
    let server = MockServer::start().await.unwrap();
    assert_eq!(server.chaos_seed(), None);
    let chaos = Call::new("POST", control_url(&server, "chaos"))
        .json(r#"{"rate":1,"seed":5}"#)
        .send()
        .await;
    assert_eq!(chaos.body, json!({"rate": 1.0, "seed": 5}));
    assert_eq!(server.chaos_seed(), Some(5));
    server.fail_next(1, 409);
    hammer(&server, 3).await;
    let requests = server.requests();
    assert_eq!(requests[0].fault, Some(Fault::Fail { status: 409 }));
    assert!(!requests[0].chaos, "a queued fault is not chaos");
    assert!(requests[1].chaos && requests[2].chaos);

    let log = Call::new("GET", control_url(&server, "requests"))
        .send()
        .await;
    let rows = log.body["requests"].as_array().unwrap();
    assert_eq!(rows[0]["fault"], json!({"kind": "fail", "status": 409}));
    assert_eq!(rows[0]["chaos"], false);
    assert_eq!(rows[1]["chaos"], true);
    assert!(rows[1]["fault"]["kind"].is_string());

    let shown = Call::new("GET", control_url(&server, "chaos")).send().await;
    assert_eq!(shown.body["seed"], 5);
    let off = Call::new("DELETE", control_url(&server, "chaos"))
        .send()
        .await;
    assert_eq!(off.body, json!({"rate": 0.0, "seed": Value::Null}));
    assert_eq!(
        hammer(&server, 5).await,
        (0..5).map(|_| Seen::Status(200, None)).collect::<Vec<_>>()
    );
    for bad in [r#"{"rate":1.5}"#, r#"{"rate":"often"}"#, r#"{"seed":1}"#] {
        let refused = Call::new("POST", control_url(&server, "chaos"))
            .json(bad)
            .send()
            .await;
        assert_eq!(refused.status, 400, "{bad}");
    }
    let random = Call::new("POST", control_url(&server, "chaos"))
        .json(r#"{"rate":0.5}"#)
        .send()
        .await;
    assert_eq!(random.body["seed"].as_u64(), server.chaos_seed());
}

#[tokio::test]
async fn a_bad_chaos_rate_is_refused_at_start() {
    for rate in [-0.1, 1.01, f64::NAN] {
        let error = MockServer::builder().chaos(rate).start().await.unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{rate}");
    }
}
