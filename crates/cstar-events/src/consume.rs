//! The consumer group's loop: lead, resume the stream after the cursor, handle each event in
//! the inbox transaction that also moves the cursor, and lead again after losing the lock.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;

use cstar_webhook::Event;
use futures_core::Stream;

use crate::group::{AdvanceError, ConsumerGroup};
use crate::postgres::{Inbox, InboxClaim};
use crate::store::{BoxFuture, Outcome, RunError, StoreError};

/// Why [`ConsumerGroup::consume`] stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConsumeError<E> {
    /// The handler failed on an event: its effects and the cursor rolled back, so the next
    /// leader (or the next call) starts again at that event.
    Handler {
        /// The event's id.
        event_id: String,
        /// The handler's error.
        error: E,
    },
    /// The database failed.
    Store(StoreError),
}

impl<E: fmt::Display> fmt::Display for ConsumeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handler { event_id, error } => {
                write!(f, "the consumer's handler failed on {event_id}: {error}")
            }
            Self::Store(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ConsumeError<E> {}

/// Inside the transaction: the handler's error, or the fence refusing the cursor.
enum Failed<E> {
    Handler(E),
    Advance(AdvanceError),
}

impl ConsumerGroup {
    /// Consumes a stream as this group's leader until it ends: waits for the leadership, opens
    /// the stream with `open(resume_from)` (the id of the last event handled, `None` on the first
    /// run), and runs `handler` on each event inside the inbox transaction that claims the event
    /// id and moves the cursor. An event the inbox has seen (a replay, or the same event already
    /// handled from a webhook) is skipped, and the cursor still moves past it.
    ///
    /// When another instance takes over (the fence refuses the cursor), the event's effects roll
    /// back and this instance waits to lead again, then reopens the stream after the cursor.
    ///
    /// # Errors
    ///
    /// [`ConsumeError::Handler`] when the handler fails (nothing of that event committed);
    /// [`ConsumeError::Store`] when the database fails.
    pub async fn consume<O, St, F, E>(
        &self,
        inbox: &Inbox,
        mut open: O,
        handler: F,
    ) -> Result<(), ConsumeError<E>>
    where
        O: FnMut(Option<String>) -> St,
        St: Stream<Item = Event>,
        F: for<'c> Fn(Event, &'c mut InboxClaim) -> BoxFuture<'c, Result<(), E>>
            + Send
            + Sync
            + 'static,
        E: Send + 'static,
    {
        // Shared with each event's transaction, which must own what it uses.
        let handler = Arc::new(handler);
        'lead: loop {
            let leader = self.lead().await.map_err(ConsumeError::Store)?;
            let mut stream = std::pin::pin!(open(leader.resume_from().map(str::to_owned)));
            while let Some(event) = next(stream.as_mut()).await {
                let fence = leader.fence();
                let event_id = event.id.clone();
                let handler = Arc::clone(&handler);
                let outcome = inbox
                    .run_once(&event_id, move |tx| {
                        Box::pin(async move {
                            // The cursor first: a replaced leader stops before any effect. Both
                            // commit together either way.
                            let id = event.id.clone();
                            fence.advance(tx, &id).await.map_err(Failed::Advance)?;
                            handler(event, tx).await.map_err(Failed::Handler)
                        })
                    })
                    .await;
                match outcome {
                    Ok(Outcome::Handled(())) => {}
                    Ok(_) => {
                        // Handled before: only the cursor moves, in its own statement.
                        let conn = inbox.pool().get().await;
                        let conn =
                            conn.map_err(|e| ConsumeError::Store(crate::postgres::failed(e)))?;
                        match leader.fence().advance_with(&**conn, &event_id).await {
                            Ok(()) => {}
                            Err(AdvanceError::FencedOut { .. }) => continue 'lead,
                            Err(AdvanceError::Store(e)) => return Err(ConsumeError::Store(e)),
                        }
                    }
                    Err(RunError::Handler(Failed::Advance(AdvanceError::FencedOut { .. }))) => {
                        continue 'lead;
                    }
                    Err(RunError::Handler(Failed::Advance(AdvanceError::Store(e))))
                    | Err(RunError::Store(e)) => return Err(ConsumeError::Store(e)),
                    Err(RunError::Handler(Failed::Handler(error))) => {
                        return Err(ConsumeError::Handler { event_id, error });
                    }
                }
            }
            return Ok(());
        }
    }
}

async fn next<St: Stream>(mut stream: Pin<&mut St>) -> Option<St::Item> {
    std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await
}
