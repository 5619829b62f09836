//! Paging: one page with `list`, then every item, lazily, with `list_all` and `StreamExt`.
//!
//! With `CSTAR_SECRET_KEY` and `CSTAR_TEAM_ID` set it reads your team (and changes nothing);
//! without them it starts the embedded emulator with 120 tickets and customers:
//!
//! ```sh
//! cargo run -p cstar-admin --example paging
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;

use cstar_admin::{CStarClient, ListCustomers, ListTickets, Priority};
use cstar_mock::MockServer;
use futures_util::StreamExt;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("paging failed: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn connect() -> Result<(CStarClient, Option<MockServer>), AnyError> {
    if std::env::var("CSTAR_SECRET_KEY").is_ok_and(|k| !k.trim().is_empty()) {
        return Ok((CStarClient::from_env()?, None));
    }
    let emulator = MockServer::builder().seed(120).start().await?;
    println!("No CSTAR_SECRET_KEY set: using the embedded cStar emulator, seeded with 120 tickets");
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .build()?;
    Ok((cstar, Some(emulator)))
}

async fn run() -> Result<(), AnyError> {
    let (cstar, emulator) = connect().await?;
    let requests = || emulator.as_ref().map(|e| e.requests().len());

    // One page, with where it sits.
    let page = cstar
        .customers()
        .list(ListCustomers::new().page_size(25))
        .await?;
    match &page.pagination {
        Some(p) => println!(
            "Customers: page {} of {} holds {} of {} customers",
            p.page,
            p.total_pages.map_or("?".to_owned(), |n| n.to_string()),
            page.data.len(),
            p.total.map_or("?".to_owned(), |n| n.to_string()),
        ),
        None => println!("Customers: one page of {}", page.data.len()),
    }

    // Every ticket, page by page as the stream is read; an error ends the stream as its last item.
    let before = requests();
    let mut tickets = cstar.tickets().list_all(ListTickets::new().page_size(25));
    let mut by_priority: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = 0;
    while let Some(ticket) = tickets.next().await {
        let ticket = ticket?;
        count += 1;
        *by_priority.entry(ticket.priority.to_string()).or_default() += 1;
    }
    let summary: Vec<String> = by_priority
        .iter()
        .map(|(priority, n)| format!("{n} {priority}"))
        .collect();
    println!("Read all {count} tickets: {}", summary.join(", "));
    if let (Some(before), Some(after)) = (before, requests()) {
        println!("  in {} requests of 25 tickets each", after - before);
    }

    // Only what you need: the stream stops fetching when you stop reading.
    let before = requests();
    let urgent: Vec<String> = cstar
        .tickets()
        .list_all(ListTickets::new().priority(Priority::Urgent).page_size(25))
        .take(3)
        .map(|ticket| ticket.map(|t| format!("{} \"{}\"", t.id, t.title)))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    println!("The first {} urgent tickets:", urgent.len());
    for line in &urgent {
        println!("  - {line}");
    }
    if let (Some(before), Some(after)) = (before, requests()) {
        println!("  fetched with {} request", after - before);
    }
    Ok(())
}
