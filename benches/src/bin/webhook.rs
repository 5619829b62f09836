//! Webhook verification throughput: `Verifier::verify_at` against a bare ring HMAC-SHA256 of the
//! same bytes (`"{t}.{body}"`), for a 1 KiB and a 64 KiB body. Writes `target/bench/webhook.md`;
//! exits non-zero when verification costs 1.2 times the bare HMAC or more.
//!
//! Alternating rounds, best of each side, as the machine is shared. The verifier's extra work is
//! parsing the header, the time-window check and the constant-time compare: the HMAC dominates.

#![allow(
    clippy::expect_used,
    clippy::cast_precision_loss,
    reason = "a benchmark program: a failed setup should stop the run loudly"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cstar_benches::Report;
use cstar_webhook::{Verifier, sign};
use ring::hmac;

const SECRET: &str = "whsec_bench_secret_0123456789abcdefghij";
const T: i64 = 1_800_000_000;
const ROUNDS: usize = 7;
const MAX_RATIO: f64 = 1.2;

fn time(iterations: usize, mut work: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..iterations {
        work();
    }
    started.elapsed()
}

fn main() -> std::process::ExitCode {
    let verifier = Verifier::new(SECRET).expect("secret");
    let key = hmac::Key::new(hmac::HMAC_SHA256, SECRET.as_bytes());
    let mut report = Report::new(
        "webhook",
        "Webhook verification vs a bare ring HMAC of the same bytes",
    );
    let mut failed = false;
    for (label, size, iterations) in [
        ("1 KiB", 1024usize, 100_000usize),
        ("64 KiB", 64 * 1024, 2_000),
    ] {
        let body: Vec<u8> = (0..size).map(|i| b'a' + (i % 26) as u8).collect();
        let header = sign(&body, SECRET, T);
        let t_text = T.to_string();
        let verify = || {
            black_box(verifier.verify_at(black_box(&body), black_box(&header), T)).expect("valid");
        };
        let bare = || {
            let mut context = hmac::Context::with_key(&key);
            context.update(black_box(t_text.as_bytes()));
            context.update(b".");
            context.update(black_box(&body));
            black_box(context.sign());
        };
        time(iterations / 10, verify);
        time(iterations / 10, bare);
        let (mut best_verify, mut best_bare) = (Duration::MAX, Duration::MAX);
        for _ in 0..ROUNDS {
            best_verify = best_verify.min(time(iterations, verify));
            best_bare = best_bare.min(time(iterations, bare));
        }
        let per_verify = best_verify.as_secs_f64() / iterations as f64;
        let per_bare = best_bare.as_secs_f64() / iterations as f64;
        let ratio = per_verify / per_bare;
        failed |= ratio >= MAX_RATIO;
        let mib = |per: f64| size as f64 / per / (1024.0 * 1024.0);
        report.row(&[
            ("body", label.to_owned()),
            ("verify ops/s", format!("{:.0}", 1.0 / per_verify)),
            ("verify MiB/s", format!("{:.0}", mib(per_verify))),
            ("bare HMAC ops/s", format!("{:.0}", 1.0 / per_bare)),
            ("bare MiB/s", format!("{:.0}", mib(per_bare))),
            ("verify / bare time", format!("{ratio:.3}")),
            ("target", format!("< {MAX_RATIO}")),
        ]);
    }
    report.note(&format!(
        "Best of {ROUNDS} alternating rounds per side; release build; one thread."
    ));
    report.finish(failed)
}
