//! The consumer group fed by cStar's realtime stream (feature `realtime`): the leader builds
//! the admin client's realtime connection with
//! [`RealtimeConfig::resume_from`] set to the group's cursor, and a server that cannot resume
//! after it is a typed gap, [`ConsumeError::Gap`], never a silent fresh start.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use cstar_admin::CStarClient;
use cstar_admin::realtime::{EventStream, RealtimeConfig, RealtimeError, Subscription};
use cstar_webhook::Event;
use futures_core::Stream;
use tokio::sync::mpsc;

use crate::consume::{ConsumeError, Interrupt};
use crate::group::ConsumerGroup;
use crate::postgres::{Inbox, InboxClaim, failed};
use crate::store::{BoxFuture, StoreError};

const SKIP_GAP: &str = "UPDATE cstar_consumer_cursors SET cursor = NULL, updated_at = now()
     WHERE group_name = $1 AND cursor = $2";

/// Builds the admin client the leader reads the realtime stream through.
type Connect = dyn Fn(RealtimeConfig) -> cstar_admin::Result<CStarClient> + Send + Sync;

/// Where a consumer group reads cStar's realtime stream: how to build the admin client for a
/// given [`RealtimeConfig`] (the group sets its `resume_from`), and which events to subscribe
/// to.
///
/// The consumer group fed by cStar's realtime stream (feature `realtime`): the leader builds
/// the admin client's realtime connection with
/// [`RealtimeConfig::resume_from`] set to the group's cursor, and a server that cannot resume
/// after it is a typed gap, [`ConsumeError::Gap`], never a silent fresh start.
///
/// ```no_run
/// use cstar_admin::CStarClient;
/// use cstar_events::{ConsumeError, ConsumerGroup, Inbox, RealtimeSource};
///
/// # async fn run(inbox: Inbox) -> Result<(), Box<dyn std::error::Error>> {
/// let group = ConsumerGroup::new(&inbox, "crm-sync");
/// let source = RealtimeSource::new(|config| {
///     CStarClient::builder()
///         .api_key(std::env::var("CSTAR_SECRET_KEY").unwrap_or_default())
///         .team_id("team_uuid")
///         .realtime(config) // resumes after the group's cursor
///         .build()
/// })
/// .pattern("ticket.*");
/// let consumed = group
///     .consume_realtime(&inbox, &source, |event, tx| {
///         Box::pin(async move {
///             tx.execute("INSERT INTO effects (event_id) VALUES ($1)", &[&event.id])
///                 .await
///                 .map(drop)
///         })
///     })
///     .await;
/// if let Err(ConsumeError::Gap { last_event_id }) = consumed {
///     // Events after `last_event_id` may be missing: reconcile through the REST API (list the
///     // tickets updated since that event's time), then let the group start from now on.
///     group.skip_gap(&last_event_id).await?;
/// }
/// # Ok(()) }
/// ```
///
/// # What to do with a gap
///
/// The server keeps a bounded replay log; a cursor older than it (a group stopped for long, or
/// an unknown id) cannot be resumed after. The group then stops *before* handling any event
/// after the gap, so the cursor stays where it was and every instance that leads reports the
/// same gap, even across crashes, until someone resolves it:
///
/// 1. reconcile through the REST API what changed since the cursor's event (its `created_at`,
///    or the time your effects recorded with it): list the tickets, messages or customers
///    updated since then and apply them as the handler would;
/// 2. call [`ConsumerGroup::skip_gap`], which clears the cursor (only if it still is that id);
/// 3. consume again: the stream starts with the next live event.
///
/// To leave no window between the reconciliation and the live stream, reconcile once more
/// after consuming restarted; with effects keyed by the resource (upserts) or claimed through
/// the inbox, applying the same change twice does nothing.
///
/// A subscription that lags (its queue stayed full past [`RealtimeConfig::stall_timeout`]) lost
/// an event: the group then reopens the stream after its cursor, which replays it.
#[derive(Clone)]
pub struct RealtimeSource {
    connect: Arc<Connect>,
    config: RealtimeConfig,
    pattern: String,
}

impl std::fmt::Debug for RealtimeSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The client factory may hold a key: not shown.
        f.debug_struct("RealtimeSource")
            .field("config", &self.config)
            .field("pattern", &self.pattern)
            .finish_non_exhaustive()
    }
}

impl RealtimeSource {
    /// A source that builds its client with `connect(config)`, where `config` is
    /// [`RealtimeSource::config`] with `resume_from` set to the group's cursor: pass it to
    /// [`CStarClientBuilder::realtime`](cstar_admin::CStarClientBuilder::realtime). Every event
    /// (`*`) unless [`RealtimeSource::pattern`] says otherwise.
    pub fn new<C>(connect: C) -> Self
    where
        C: Fn(RealtimeConfig) -> cstar_admin::Result<CStarClient> + Send + Sync + 'static,
    {
        Self {
            connect: Arc::new(connect),
            config: RealtimeConfig::default(),
            pattern: "*".to_owned(),
        }
    }

    /// The realtime settings (buffer, stall timeout, reconnection); the group sets only
    /// `resume_from`.
    #[must_use]
    pub fn config(mut self, config: RealtimeConfig) -> Self {
        self.config = config;
        self
    }

    /// The events to consume, as [`Realtime::on`](cstar_admin::realtime::Realtime::on) takes
    /// them: an exact type, `resource.*` or `*`.
    #[must_use]
    pub fn pattern(mut self, pattern: impl Into<String>) -> Self {
        self.pattern = pattern.into();
        self
    }

    /// Opens the stream after `cursor`: the client, its subscription, and its error listener
    /// turned into interruptions.
    fn open(&self, cursor: Option<String>) -> Opened {
        let (interrupts, interrupted) = mpsc::unbounded_channel();
        let mut config = self.config.clone();
        config.resume_from = cursor.filter(|id| !id.is_empty());
        let client = match (self.connect)(config) {
            Ok(client) => client,
            Err(e) => {
                let _ = interrupts.send(Interrupt::Stopped(e.to_string()));
                return Opened {
                    interrupted,
                    live: None,
                };
            }
        };
        let realtime = client.realtime();
        // The listener first: the subscription opens the connection, and a gap is reported
        // before any event of that connection is queued.
        let errors = realtime.on_error(move |error| {
            let interrupt = match error {
                RealtimeError::Gap { last_event_id } => Interrupt::Gap(last_event_id.clone()),
                RealtimeError::Lagged { .. } => Interrupt::Reopen,
                RealtimeError::Stopped(e) => Interrupt::Stopped(e.to_string()),
                RealtimeError::NoRuntime => Interrupt::Stopped(error.to_string()),
                // Reconnected by the client itself, or one undecodable frame skipped: logged,
                // as the client would without a listener.
                other => {
                    tracing::warn!(error = %other, "realtime stream of a consumer group");
                    return;
                }
            };
            let _ = interrupts.send(interrupt);
        });
        let events = realtime.subscribe(&self.pattern);
        Opened {
            interrupted,
            live: Some(Live {
                events,
                _errors: errors,
                _client: client,
            }),
        }
    }
}

/// One opening of the realtime stream, as the consumer loop's source.
struct Opened {
    interrupted: mpsc::UnboundedReceiver<Interrupt>,
    live: Option<Live>,
}

/// What keeps the connection open: the stream ends when its client is dropped.
struct Live {
    events: EventStream,
    _errors: Subscription,
    _client: CStarClient,
}

impl Stream for Opened {
    type Item = Result<Event, Interrupt>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Interruptions first: a gap is sent before the events that follow it are queued, so
        // no event after a gap is ever handled.
        if let Poll::Ready(Some(interrupt)) = self.interrupted.poll_recv(cx) {
            return Poll::Ready(Some(Err(interrupt)));
        }
        match self.live.as_mut() {
            Some(live) => Pin::new(&mut live.events).poll_next(cx).map(|e| e.map(Ok)),
            None => Poll::Ready(None),
        }
    }
}

impl ConsumerGroup {
    /// [`ConsumerGroup::consume`] fed by cStar's realtime stream: as the leader, builds the
    /// source's client with [`RealtimeConfig::resume_from`] set to the group's cursor, subscribes
    /// to the source's pattern, and runs `handler` on each event in the inbox transaction that
    /// moves the cursor. It runs as long as the stream does.
    ///
    /// # Errors
    ///
    /// [`ConsumeError::Gap`] when the server cannot resume after the cursor: nothing after it
    /// was handled; reconcile, then [`ConsumerGroup::skip_gap`] (see [`RealtimeSource`]).
    /// [`ConsumeError::Stopped`] when the connection cannot go on (a bad key).
    /// [`ConsumeError::Handler`] and [`ConsumeError::Store`] as for `consume`.
    pub async fn consume_realtime<F, E>(
        &self,
        inbox: &Inbox,
        source: &RealtimeSource,
        handler: F,
    ) -> Result<(), ConsumeError<E>>
    where
        F: for<'c> Fn(Event, &'c mut InboxClaim) -> BoxFuture<'c, Result<(), E>>
            + Send
            + Sync
            + 'static,
        E: Send + 'static,
    {
        self.consume_with(inbox, |cursor| source.open(cursor), handler)
            .await
    }

    /// Resolves a gap reported by [`ConsumeError::Gap`] once it was reconciled: clears the
    /// group's cursor, so that the next [`consume_realtime`](Self::consume_realtime) starts with
    /// the next live event. Only if the cursor still is `last_event_id`: `false` when it moved
    /// on meanwhile (another instance skipped the gap first, or consumed past it).
    ///
    /// # Errors
    ///
    /// The database cannot be reached.
    pub async fn skip_gap(&self, last_event_id: &str) -> Result<bool, StoreError> {
        let conn = self.pool().get().await.map_err(failed)?;
        let updated = conn
            .execute(SKIP_GAP, &[&self.name(), &last_event_id])
            .await
            .map_err(failed)?;
        Ok(updated == 1)
    }
}
