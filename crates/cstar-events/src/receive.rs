//! One delivery, start to finish, for any web framework: verify, decode, dedupe, run, answer.

use std::fmt::Display;

use cstar_webhook::{Event, Verifier, WebhookError};

use crate::store::{BoxFuture, Outcome, RunError, Store, StoreError, run_once};

/// How one delivery was answered, and why. [`Answer::status`] is the HTTP status to send: 2xx
/// tells cStar to stop, anything else makes it retry later.
#[derive(Debug)]
#[non_exhaustive]
pub enum Answer {
    /// The handler ran and its claim was completed: 200.
    Handled,
    /// The event was handled before; the handler did not run: 200, so cStar stops retrying.
    Duplicate,
    /// Another receiver is handling this event right now (marker stores): 409, so cStar
    /// retries, and the retry finds it done, or free again if that receiver died.
    InProgress,
    /// The signature or the body is wrong (a forgery, a wrong secret, a replay, a body changed
    /// on the way): 400. Nothing was claimed.
    Rejected(WebhookError),
    /// The handler failed and its claim was released: 500, so cStar retries.
    HandlerFailed,
    /// The store failed: 503, so cStar retries.
    StoreFailed(StoreError),
}

impl Answer {
    /// The HTTP status code for this answer.
    pub fn status(&self) -> u16 {
        match self {
            Self::Handled | Self::Duplicate => 200,
            Self::InProgress => 409,
            Self::Rejected(_) => 400,
            Self::HandlerFailed => 500,
            Self::StoreFailed(_) => 503,
        }
    }

    /// Whether cStar will consider the event delivered (a 2xx answer).
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Handled | Self::Duplicate)
    }
}

/// Verifies one delivery (`signature` is the `X-Signature` header, `body` the raw bytes), then
/// runs `handler` once per event id through `store`.
///
/// The handler's error is logged (with the event id, through `tracing`) and answered 500; the
/// web framework adapters ([`axum`](crate::axum)) are this function plus a status code.
pub async fn receive<S, F, E>(
    verifier: &Verifier,
    store: &S,
    signature: Option<&str>,
    body: &[u8],
    handler: &F,
) -> Answer
where
    S: Store + ?Sized,
    F: for<'c> Fn(Event, &'c mut S::Claim) -> BoxFuture<'c, Result<(), E>> + ?Sized,
    E: Display,
{
    let event = match signature
        .ok_or(WebhookError::MissingHeader)
        .and_then(|signature| verifier.construct_event(body, signature))
    {
        Ok(event) => event,
        Err(e) => {
            tracing::info!(error = %e, "rejected a webhook delivery");
            return Answer::Rejected(e);
        }
    };
    let event_id = event.id.clone();
    match run_once(store, &event_id, |claim| handler(event, claim)).await {
        Ok(Outcome::Handled(())) => Answer::Handled,
        Ok(Outcome::Duplicate) => Answer::Duplicate,
        Ok(Outcome::InProgress) => Answer::InProgress,
        Err(RunError::Handler(e)) => {
            tracing::warn!(event_id, error = %e, "the event handler failed; cStar will retry");
            Answer::HandlerFailed
        }
        Err(RunError::Store(e)) => {
            tracing::warn!(event_id, error = %e, "the event store failed; cStar will retry");
            Answer::StoreFailed(e)
        }
    }
}
