//! Trace context with OpenTelemetry: every cStar call carries a W3C `traceparent` injected by
//! `tracing-opentelemetry`, so cStar's side of a request joins the caller's trace.
//!
//! The app sets up an OpenTelemetry tracer provider (no exporter here: add an OTLP one in a real
//! service), a `tracing` subscriber with the OpenTelemetry layer and the W3C TraceContext
//! propagator. The client's `headers_from` hook runs on every attempt inside the SDK's
//! `cstar.request` span, a child of the app's span: it injects that span's context with the
//! global propagator. The program then reads the emulator's request log and exits non-zero
//! unless the request carried the app span's trace id.
//!
//! A project of its own, outside the SDK's workspace, so that the OpenTelemetry crates are not
//! compiled by every workspace test run (`crates/cstar/examples/trace_context.rs` shows the same
//! hook without them). Run it from the repository's root:
//!
//! ```sh
//! cargo run --manifest-path examples/otel/Cargo.toml
//! ```

use std::future::IntoFuture;
use std::process::ExitCode;

use cstar::admin::{CStarClient, CreateTicket};
use cstar::reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use cstar_mock::MockServer;
use opentelemetry::global;
use opentelemetry::propagation::Injector;
use opentelemetry::trace::{TraceContextExt, TraceId, TracerProvider as _};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// Lets the propagator write into the request's headers (what `opentelemetry-http` offers).
struct Headers<'a>(&'a mut HeaderMap);

impl Injector for Headers<'_> {
    fn set(&mut self, key: &str, value: String) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(key), HeaderValue::try_from(value)) {
            self.0.insert(name, value);
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("otel example failed: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), AnyError> {
    let provider = SdkTracerProvider::builder().build();
    global::set_text_map_propagator(TraceContextPropagator::new());
    let layer = tracing_opentelemetry::layer().with_tracer(provider.tracer("cstar-otel-example"));
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))?;

    let emulator = MockServer::start().await?;
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .headers_from(|headers| {
            // The current span is the SDK's `cstar.request`, in the caller's trace.
            let context = tracing::Span::current().context();
            global::get_text_map_propagator(|p| p.inject_context(&context, &mut Headers(headers)));
        })
        .build()?;

    // One unit of the app's work; its trace covers the cStar calls made inside it.
    let app = tracing::info_span!("handle_support_request");
    let trace_id = app.context().span().span_context().trace_id();
    let create = cstar
        .tickets()
        .create(CreateTicket::new("Traced with OpenTelemetry"));
    let ticket = create.into_future().instrument(app).await?;
    println!("created {} in trace {trace_id}", ticket.id);

    let received: Vec<String> = emulator
        .requests()
        .iter()
        .filter_map(|r| r.header("traceparent"))
        .collect();
    let ours = format!("00-{trace_id}-");
    if trace_id == TraceId::INVALID
        || received.is_empty()
        || !received.iter().all(|h| h.starts_with(&ours))
    {
        return Err(format!("expected a traceparent in trace {trace_id}, got {received:?}").into());
    }
    for header in &received {
        println!("cStar received traceparent: {header}");
    }
    provider.shutdown()?;
    Ok(())
}
