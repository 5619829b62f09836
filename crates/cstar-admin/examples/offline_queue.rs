//! The offline queue (feature `offline`): mutations made while cStar cannot be reached are kept,
//! in order, with their idempotency keys, and sent once it answers again.
//!
//! It always runs against the embedded emulator, because it stops and restarts the server:
//!
//! ```sh
//! cargo run -p cstar-admin --example offline_queue --features offline
//! ```
//!
//! `MemoryStore` keeps the queue across outages; `RedbStore::open(path)?` keeps it across
//! crashes and restarts of your program too.

use std::process::ExitCode;
use std::time::Duration;

use cstar_admin::offline::{FlushOutcome, FlushResult, MemoryStore};
use cstar_admin::{CStarClient, CreateMessage, CreateTicket, Error, ListTickets};
use cstar_mock::MockServer;
use futures_util::TryStreamExt;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("offline_queue failed: {err}");
            ExitCode::FAILURE
        }
    }
}

fn print_outcomes(outcomes: &[FlushOutcome]) {
    for outcome in outcomes {
        let what = match &outcome.result {
            FlushResult::Applied { status, replayed } => {
                format!(
                    "applied ({status}{})",
                    if *replayed { ", a replay" } else { "" }
                )
            }
            FlushResult::Rejected(error) => format!("refused and removed: {error}"),
            FlushResult::Kept(error) => format!("kept, still unreachable: {error}"),
            FlushResult::Waiting => "kept, waiting behind the one before".to_owned(),
            _ => "another outcome".to_owned(),
        };
        let item = &outcome.item;
        println!("  {} {} {}: {what}", item.id, item.method, item.template);
    }
}

async fn run() -> Result<(), AnyError> {
    let emulator = MockServer::start().await?;
    println!(
        "Using the embedded cStar emulator at {}",
        emulator.base_url()
    );
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .offline(MemoryStore::new())
        // The queue flushes itself once a probe finds the API back (every 15 s by default);
        // here we flush by hand to print each outcome.
        .offline_probe_interval(Duration::from_secs(3600))
        // No retries: each call is queued at once instead of after 3.5 s of backoff.
        .max_retries(0)
        .build()?;
    let queue = cstar.offline_queue().ok_or("built with a store")?;

    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Offline: first, while up"))
        .await?;
    println!("Created {} while cStar was up", ticket.id);

    emulator.shutdown().await;
    println!("\ncStar is down now.");
    for title in ["Offline: second, while down", "Offline: third, while down"] {
        match cstar.tickets().create(CreateTicket::new(title)).await {
            Err(Error::Queued { item, .. }) => println!(
                "Queued  {} {} {} with idempotency key {}",
                item.id, item.method, item.template, item.idempotency_key
            ),
            other => return Err(format!("expected the create to be queued, got {other:?}").into()),
        }
    }
    match cstar
        .tickets()
        .messages(&ticket.id)
        .create(CreateMessage::new("Written while down"))
        .await
    {
        Err(Error::Queued { item, .. }) => {
            println!("Queued  {} {} {}", item.id, item.method, item.template);
        }
        other => return Err(format!("expected the message to be queued, got {other:?}").into()),
    }
    match cstar.tickets().get(&ticket.id).await {
        Err(error @ Error::Network { .. }) => println!("Reads are not queued: {error}"),
        other => return Err(format!("expected a network error, got {other:?}").into()),
    }

    println!("\nFlushing while still down ({} waiting):", queue.len()?);
    print_outcomes(&queue.flush().await?);

    emulator.start_again().await?;
    println!("\ncStar is back. Flushing:");
    print_outcomes(&queue.flush().await?);
    if !queue.is_empty()? {
        return Err("the queue should be empty after the API answered".into());
    }

    let titles: Vec<String> = cstar
        .tickets()
        .list_all(ListTickets::new().search("Offline:"))
        .map_ok(|t| t.title)
        .try_collect()
        .await?;
    println!("\nTickets now (newest first), each once:");
    for title in titles {
        println!("  - {title}");
    }
    Ok(())
}
