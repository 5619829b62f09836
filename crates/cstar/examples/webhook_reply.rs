//! A webhook receiver that answers: an axum route verifies each delivery (straight from the
//! request's headers, feature `webhook-http`), runs each event once through cstar-events'
//! `run_once` (a repeated delivery is answered without running again), and on
//! `ticket.created` replies on that ticket through the admin client, off the request path so
//! that cStar gets its 2xx at once.
//!
//! Self-contained: it starts the embedded emulator with its defaults, registers itself as a
//! webhook, creates a ticket as a customer would, and exits once its reply is on the ticket:
//!
//! ```sh
//! cargo run -p cstar --example webhook_reply --features admin,webhook-http
//! ```

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use cstar::admin::{CStarClient, CreateMessage, CreateTicket, CreateWebhook, Sender};
use cstar::webhook::{EventData, EventType, Verifier};
use cstar_events::{MemoryStore, run_once};
use cstar_mock::MockServer;
use tokio::sync::mpsc;

type AnyError = Box<dyn std::error::Error + Send + Sync>;

const REPLY: &str = "Thanks for writing in: we are on it and will answer within the hour.";

#[derive(Clone)]
struct App {
    verifier: Arc<Verifier>,
    cstar: CStarClient,
    /// Event ids already handled: deliveries are at least once. In memory, right for exactly
    /// one process; behind a load balancer or across restarts use cstar-events' `Inbox`
    /// (PostgreSQL, the id claimed in the transaction of your effects), same `run_once`.
    seen: MemoryStore,
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
    let event_id = event.id.clone();
    let handled = run_once(&app.seen, &event_id, |_claim| {
        Box::pin(async move {
            if let (EventType::TicketCreated, EventData::Ticket(data)) =
                (&event.event_type, event.typed())
            {
                let ticket = data.ticket.id.clone();
                // Off the request path: cStar waits at most 10 s for the 2xx. The key derived
                // from the event id makes a second run of this reply (another receiver, a
                // restart) create nothing new.
                let key = format!("reply/{}", event.id);
                tokio::spawn(async move {
                    let reply = CreateMessage::new(REPLY).sender(Sender::Agent);
                    match app
                        .cstar
                        .tickets()
                        .messages(ticket.clone())
                        .create(reply)
                        .idempotency_key(key)
                        .await
                    {
                        Ok(_) => {
                            let _ = app.replied.send(ticket.to_string());
                        }
                        Err(e) => eprintln!("could not reply on {ticket}: {e}"),
                    }
                });
            }
            Ok::<_, std::convert::Infallible>(())
        })
    })
    .await;
    // A store failure is not an answer: non-2xx, and cStar's retry tries again.
    match handled {
        Ok(_) => StatusCode::OK,
        Err(e) => {
            eprintln!("could not handle {event_id}: {e}");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
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
        seen: MemoryStore::new(),
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
