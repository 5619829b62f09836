//! Transport overhead: `tickets().get` through cstar-admin against the same request made with a
//! bare reqwest client and decoded into the same type, sequentially and concurrently, against the
//! in-process emulator. Writes `target/bench/transport.md`; exits non-zero when the SDK's
//! throughput falls below 95% of bare reqwest's.
//!
//! Both send the same headers and both set the same 30 s per-request timeout (the SDK's default,
//! which arms a timer per request), so the emulator does the same work for each and the contract
//! is the same; what differs is the client-side cost of the SDK (request description, retry
//! loop, span, envelope decoding and Meta).
//!
//! A shared two-core machine drifts by more than the difference measured here, so one long run
//! per side says little. The run is many short rounds in pairs, one SDK round next to one bare
//! round (which goes first alternates), and the figure is the median of the pairs' ratios: drift
//! hits both halves of a pair alike, and a pair hit by a burst of noise is an outlier the median
//! ignores. A control measured the same way, bare reqwest against a second bare client, shows
//! how far from 1.0 a ratio strays on this machine when nothing differs.

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

/// Calls per round, sequential and concurrent.
const SEQUENTIAL: usize = 250;
const CONCURRENT: usize = 500;
const CONCURRENCY: usize = 16;
/// Pairs of rounds per case (odd, so the median is one pair's).
const PAIRS: usize = 81;
const MIN_RATIO: f64 = 0.95;

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

/// Runs one round in a task of its own, as an app's calls run (in a handler, on a worker), not
/// on the thread that blocks on `main`, and times it.
async fn time<F, Fut>(count: usize, concurrency: usize, call: &F) -> Duration
where
    F: Fn() -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let call = call.clone();
    let round = tokio::spawn(async move {
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
    });
    round.await.expect("a round of calls")
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The median of the pairs' `b / a` time ratios: `a`'s throughput relative to `b`'s.
fn median_ratio(pairs: &[(Duration, Duration)]) -> f64 {
    median(pairs.iter().map(|(a, b)| b.as_secs_f64() / a.as_secs_f64()))
}

fn median_duration(values: impl Iterator<Item = Duration>) -> Duration {
    Duration::from_secs_f64(median(values.map(|d| d.as_secs_f64())))
}

/// `PAIRS` pairs of rounds, one of `a` and one of `b` each, which goes first alternating:
/// `(a's time, b's time)` per pair.
async fn pairs<A, FutA, B, FutB>(
    count: usize,
    concurrency: usize,
    a: &A,
    b: &B,
) -> Vec<(Duration, Duration)>
where
    A: Fn() -> FutA + Clone + Send + Sync + 'static,
    FutA: std::future::Future<Output = ()> + Send + 'static,
    B: Fn() -> FutB + Clone + Send + Sync + 'static,
    FutB: std::future::Future<Output = ()> + Send + 'static,
{
    let mut pairs = Vec::with_capacity(PAIRS);
    for pair in 0..PAIRS {
        pairs.push(if pair % 2 == 0 {
            let a = time(count, concurrency, a).await;
            (a, time(count, concurrency, b).await)
        } else {
            let b = time(count, concurrency, b).await;
            (time(count, concurrency, a).await, b)
        });
    }
    pairs
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
    let other_bare = Bare {
        http: cstar_core::http_client_builder()
            .expect("TLS config")
            .build()
            .expect("second bare client"),
        ..bare.clone()
    };
    let sdk_get = move || {
        let cstar = cstar.clone();
        let id = ticket.id.clone();
        async move {
            let t = cstar.tickets().get(&id).await.expect("sdk get");
            std::hint::black_box(t);
        }
    };
    let bare_get = move || {
        let bare = bare.clone();
        async move {
            std::hint::black_box(bare.get().await);
        }
    };
    let other_bare_get = move || {
        let bare = other_bare.clone();
        async move {
            std::hint::black_box(bare.get().await);
        }
    };

    // Warm the connection pools and the emulator.
    time(200, 1, &sdk_get).await;
    time(200, 1, &bare_get).await;
    time(200, 1, &other_bare_get).await;

    let mut report = Report::new(
        "transport",
        "SDK `tickets().get` vs bare reqwest + serde, same emulator, loopback",
    );
    let mut failed = false;
    let mut control = Vec::new();
    for (label, count, concurrency) in [
        ("sequential", SEQUENTIAL, 1),
        ("concurrent (16 in flight)", CONCURRENT, CONCURRENCY),
    ] {
        let timed = pairs(count, concurrency, &sdk_get, &bare_get).await;
        let ratio = median_ratio(&timed);
        let sdk = per_second(count, median_duration(timed.iter().map(|(sdk, _)| *sdk)));
        let bare = per_second(count, median_duration(timed.iter().map(|(_, bare)| *bare)));
        failed |= ratio < MIN_RATIO;
        report.row(&[
            ("case", label.to_owned()),
            ("calls per round", count.to_string()),
            ("SDK req/s (median)", format!("{sdk:.0}")),
            ("bare req/s (median)", format!("{bare:.0}")),
            ("SDK / bare (median of pairs)", format!("{ratio:.3}")),
            ("target", format!(">= {MIN_RATIO:.2}")),
        ]);
        let same = median_ratio(&pairs(count, concurrency, &other_bare_get, &bare_get).await);
        control.push(format!("{same:.3} {label}"));
    }
    report.note(&format!(
        "Control, measured the same way with a second bare client in the SDK's place: {}.",
        control.join(", ")
    ));
    report.note(&format!(
        "{PAIRS} pairs of rounds per case, one SDK and one bare round each, which goes first alternating; the ratio is the median of the pairs' ratios; release build; 2 tokio workers; the emulator runs on a runtime thread of its own."
    ));
    report.finish(failed)
}
