//! A webhook receiver that answers: an axum route verifies each delivery (straight from the
//! request's headers, feature `webhook-http`), skips a delivery it has seen, and on
//! `ticket.created` replies on that ticket through the admin client, off the request path so
//! that cStar gets its 2xx at once.
//!
//! Self-contained: it starts the embedded emulator with its defaults, registers itself as a
//! webhook, creates a ticket as a customer would, and exits once its reply is on the ticket:
//!
//! ```sh
//! cargo run -p cstar --example webhook_reply --features admin,webhook-http
//! ```

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use cstar::admin::{CStarClient, CreateMessage, CreateTicket, CreateWebhook, Sender};
use cstar::webhook::{EventData, EventType, Verifier};
use cstar_mock::MockServer;
use tokio::sync::mpsc;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

const REPLY: &str = "Thanks for writing in: we are on it and will answer within the hour.";

#[derive(Clone)]
struct App {
    verifier: Arc<Verifier>,
    cstar: CStarClient,
    /// Event ids already handled: deliveries are at least once. A real service keeps these in
    /// its database, in the same transaction as the work.
    seen: Arc<Mutex<HashSet<String>>>,
    /// Tells `main` which ticket got its reply (a real service has no need of it).
    replied: mpsc::UnboundedSender<String>,
}

/// `Bytes`, not `Json`: the signature covers the body exactly as sent.
async fn receive(State(app): State<App>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let event = match app.verifier.construct_event_from_headers(&body, &headers) {
        Ok(event) => event,
        Err(e) => {
            eprintln!("rejected delivery: {e}");
            return StatusCode::BAD_REQUEST;
        }
    };
    let first_time = app
        .seen
        .lock()
        .map(|mut seen| seen.insert(event.id.clone()))
        .unwrap_or(true);
    if !first_time {
        return StatusCode::OK;
    }
    if let (EventType::TicketCreated, EventData::Ticket(data)) = (&event.event_type, event.typed())
    {
        let ticket = data.ticket.id.clone();
        // Off the request path: cStar waits at most 10 s for the 2xx.
        tokio::spawn(async move {
            let reply = CreateMessage::new(REPLY).sender(Sender::Agent);
            match app
                .cstar
                .tickets()
                .messages(ticket.clone())
                .create(reply)
                .await
            {
                Ok(_) => {
                    let _ = app.replied.send(ticket.to_string());
                }
                Err(e) => eprintln!("could not reply on {ticket}: {e}"),
            }
        });
    }
    StatusCode::OK
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("webhook_reply failed: {err}");
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
        .build()?;

    // The receiver's address first: the webhook is registered with it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/cstar", listener.local_addr()?);
    let created = cstar
        .webhooks()
        .create(CreateWebhook::new(&url, ["ticket.created"]))
        .await?;
    println!("receiving ticket.created at {url}");

    let (replied, mut replies) = mpsc::unbounded_channel();
    let app = App {
        verifier: Arc::new(Verifier::new(created.secret.expose_secret())?),
        cstar: cstar.clone(),
        seen: Arc::default(),
        replied,
    };
    let router = Router::new()
        .route("/webhooks/cstar", post(receive))
        .with_state(app);
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    // A customer writes in.
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("My order never arrived").customer_name("Ada Lovelace"))
        .await?;
    println!("created {} \"{}\"", ticket.id, ticket.title);

    let answered = tokio::time::timeout(Duration::from_secs(30), replies.recv())
        .await
        .map_err(|_| "no reply within 30 s")?
        .ok_or("the receiver stopped")?;
    if answered != ticket.id.to_string() {
        return Err(format!("replied on {answered}, not on {}", ticket.id).into());
    }
    let thread = cstar.tickets().messages(&ticket.id).list().await?;
    for message in &thread.data {
        println!("  {}: {}", message.sender, message.content);
    }
    if !thread.data.iter().any(|m| m.content == REPLY) {
        return Err("the reply is not on the ticket".into());
    }
    server.abort();
    Ok(())
}
