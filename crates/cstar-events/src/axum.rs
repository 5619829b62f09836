//! A complete cStar webhook receiver for axum: verify, decode, dedupe through a [`Store`], run
//! a typed handler, answer with the status that makes cStar stop or retry.
//!
//! ```no_run
//! use axum::Router;
//! use cstar_events::{Inbox, axum::receiver};
//! use cstar_webhook::{EventData, Verifier};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let inbox = Inbox::connect("postgres://app@127.0.0.1/app")?;
//! inbox.migrate().await?;
//! let verifier = Verifier::new(std::env::var("CSTAR_WEBHOOK_SECRET")?)?;
//! let route = receiver(verifier, inbox, |event, tx| {
//!     Box::pin(async move {
//!         // Inside the transaction that holds the event id: commits with it, or not at all.
//!         if let EventData::Ticket(t) = event.typed() {
//!             tx.execute(
//!                 "INSERT INTO tickets_seen (ticket_id, event_id) VALUES ($1, $2)",
//!                 &[&t.ticket.id.as_str(), &event.id.as_str()],
//!             )
//!             .await?;
//!         }
//!         Ok::<_, cstar_events::tokio_postgres::Error>(())
//!     })
//! });
//! let app = Router::new().route("/webhooks/cstar", route);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
//!
//! Needs the `axum` feature (and `postgres` for [`Inbox`](crate::Inbox) as above).

use std::fmt::Display;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{MethodRouter, post};
use cstar_webhook::{Event, Verifier, headers};

use crate::receive::receive;
use crate::store::{BoxFuture, Store};

/// A `POST` route that receives cStar webhooks: 200 for a handled or duplicate event, 400 for
/// a bad signature or body, 409 while another receiver handles the same event, 500 when the
/// handler failed, 503 when the store failed (cStar retries every non-2xx).
///
/// The body is taken as raw bytes: the signature covers them as sent.
pub fn receiver<S, F, E>(verifier: Verifier, store: S, handler: F) -> MethodRouter
where
    S: Store + 'static,
    F: for<'c> Fn(Event, &'c mut S::Claim) -> BoxFuture<'c, Result<(), E>> + Send + Sync + 'static,
    E: Display + Send + 'static,
{
    let shared = Arc::new((verifier, store, handler));
    post(move |request_headers: HeaderMap, body: Bytes| {
        let shared = Arc::clone(&shared);
        async move {
            let (verifier, store, handler) = &*shared;
            let signature = [headers::SIGNATURE, headers::LEGACY_SIGNATURE]
                .iter()
                .find_map(|name| request_headers.get(*name))
                .and_then(|value| value.to_str().ok());
            let answer = receive(verifier, store, signature, &body, handler).await;
            StatusCode::from_u16(answer.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        }
    })
}
