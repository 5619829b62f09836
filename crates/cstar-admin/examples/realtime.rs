//! Realtime events (feature `realtime`): a handler with `on`, a stream with `subscribe`, and a
//! reconnect you can watch: the server goes away, an event is published meanwhile, the client
//! reconnects by itself and delivers that event once.
//!
//! It always runs against the embedded emulator, because it stops and restarts the server:
//!
//! ```sh
//! cargo run -p cstar-admin --example realtime --features realtime
//! ```

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cstar_admin::realtime::RealtimeConfig;
use cstar_admin::{CStarClient, CreateCustomer, CreateTicket, UpdateTicket};
use cstar_core::sse::SseOptions;
use cstar_mock::MockServer;
use futures_util::StreamExt;
use serde_json::json;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// How long any one step may take before the example gives up.
const PATIENCE: Duration = Duration::from_secs(15);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("realtime failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Waits, within [`PATIENCE`], until `done()` holds.
async fn until(what: &str, done: impl Fn() -> bool) -> Result<(), AnyError> {
    tokio::time::timeout(PATIENCE, async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .map_err(|_| format!("gave up waiting until {what}").into())
}

async fn run() -> Result<(), AnyError> {
    let emulator = MockServer::start().await?;
    println!(
        "Using the embedded cStar emulator at {}",
        emulator.base_url()
    );
    // Reconnect quickly, so that the demonstration does not wait out the default backoff.
    let config = RealtimeConfig::default()
        .sse(SseOptions::default().backoff(Duration::from_millis(100), Duration::from_secs(1)));
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .realtime(config)
        .build()?;
    let realtime = cstar.realtime();

    let connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connections);
    let _connection = realtime.on_connection_change(move |up| {
        if up {
            counter.fetch_add(1, Ordering::SeqCst);
            println!("[connection] open");
        } else {
            println!("[connection] lost: reconnecting");
        }
    });
    let _errors = realtime.on_error(|error| println!("[error] {error}"));

    // A handler: called for each matching event, in order, on a task of its own.
    let ticket_events = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&ticket_events);
    let _tickets = realtime.on("ticket.*", move |event| {
        let title = event.data["ticket"]["title"].as_str().unwrap_or("?");
        println!(
            "[on ticket.*] {} {} \"{title}\"",
            event.event_type, event.id
        );
        seen.fetch_add(1, Ordering::SeqCst);
    });
    // A stream: for async work per event.
    let mut customers = realtime.subscribe("customer.*");
    until("the connection is open", || realtime.is_connected()).await?;

    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Printer on fire"))
        .await?;
    cstar
        .tickets()
        .update(
            &ticket.id,
            UpdateTicket::patch().title("Printer on fire, again"),
        )
        .await?;
    until("two ticket events arrived", || {
        ticket_events.load(Ordering::SeqCst) == 2
    })
    .await?;

    cstar
        .customers()
        .create(CreateCustomer::new("Ada Lovelace", "ada@example.com"))
        .await?;
    let event = tokio::time::timeout(PATIENCE, customers.next())
        .await
        .map_err(|_| "no customer event in time")?
        .ok_or("the customer stream ended")?;
    println!("[subscribe customer.*] {} {}", event.event_type, event.id);

    // The server goes away; meanwhile another process changes a ticket.
    println!("Stopping the server...");
    emulator.shutdown().await;
    emulator.publish_event(
        "ticket.updated",
        json!({ "ticket": { "id": ticket.id.as_str(), "title": "Changed while you were away" } }),
    );
    println!("Starting it again...");
    emulator.start_again().await?;
    until("the client reconnected", || {
        connections.load(Ordering::SeqCst) >= 2
    })
    .await?;
    until("the event published while down arrived", || {
        ticket_events.load(Ordering::SeqCst) == 3
    })
    .await?;
    println!(
        "Reconnected and caught up: {} ticket events, each once",
        ticket_events.load(Ordering::SeqCst)
    );
    Ok(())
}
