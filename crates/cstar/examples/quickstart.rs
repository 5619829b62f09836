//! The JS cheat sheet's "Setup", "Common moves", "Idempotent retries" and "Errors", in Rust.
//!
//! With `CSTAR_SECRET_KEY` and `CSTAR_TEAM_ID` set it runs against cStar (and deletes what it
//! created); without them it starts the embedded emulator, so it works on any machine:
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use cstar::admin::{
    CStarClient, CreateMessage, CreateTicket, Error, ListTickets, Priority, RateLimit, Sender,
    TicketId, TicketStatus, UpdateTicket,
};
use cstar_mock::MockServer;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("quickstart failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Setup: a client from the environment, or one pointed at a local emulator.
async fn connect() -> Result<(CStarClient, Option<MockServer>), AnyError> {
    if std::env::var("CSTAR_SECRET_KEY").is_ok_and(|k| !k.trim().is_empty()) {
        let cstar = CStarClient::from_env()?;
        println!(
            "Using cStar at {} for team {}",
            cstar.core().base_url(),
            cstar.team_id()
        );
        return Ok((cstar, None));
    }
    let emulator = MockServer::start().await?;
    println!(
        "No CSTAR_SECRET_KEY set: using the embedded cStar emulator at {}",
        emulator.base_url()
    );
    let cstar = CStarClient::builder()
        .api_key(emulator.secret_key())
        .team_id(emulator.team_id())
        .base_url(emulator.base_url())
        .build()?;
    Ok((cstar, Some(emulator)))
}

async fn run() -> Result<(), AnyError> {
    let (cstar, _emulator) = connect().await?;
    let who = cstar.whoami().await?;
    println!(
        "Signed in with a {} key for team {} ({} data)\n",
        who.key_type,
        who.team_name.as_deref().unwrap_or(&who.team_id),
        who.environment
    );
    let mut created: Vec<TicketId> = Vec::new();

    // Common moves.
    let ticket = cstar
        .tickets()
        .create(
            CreateTicket::new("Quickstart: printer on fire")
                .priority(Priority::High)
                .customer_name("Ada Lovelace")
                .tag("quickstart"),
        )
        .await?;
    created.push(ticket.id.clone());
    println!(
        "Created   {} \"{}\" [{}]",
        ticket.id, ticket.title, ticket.status
    );

    cstar
        .tickets()
        .messages(&ticket.id)
        .create(CreateMessage::new("We're on it!").sender(Sender::Agent))
        .await?;
    let ticket = cstar
        .tickets()
        .update(&ticket.id, UpdateTicket::patch().status(TicketStatus::Open))
        .await?;
    println!(
        "Updated   {} -> [{}], {} message(s)",
        ticket.id, ticket.status, ticket.message_count
    );

    let open = cstar
        .tickets()
        .list(ListTickets::new().status(TicketStatus::Open).page_size(5))
        .await?;
    println!(
        "Listed    {} open ticket(s) on page 1, {}",
        open.data.len(),
        if open.has_more {
            "more pages follow"
        } else {
            "the only page"
        }
    );
    for t in &open.data {
        println!("          - {} \"{}\"", t.id, t.title);
    }

    // Idempotent retries: the same key twice creates one ticket.
    let key = format!("quickstart-{}", unix_millis());
    let once = cstar
        .tickets()
        .create(CreateTicket::new("Quickstart: refund order 1042"))
        .idempotency_key(&key)
        .await?;
    let (again, meta) = cstar
        .tickets()
        .create(CreateTicket::new("Quickstart: refund order 1042"))
        .idempotency_key(&key)
        .with_meta()
        .await?;
    created.push(once.id.clone());
    let verdict = if once.id == again.id {
        "one ticket"
    } else {
        "two tickets"
    };
    let replayed = if meta.idempotent_replay {
        "the second answer was replayed"
    } else {
        "the second answer was not a replay"
    };
    println!(
        "Idempotent create twice with key {key}: {} and {}: {verdict}, {replayed}",
        once.id, again.id
    );

    // Errors, caught by variant.
    match cstar.tickets().create(CreateTicket::new("")).await {
        Err(Error::Validation(e)) => println!(
            "Validation error on {}: {} (code {}, request id {})",
            e.param().unwrap_or("an unnamed field"),
            e.message(),
            e.code().map_or("none", |c| c.as_str()),
            e.request_id().unwrap_or("none")
        ),
        other => return Err(format!("expected a validation error, got {other:?}").into()),
    }
    match cstar
        .tickets()
        .get("tkt_00000000000000000000000000000000")
        .await
    {
        Err(Error::NotFound(e)) => println!(
            "Not found: {} (request id {})",
            e.message(),
            e.request_id().unwrap_or("none")
        ),
        other => return Err(format!("expected a 404, got {other:?}").into()),
    }

    // Request metadata.
    let (_, meta) = cstar.tickets().get(&ticket.id).with_meta().await?;
    println!(
        "The last get: request id {}, answered at {}, {}",
        meta.request_id.as_deref().unwrap_or("none"),
        meta.timestamp.as_deref().unwrap_or("an unknown time"),
        budget(meta.rate_limit)
    );

    for id in created {
        let gone = cstar.tickets().delete(&id).await?;
        let state = if gone.deleted {
            "deleted"
        } else {
            "not deleted"
        };
        println!("Deleted   {}: {state}", gone.id);
    }
    println!("\nDone.");
    Ok(())
}

/// The rate-limit budget as a sentence: `990 of 1000 calls left this hour`.
fn budget(rate_limit: Option<RateLimit>) -> String {
    let Some(RateLimit {
        limit: Some(limit),
        remaining: Some(remaining),
        window,
        ..
    }) = rate_limit
    else {
        return "no rate-limit headers".to_owned();
    };
    let window = match window {
        Some(3600) => "this hour".to_owned(),
        Some(60) => "this minute".to_owned(),
        Some(seconds) => format!("in this {seconds} s window"),
        None => "in this window".to_owned(),
    };
    format!("{remaining} of {limit} calls left {window}")
}

fn unix_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}
