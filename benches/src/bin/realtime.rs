//! Realtime delivery: from an API mutation (`tickets().create`) to the `realtime().on(...)`
//! handler of the same client, over the emulator's SSE stream on loopback. Writes
//! `target/bench/realtime.md`: latency percentiles of one mutation at a time, and the delivery
//! rate when many mutations are in flight. Exits non-zero if any event is lost or repeated
//! (there is no speed target in the issue; the figures are recorded so changes show).

#![allow(
    clippy::expect_used,
    clippy::cast_precision_loss,
    reason = "a benchmark program: a failed setup should stop the run loudly"
)]

use std::collections::HashSet;
use std::time::{Duration, Instant};

use cstar_admin::{CStarClient, CreateTicket};
use cstar_benches::{Report, emulator};
use futures_util::StreamExt;
use tokio::sync::mpsc;

const LATENCY_SAMPLES: usize = 2_000;
const BURST: usize = 5_000;
const CONCURRENCY: usize = 16;

#[tokio::main(worker_threads = 2)]
async fn main() -> std::process::ExitCode {
    let server = emulator::start_detached();
    let cstar = CStarClient::builder()
        .api_key(&server.secret_key)
        .team_id(&server.team_id)
        .base_url(&server.base_url)
        .build()
        .expect("client");
    let realtime = cstar.realtime();
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(String, Instant)>();
    let _subscription = realtime.on("ticket.created", move |event| {
        let title = event.data["ticket"]["title"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let _ = arrived.send((title, Instant::now()));
    });
    while !realtime.is_connected() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // Latency: one mutation at a time, timed from the call to the handler.
    let mut latencies = Vec::with_capacity(LATENCY_SAMPLES);
    for n in 0..LATENCY_SAMPLES {
        let title = format!("latency {n}");
        let sent = Instant::now();
        cstar
            .tickets()
            .create(CreateTicket::new(title.clone()))
            .await
            .expect("create");
        let (got, at) = arrivals.recv().await.expect("an event");
        assert_eq!(got, title, "events arrive in order");
        latencies.push(at - sent);
    }
    latencies.sort();
    let percentile = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize];

    // Rate: many mutations in flight; every event must arrive exactly once.
    let started = Instant::now();
    let titles: Vec<String> = (0..BURST).map(|n| format!("burst {n}")).collect();
    futures_util::stream::iter(titles.iter().cloned())
        .for_each_concurrent(CONCURRENCY, |title| {
            let cstar = cstar.clone();
            async move {
                cstar
                    .tickets()
                    .create(CreateTicket::new(title))
                    .await
                    .expect("create");
            }
        })
        .await;
    let mutations_done = started.elapsed();
    let mut seen = HashSet::with_capacity(BURST);
    let mut repeated = 0usize;
    while seen.len() < BURST {
        let next = tokio::time::timeout(Duration::from_secs(10), arrivals.recv()).await;
        let Ok(Some((title, _))) = next else {
            break;
        };
        if !seen.insert(title) {
            repeated += 1;
        }
    }
    let delivered = started.elapsed();
    let lost = BURST - seen.len();

    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1e3);
    let mut report = Report::new("realtime", "Realtime delivery: API mutation to handler");
    report.row(&[
        ("figure", "latency p50".to_owned()),
        ("value", ms(percentile(0.50))),
    ]);
    report.row(&[
        ("figure", "latency p99".to_owned()),
        ("value", ms(percentile(0.99))),
    ]);
    report.row(&[
        ("figure", "latency max".to_owned()),
        ("value", ms(percentile(1.0))),
    ]);
    report.row(&[
        (
            "figure",
            format!("delivery rate ({BURST} creates, {CONCURRENCY} in flight)"),
        ),
        (
            "value",
            format!("{:.0} events/s", BURST as f64 / delivered.as_secs_f64()),
        ),
    ]);
    report.row(&[
        ("figure", "mutation rate in that burst".to_owned()),
        (
            "value",
            format!(
                "{:.0} creates/s",
                BURST as f64 / mutations_done.as_secs_f64()
            ),
        ),
    ]);
    report.row(&[
        ("figure", "events lost / repeated".to_owned()),
        ("value", format!("{lost} / {repeated}")),
    ]);
    report.note(&format!(
        "{LATENCY_SAMPLES} sequential samples (create, then wait for its event); release build; \
         2 tokio workers; the emulator runs on its own runtime thread on the same machine, so \
         latency includes its work (store, log, SSE framing) and the client's (parse, decode, \
         dispatch to the handler task)."
    ));
    report.finish(lost > 0 || repeated > 0)
}
