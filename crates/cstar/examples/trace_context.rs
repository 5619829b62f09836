//! Trace context: every call carries a W3C `traceparent` from the caller's current trace, set
//! by `headers_from`, a hook the client runs on each attempt inside its `cstar.request` span.
//!
//! The SDK depends on no OpenTelemetry version: the hook reads the context with whatever the
//! app uses. With `tracing-opentelemetry` it is one line, injecting the current span's context
//! with the app's own propagator:
//!
//! ```ignore
//! .headers_from(|headers| {
//!     let context = tracing::Span::current().context();
//!     opentelemetry::global::get_text_map_propagator(|propagator| {
//!         propagator.inject_context(&context, &mut opentelemetry_http::HeaderInjector(headers))
//!     });
//! })
//! ```
//!
//! That pipeline, complete and checked, is the project `examples/otel` at the repository's root
//! (`cargo run --manifest-path examples/otel/Cargo.toml`), kept outside the workspace.
//! This example keeps its trace in a task-local instead and writes the header by hand, so that
//! it runs without an OpenTelemetry pipeline: the OpenTelemetry crates (opentelemetry,
//! opentelemetry_sdk, tracing-opentelemetry: some thirty crates, and a new breaking version
//! every few months) would otherwise be compiled by every `cargo test -p cstar`, for an
//! example. It starts the embedded emulator and shows the `traceparent` each attempt carried,
//! read back from the emulator's request log:
//!
//! ```sh
//! cargo run -p cstar --example trace_context --features admin
//! ```

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::process::ExitCode;

use cstar::admin::{CStarClient, CreateTicket, RetryPolicy};
use cstar::reqwest::header::HeaderValue;
use cstar_mock::MockServer;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// The trace an incoming request of your service belongs to (what a tracing layer would keep).
#[derive(Clone, Copy)]
struct Trace {
    trace_id: u128,
    sampled: bool,
}

tokio::task_local! {
    static CURRENT: Trace;
}

/// 64 random bits from the standard library's hasher seeds (no `rand` needed for an example).
fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0);
    hasher.finish()
}

/// `00-<trace id>-<a new span id>-<flags>`, for the trace the current task belongs to.
fn traceparent() -> Option<String> {
    let trace = CURRENT.try_with(|t| *t).ok()?;
    let flags = if trace.sampled { "01" } else { "00" };
    Some(format!(
        "00-{:032x}-{:016x}-{flags}",
        trace.trace_id,
        random_u64()
    ))
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("trace_context failed: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), AnyError> {
    let emulator = MockServer::start().await?;
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .retry_policy(RetryPolicy::for_tests())
        // Run on every attempt (a retry gets a span id of its own), inside `cstar.request`.
        .headers_from(|headers| {
            if let Some(value) = traceparent().and_then(|t| HeaderValue::try_from(t).ok()) {
                headers.insert("traceparent", value);
            }
        })
        .build()?;

    // One incoming request of your service: its trace covers the cStar calls it makes.
    let trace = Trace {
        trace_id: u128::from(random_u64()) << 64 | u128::from(random_u64()),
        sampled: true,
    };
    // The first attempt fails (503), so the call is retried: both attempts carry the trace.
    emulator.fail_next(1, 503);
    let ticket = CURRENT
        .scope(trace, async {
            cstar
                .tickets()
                .create(CreateTicket::new("Traced from end to end"))
                .await
        })
        .await?;
    println!("created {} in trace {:032x}", ticket.id, trace.trace_id);

    let received: Vec<String> = emulator
        .requests()
        .iter()
        .filter_map(|r| r.header("traceparent"))
        .collect();
    for header in &received {
        println!("cStar received traceparent: {header}");
    }
    let ours = format!("00-{:032x}-", trace.trace_id);
    if received.len() != 2 || !received.iter().all(|h| h.starts_with(&ours)) {
        return Err(format!("expected two attempts in trace {ours}, got {received:?}").into());
    }
    Ok(())
}
