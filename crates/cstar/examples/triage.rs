//! A triage job: every open ticket, across all pages (`list_all`), sorted by a few rules
//! (billing words → high priority and a `billing` tag, outage words → urgent), with a count of
//! what changed.
//!
//! Against the embedded emulator, with its defaults (no key, no environment), on tickets it
//! creates first:
//!
//! ```sh
//! cargo run -p cstar --example triage
//! ```
//!
//! With `CSTAR_SECRET_KEY` and `CSTAR_TEAM_ID` set it reads your real open tickets and only
//! prints what it would change; add `-- --apply` to change them.

use std::process::ExitCode;

use cstar::admin::{
    CStarClient, CreateTicket, ListTickets, Priority, Ticket, TicketStatus, UpdateTicket,
};
use cstar_mock::MockServer;
use futures_util::StreamExt;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// What the rules make of a ticket: its new priority and an extra tag, if any.
fn rule(ticket: &Ticket) -> Option<(Priority, Option<&'static str>)> {
    let title = ticket.title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(&["outage", "down", "cannot log in"]) && ticket.priority != Priority::Urgent {
        Some((Priority::Urgent, None))
    } else if has(&["refund", "charged", "invoice"]) && !ticket.tags.iter().any(|t| t == "billing")
    {
        Some((Priority::High, Some("billing")))
    } else {
        None
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("triage failed: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), AnyError> {
    let apply_flag = std::env::args().any(|a| a == "--apply");
    let (cstar, emulator) = if std::env::var("CSTAR_SECRET_KEY").is_ok_and(|k| !k.trim().is_empty())
    {
        (CStarClient::from_env()?, None)
    } else {
        let emulator = MockServer::start().await?;
        let cstar = CStarClient::builder()
            .api_key(emulator.secret_key())
            .team_id(emulator.team_id())
            .base_url(emulator.base_url())
            .build()?;
        seed(&cstar).await?;
        (cstar, Some(emulator))
    };
    // Real tickets change only when asked; the emulator's are there to be changed.
    let apply = apply_flag || emulator.is_some();

    // Every open ticket, page after page, fetched as the loop reads them.
    let mut open = cstar
        .tickets()
        .list_all(ListTickets::new().status(TicketStatus::Open).page_size(10));
    let (mut seen, mut changed) = (0usize, 0usize);
    while let Some(ticket) = open.next().await {
        let ticket = ticket?;
        seen += 1;
        let Some((priority, tag)) = rule(&ticket) else {
            continue;
        };
        println!(
            "{} \"{}\": {} -> {priority}{}",
            ticket.id,
            ticket.title,
            ticket.priority,
            tag.map(|t| format!(", tag {t}")).unwrap_or_default()
        );
        if apply {
            let mut patch = UpdateTicket::patch().priority(priority);
            if let Some(tag) = tag {
                let mut tags = ticket.tags.clone();
                tags.push(tag.to_owned());
                patch = patch.tags(tags);
            }
            cstar.tickets().update(&ticket.id, patch).await?;
        }
        changed += 1;
    }
    println!(
        "{seen} open ticket(s), {changed} {}",
        if apply {
            "triaged"
        } else {
            "to triage (run with --apply)"
        }
    );

    if emulator.is_some() {
        // The emulator's 25 open tickets: 5 about billing, 3 about an outage.
        let urgent = cstar
            .tickets()
            .list_all(ListTickets::new().priority(Priority::Urgent).page_size(10))
            .count()
            .await;
        if seen != 25 || changed != 8 || urgent != 3 {
            return Err(format!(
                "expected 25 open, 8 triaged, 3 urgent; got {seen}, {changed}, {urgent}"
            )
            .into());
        }
    }
    Ok(())
}

/// Open tickets over three pages, and closed ones the job must not touch.
async fn seed(cstar: &CStarClient) -> Result<(), AnyError> {
    let titles = [
        "Refund for order 1042",
        "Charged twice this month",
        "Where is my invoice?",
        "Refund not received",
        "Charged after cancelling",
        "Site down in Europe",
        "Outage on the API",
        "Cannot log in since this morning",
    ];
    for n in 0..25 {
        let title = titles
            .get(n)
            .map_or_else(|| format!("Question #{n}"), |t| (*t).to_owned());
        cstar
            .tickets()
            .create(CreateTicket::new(title).status(TicketStatus::Open))
            .await?;
    }
    for n in 0..3 {
        cstar
            .tickets()
            .create(CreateTicket::new(format!("Refund {n}, done")).status(TicketStatus::Closed))
            .await?;
    }
    Ok(())
}
