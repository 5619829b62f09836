//! The load generator of `cargo xtask bench events`: sends distinct signed events, a share of
//! them twice (half of those at the same moment, half later), and retries every delivery until
//! a 2xx, as cStar does. Prints progress lines (`progress <percent>`) and one result line.
//!
//! ```sh
//! cargo run --release -p cstar-events --features axum --example bench_sender -- \
//!     --url http://127.0.0.1:8080/webhooks/cstar --secret whsec_... --events 100000 \
//!     [--duplicates 0.2] [--concurrency 64] [--run-id r1]
//! ```
//!
//! Without arguments it checks itself against an in-process receiver on the memory store.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use cstar_events::MemoryStore;
use cstar_events::axum::receiver;
use cstar_webhook::Verifier;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

type Http = Client<HttpConnector, Full<Bytes>>;

struct Options {
    url: String,
    secret: String,
    events: u64,
    duplicates: f64,
    concurrency: usize,
    run_id: String,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        url: String::new(),
        secret: String::new(),
        events: 0,
        duplicates: 0.2,
        concurrency: 64,
        run_id: format!("{}", std::process::id()),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--url" => options.url = value,
            "--secret" => options.secret = value,
            "--events" => options.events = value.parse().map_err(|e| bad(&e))?,
            "--duplicates" => options.duplicates = value.parse().map_err(|e| bad(&e))?,
            "--concurrency" => options.concurrency = value.parse().map_err(|e| bad(&e))?,
            "--run-id" => options.run_id = value,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// One unit of work: an event delivered once, or twice at the same moment.
#[derive(Clone, Copy)]
enum Job {
    Once(u64),
    Concurrent(u64),
}

/// xorshift64*: a fixed, dependency-free shuffle, the same plan for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The plan: every event once, a share twice (even ids of the share at once, odd ones later,
/// after the first delivery), shuffled.
fn plan(events: u64, duplicates: f64) -> Vec<Job> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let duplicated = ((events as f64) * duplicates).round() as u64;
    let mut first: Vec<Job> = (0..events)
        .map(|i| {
            if i < duplicated && i % 2 == 0 {
                Job::Concurrent(i)
            } else {
                Job::Once(i)
            }
        })
        .collect();
    for i in (1..first.len()).rev() {
        first.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut later: Vec<Job> = (0..duplicated)
        .filter(|i| i % 2 == 1)
        .map(Job::Once)
        .collect();
    for i in (1..later.len()).rev() {
        later.swap(i, rng.below(i as u64 + 1) as usize);
    }
    first.extend(later);
    first
}

#[derive(Default)]
struct Stats {
    attempts: AtomicU64,
    non_2xx: AtomicU64,
    transport_errors: AtomicU64,
    latencies_us: Mutex<Vec<u64>>,
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Delivers one event until a 2xx; a fresh signature per attempt, as cStar signs each attempt.
async fn deliver(http: &Http, options: &Options, stats: &Stats, event: u64) {
    let body = format!(
        r#"{{"id":"evt_{}_{event}","type":"ticket.created","created_at":"2026-11-25T10:00:00Z","team_id":"team_bench","data":{{"ticket":{{"id":"tkt_{event}","title":"bench"}}}}}}"#,
        options.run_id
    );
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        stats.attempts.fetch_add(1, Ordering::Relaxed);
        let signature = cstar_webhook::sign(body.as_bytes(), &options.secret, now_secs());
        let request = hyper::Request::post(&options.url)
            .header("content-type", "application/json")
            .header(cstar_webhook::headers::SIGNATURE, signature)
            .header(
                cstar_webhook::headers::DELIVERY_ATTEMPT,
                attempt.to_string(),
            )
            .body(Full::new(Bytes::from(body.clone())));
        let status = match request {
            Ok(request) => http.request(request).await.map(|r| r.status().as_u16()),
            Err(_) => return,
        };
        match status {
            Ok(s) if (200..300).contains(&s) => break,
            Ok(_) => stats.non_2xx.fetch_add(1, Ordering::Relaxed),
            Err(_) => stats.transport_errors.fetch_add(1, Ordering::Relaxed),
        };
        // cStar waits minutes between attempts; the benchmark compresses the schedule.
        tokio::time::sleep(Duration::from_millis(u64::from(attempt.min(10)) * 20)).await;
    }
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    if let Ok(mut latencies) = stats.latencies_us.lock() {
        latencies.push(micros);
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index.min(sorted.len() - 1)] as f64 / 1000.0
}

/// Sends the whole plan; returns the result line.
async fn run(options: Arc<Options>) -> String {
    let jobs = plan(options.events, options.duplicates);
    let total_jobs = jobs.len();
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let stats = Arc::new(Stats::default());
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(options.concurrency)
        .build_http();
    let done_jobs = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..options.concurrency {
        let (queue, stats, http, options, done_jobs) = (
            Arc::clone(&queue),
            Arc::clone(&stats),
            http.clone(),
            Arc::clone(&options),
            Arc::clone(&done_jobs),
        );
        workers.push(tokio::spawn(async move {
            loop {
                let job = queue.lock().ok().and_then(|mut q| q.pop_front());
                match job {
                    None => break,
                    Some(Job::Once(event)) => deliver(&http, &options, &stats, event).await,
                    Some(Job::Concurrent(event)) => {
                        tokio::join!(
                            deliver(&http, &options, &stats, event),
                            deliver(&http, &options, &stats, event)
                        );
                    }
                }
                let done = done_jobs.fetch_add(1, Ordering::Relaxed) + 1;
                let step = (total_jobs as u64 / 100).max(1);
                if done % step == 0 {
                    println!("progress {}", done * 100 / total_jobs as u64);
                }
            }
        }));
    }
    for worker in workers {
        let _ = worker.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut latencies = stats
        .latencies_us
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default();
    latencies.sort_unstable();
    format!(
        "result deliveries={} attempts={} non_2xx={} transport_errors={} seconds={seconds:.2} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} deliveries_per_s={:.0}",
        latencies.len(),
        stats.attempts.load(Ordering::Relaxed),
        stats.non_2xx.load(Ordering::Relaxed),
        stats.transport_errors.load(Ordering::Relaxed),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        latencies.len() as f64 / seconds.max(1e-9),
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().len() == 1 {
        return self_check().await;
    }
    let options = options()?;
    if options.url.is_empty() || options.secret.is_empty() || options.events == 0 {
        return Err("--url, --secret and --events are required".into());
    }
    println!("{}", run(Arc::new(options)).await);
    Ok(())
}

/// Without arguments: 200 events (20% duplicated) to an in-process receiver on the memory
/// store; every event handled once.
async fn self_check() -> Result<(), Box<dyn std::error::Error>> {
    const SECRET: &str = "whsec_bench_self_check_0123456789abcd";
    let store = MemoryStore::new();
    let route = receiver(Verifier::new(SECRET)?, store.clone(), |_event, _claim| {
        Box::pin(async { Ok::<_, std::io::Error>(()) })
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/cstar", listener.local_addr()?);
    tokio::spawn(
        axum::serve(listener, Router::new().route("/webhooks/cstar", route)).into_future(),
    );
    let options = Options {
        url,
        secret: SECRET.to_owned(),
        events: 200,
        duplicates: 0.2,
        concurrency: 8,
        run_id: "self_check".to_owned(),
    };
    let result = run(Arc::new(options)).await;
    println!("{result}");
    if !result.contains("deliveries=240 ") || store.len() != 200 {
        return Err(format!(
            "expected 240 deliveries of 200 events, {} handled",
            store.len()
        )
        .into());
    }
    Ok(())
}
