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
    /// The realtime stream cannot resume after the group's cursor (the server's replay log no
    /// longer holds it, or the connection fell too far behind): events after `last_event_id`
    /// may be missing. Nothing after the gap was handled, so the cursor still points at
    /// `last_event_id` and every instance that leads reports the same gap until it is
    /// resolved: reconcile through the REST API what changed since that event, then
    /// [`ConsumerGroup::skip_gap`] and consume again (see `RealtimeSource`, feature `realtime`).
    Gap {
        /// The last event the group handled (the cursor), after which events may be missing.
        last_event_id: String,
    },
    /// The realtime connection stopped for a reason reconnecting cannot fix (a revoked key, a
    /// client that cannot be built): fix it and consume again.
    Stopped {
        /// What the realtime client reported.
        reason: String,
    },
}

impl<E: fmt::Display> fmt::Display for ConsumeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Handler { event_id, error } => {
                write!(f, "the consumer's handler failed on {event_id}: {error}")
            }
            Self::Store(e) => e.fmt(f),
            Self::Gap { last_event_id } => write!(
                f,
                "realtime gap: the stream cannot resume after {last_event_id}; reconcile through the API, then skip the gap"
            ),
            Self::Stopped { reason } => write!(f, "the realtime stream stopped: {reason}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ConsumeError<E> {}

/// What a source stream says besides events: the reasons [`ConsumerGroup::consume`]'s loop
/// stops or reopens the stream.
#[cfg_attr(
    not(feature = "realtime"),
    allow(dead_code, reason = "only the realtime source interrupts")
)]
pub(crate) enum Interrupt {
    /// The server cannot resume after the id the connection asked for.
    Gap(String),
    /// An event was dropped for this subscription (it lagged): reopen after the cursor, which
    /// replays it.
    Reopen,
    /// The connection stopped for good.
    Stopped(String),
}

/// A plain stream of events, as the loop's source: never interrupted.
/// (Boxed: the crate forbids `unsafe`, so no pin projection, and one allocation per opening is
/// nothing next to a connection.)
struct Uninterrupted<St>(Pin<Box<St>>);

impl<St: Stream<Item = Event>> Stream for Uninterrupted<St> {
    type Item = Result<Event, Interrupt>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|item| item.map(Ok))
    }
}

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
        self.consume_with(
            inbox,
            |cursor| Uninterrupted(Box::pin(open(cursor))),
            handler,
        )
        .await
    }

    /// [`ConsumerGroup::consume`] over a source that can also ask to stop or reopen.
    pub(crate) async fn consume_with<O, St, F, E>(
        &self,
        inbox: &Inbox,
        mut open: O,
        handler: F,
    ) -> Result<(), ConsumeError<E>>
    where
        O: FnMut(Option<String>) -> St,
        St: Stream<Item = Result<Event, Interrupt>>,
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
            // The last event committed under this leadership: where a reopened stream resumes.
            let mut cursor = leader.resume_from().map(str::to_owned);
            'open: loop {
                let mut stream = std::pin::pin!(open(cursor.clone()));
                while let Some(item) = next(stream.as_mut()).await {
                    let event = match item {
                        Ok(event) => event,
                        Err(Interrupt::Reopen) => continue 'open,
                        // Stop before handling anything after the gap, so that the cursor keeps
                        // pointing at it and the next leader reports it too: never silent.
                        Err(Interrupt::Gap(asked)) => {
                            return Err(ConsumeError::Gap {
                                last_event_id: cursor.unwrap_or(asked),
                            });
                        }
                        Err(Interrupt::Stopped(reason)) => {
                            return Err(ConsumeError::Stopped { reason });
                        }
                    };
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
                        Ok(Outcome::Handled(())) => cursor = Some(event_id),
                        Ok(_) => {
                            // Handled before: only the cursor moves, in its own statement.
                            let conn = inbox.pool().get().await;
                            let conn =
                                conn.map_err(|e| ConsumeError::Store(crate::postgres::failed(e)))?;
                            match leader.fence().advance_with(&**conn, &event_id).await {
                                Ok(()) => cursor = Some(event_id),
                                Err(AdvanceError::FencedOut { .. }) => continue 'lead,
                                Err(AdvanceError::Store(e)) => return Err(ConsumeError::Store(e)),
                            }
                        }
                        Err(RunError::Handler(Failed::Advance(AdvanceError::FencedOut {
                            ..
                        }))) => {
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
}

async fn next<St: Stream>(mut stream: Pin<&mut St>) -> Option<St::Item> {
    std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await
}
