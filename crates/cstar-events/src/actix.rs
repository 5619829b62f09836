//! The same receiver for actix-web: verify, decode, dedupe through a [`Store`], run a typed
//! handler, answer with the status that makes cStar stop or retry.
//!
//! ```no_run
//! use actix_web::{App, HttpServer};
//! use cstar_events::{MemoryStore, actix::receiver};
//! use cstar_webhook::Verifier;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::new(std::env::var("CSTAR_WEBHOOK_SECRET")?)?;
//! let store = MemoryStore::new(); // or an Inbox (feature `postgres`), shared by every worker
//! HttpServer::new(move || {
//!     let route = receiver(verifier.clone(), store.clone(), |event, _claim| {
//!         Box::pin(async move {
//!             println!("{} {}", event.event_type, event.id);
//!             Ok::<_, std::io::Error>(())
//!         })
//!     });
//!     App::new().route("/webhooks/cstar", route)
//! })
//! .bind("127.0.0.1:3000")?
//! .run()
//! .await?;
//! # Ok(()) }
//! ```
//!
//! Needs the `actix` feature.

use std::fmt::Display;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, Route, web};
use cstar_webhook::{Event, Verifier, headers};

use crate::receive::receive;
use crate::store::{BoxFuture, Store};

/// A `POST` route that receives cStar webhooks, answered as
/// [`axum::receiver`](crate::axum) answers: 200 handled or duplicate, 400 bad signature or
/// body, 409 in progress elsewhere, 500 handler failed, 503 store failed.
pub fn receiver<S, F, E>(verifier: Verifier, store: S, handler: F) -> Route
where
    S: Store + 'static,
    F: for<'c> Fn(Event, &'c mut S::Claim) -> BoxFuture<'c, Result<(), E>> + Send + Sync + 'static,
    E: Display + Send + 'static,
{
    let shared = Arc::new((verifier, store, handler));
    web::post().to(move |request: HttpRequest, body: web::Bytes| {
        let shared = Arc::clone(&shared);
        async move {
            let (verifier, store, handler) = &*shared;
            let signature = [headers::SIGNATURE, headers::LEGACY_SIGNATURE]
                .iter()
                .find_map(|name| request.headers().get(*name))
                .and_then(|value| value.to_str().ok());
            let answer = receive(verifier, store, signature, &body, handler).await;
            let status =
                StatusCode::from_u16(answer.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            HttpResponse::new(status)
        }
    })
}
