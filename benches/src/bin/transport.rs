//! Transport overhead: `tickets().get` through cstar-admin against the same request made with a
//! bare reqwest client and decoded into the same type, sequentially and concurrently, against the
//! in-process emulator. Writes `target/bench/transport.md`; exits non-zero when the SDK's
//! throughput falls below 90% of bare reqwest's.
//!
//! Both send the same headers and both set the same 30 s per-request timeout (the SDK's default,
//! which arms a timer per request), so the emulator does the same work for each and the contract
//! is the same; what differs is the client-side cost of the SDK (request description, retry
//! loop, span, envelope decoding and Meta).
//!
//! Rounds alternate SDK and bare so that drift on a shared machine hits both alike; each side's
//! best round is compared, which measures what the code costs rather than the machine's noise.

#![allow(
    clippy::expect_used,
    clippy::cast_precision_loss,
    reason = "a benchmark program: a failed setup should stop the run loudly"
)]

use std::time::{Duration, Instant};

use cstar_admin::{CStarClient, CreateTicket, Ticket};
use cstar_benches::{Report, emulator};
use futures_util::StreamExt;
use serde::Deserialize;

const SEQUENTIAL: usize = 2_000;
const CONCURRENT: usize = 4_000;
const CONCURRENCY: usize = 16;
const ROUNDS: usize = 7;
const MIN_RATIO: f64 = 0.90;

#[derive(Deserialize)]
struct Envelope {
    data: Ticket,
}

#[derive(Clone)]
struct Bare {
    http: reqwest::Client,
    url: String,
    auth: String,
}

impl Bare {
    async fn get(&self) -> Ticket {
        let response = self
            .http
            .get(&self.url)
            .header("authorization", &self.auth)
            .header("user-agent", cstar_core::USER_AGENT)
            .header("accept", "application/json")
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .expect("bare request");
        let body = response.bytes().await.expect("bare body");
        serde_json::from_slice::<Envelope>(&body)
            .expect("bare decode")
            .data
    }
}

async fn time<F, Fut>(count: usize, concurrency: usize, call: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let started = Instant::now();
    if concurrency <= 1 {
        for _ in 0..count {
            call().await;
        }
    } else {
        futures_util::stream::iter(0..count)
            .map(|_| call())
            .buffer_unordered(concurrency)
            .for_each(|()| async {})
            .await;
    }
    started.elapsed()
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    let server = emulator::start_detached();
    let cstar = CStarClient::builder()
        .api_key(&server.secret_key)
        .team_id(&server.team_id)
        .base_url(&server.base_url)
        .build()
        .expect("client");
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Benchmark"))
        .await
        .expect("create");
    let bare = Bare {
        // Same TLS setup as the SDK's own client; a bare Client::new() has no rustls provider.
        http: cstar_core::http_client_builder()
            .expect("TLS config")
            .build()
            .expect("bare client"),
        url: format!(
            "{}/api/v1/teams/{}/tickets/{}",
            server.base_url, server.team_id, ticket.id
        ),
        auth: format!("Bearer {}", server.secret_key),
    };
    let sdk_get = || {
        let cstar = cstar.clone();
        let id = ticket.id.clone();
        async move {
            let t = cstar.tickets().get(&id).await.expect("sdk get");
            std::hint::black_box(t);
        }
    };
    let bare_get = || {
        let bare = bare.clone();
        async move {
            std::hint::black_box(bare.get().await);
        }
    };

    // Warm both connection pools and the emulator.
    time(200, 1, &sdk_get).await;
    time(200, 1, &bare_get).await;

    let mut report = Report::new(
        "transport",
        "SDK `tickets().get` vs bare reqwest + serde, same emulator, loopback",
    );
    let mut failed = false;
    for (label, count, concurrency) in [
        ("sequential", SEQUENTIAL, 1),
        ("concurrent (16 in flight)", CONCURRENT, CONCURRENCY),
    ] {
        let (mut best_sdk, mut best_bare) = (Duration::MAX, Duration::MAX);
        for _ in 0..ROUNDS {
            best_sdk = best_sdk.min(time(count, concurrency, &sdk_get).await);
            best_bare = best_bare.min(time(count, concurrency, &bare_get).await);
        }
        let sdk = per_second(count, best_sdk);
        let bare = per_second(count, best_bare);
        let ratio = sdk / bare;
        failed |= ratio < MIN_RATIO;
        report.row(&[
            ("case", label.to_owned()),
            ("requests", count.to_string()),
            ("SDK req/s", format!("{sdk:.0}")),
            ("bare req/s", format!("{bare:.0}")),
            ("SDK / bare", format!("{ratio:.3}")),
            ("target", format!(">= {MIN_RATIO:.2}")),
        ]);
    }
    report.note(&format!(
        "Best of {ROUNDS} alternating rounds per side; release build; 2 tokio workers; the emulator runs on its own runtime thread."
    ));
    report.finish(failed)
}
