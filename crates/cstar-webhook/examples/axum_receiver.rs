//! A webhook receiver in axum: verify the raw body, decode, answer 2xx fast. Deduplicating on
//! the event id belongs in your database: see cstar-events (comment in `receive`).
//!
//! ```sh
//! CSTAR_WEBHOOK_SECRET=whsec_... cargo run -p cstar-webhook --example axum_receiver
//! # listens on 127.0.0.1:3000 (PORT to change), route POST /webhooks/cstar
//! ```

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use cstar_webhook::{EventData, EventType, Verifier, headers};

#[derive(Clone)]
struct App {
    verifier: Arc<Verifier>,
}

/// `Bytes`, not `Json`: the signature covers the bytes as sent.
async fn receive(State(app): State<App>, request_headers: HeaderMap, body: Bytes) -> StatusCode {
    let Some(signature) = request_headers
        .get(headers::SIGNATURE)
        .and_then(|v| v.to_str().ok())
    else {
        return StatusCode::BAD_REQUEST;
    };
    let event = match app.verifier.construct_event(&body, signature) {
        Ok(event) => event,
        Err(e) => {
            eprintln!("rejected delivery: {e}");
            return StatusCode::BAD_REQUEST;
        }
    };
    // cStar delivers at least once (6 retries over about 31 hours; the same event can arrive
    // twice at the same moment on two receivers), so repeats must be harmless. Deduplicate on
    // `event.id` durably, not in a set in memory: that is wrong behind a load balancer and
    // forgets on restart. cstar-events does it: its PostgreSQL `Inbox` claims the id in the
    // transaction of your effects, and `cstar_events::axum::receiver` is this whole handler
    // (verify, decode, dedupe, run, answer).
    match (&event.event_type, event.typed()) {
        (EventType::TicketCreated, EventData::Ticket(t)) => {
            println!("new ticket {} {:?}", t.ticket.id, t.ticket.title);
        }
        // Kept, not dropped: a payload this version cannot read still has its id and raw JSON.
        (other, EventData::Unreadable { error, .. }) => {
            println!("{other} {}: unreadable data ({error})", event.id);
        }
        (other, _) => println!("{other} {}", event.id),
    }
    // Answer within cStar's 10 s budget; queue slow work instead of doing it here.
    StatusCode::OK
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("CSTAR_WEBHOOK_SECRET")
        .map_err(|_| "set CSTAR_WEBHOOK_SECRET to the webhook's whsec_... secret")?;
    let app = App {
        verifier: Arc::new(Verifier::new(secret)?),
    };
    let router = Router::new()
        .route("/webhooks/cstar", post(receive))
        .with_state(app);
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "listening on http://{}/webhooks/cstar",
        listener.local_addr()?
    );
    axum::serve(listener, router).await?;
    Ok(())
}
