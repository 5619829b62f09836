//! Forwarding the realtime stream into NATS JetStream, deduplicated by the server.
//!
//! The consumer group's leader publishes each event with `Nats-Msg-Id` = the event id and
//! waits for JetStream's acknowledgement; only then does it move the group's cursor (fenced by
//! its epoch). A leader that dies between the publish and the cursor leaves the cursor behind:
//! the next leader resumes there and publishes those events again, and JetStream drops them as
//! duplicates, as long as they come within the stream's duplicate window. So that window must
//! outlast a takeover and its replay: [`JetStreamForwarder::ensure_stream`] sets 10 minutes
//! (JetStream's own default is 2).
//!
//! ```no_run
//! use cstar_events::{ConsumerGroup, Inbox, JetStreamForwarder};
//!
//! # async fn run(inbox: Inbox, next_event: impl Fn() -> cstar_webhook::Event)
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! let forwarder = JetStreamForwarder::connect("nats://127.0.0.1:4222", "cstar.events").await?;
//! forwarder.ensure_stream("CSTAR").await?;
//! let leader = ConsumerGroup::new(&inbox, "to-nats").lead().await?;
//! // ...resume the realtime stream after leader.resume_from(), then for each event:
//! let event = next_event();
//! let published = forwarder.forward(&event, &leader.fence(), &inbox).await?;
//! println!("stream sequence {}, duplicate: {}", published.sequence, published.duplicate);
//! # Ok(()) }
//! ```

use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::header::NATS_MESSAGE_ID;
use async_nats::jetstream::{self, Context};
use cstar_webhook::Event;

use crate::group::{AdvanceError, Fence};
use crate::postgres::{Inbox, failed};
use crate::store::StoreError;

/// How long JetStream remembers message ids: a takeover and its replay must fit in it.
pub const DUPLICATE_WINDOW: Duration = Duration::from_secs(600);

fn nats_failed(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> StoreError {
    StoreError::new("nats", e)
}

/// What JetStream answered to one publish.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Published {
    /// The message's sequence in the stream (the original's, for a duplicate).
    pub sequence: u64,
    /// The server already had this event id within its duplicate window and dropped this copy.
    pub duplicate: bool,
}

/// Publishes cStar events to a JetStream subject with the event id as `Nats-Msg-Id`.
#[derive(Clone, Debug)]
pub struct JetStreamForwarder {
    jetstream: Context,
    subject: String,
}

impl JetStreamForwarder {
    /// Connects to NATS at `url` and publishes to `subject`.
    ///
    /// # Errors
    ///
    /// The server cannot be reached.
    pub async fn connect(url: &str, subject: impl Into<String>) -> Result<Self, StoreError> {
        let client = async_nats::connect(url).await.map_err(nats_failed)?;
        Ok(Self::new(jetstream::new(client), subject))
    }

    /// A forwarder on a JetStream context of your own (credentials, TLS, domain).
    pub fn new(jetstream: Context, subject: impl Into<String>) -> Self {
        Self {
            jetstream,
            subject: subject.into(),
        }
    }

    /// Creates the stream `name` over this forwarder's subject, with a duplicate window of
    /// [`DUPLICATE_WINDOW`], unless it exists (an existing stream is left as it is).
    ///
    /// # Errors
    ///
    /// JetStream refused or cannot be reached.
    pub async fn ensure_stream(&self, name: &str) -> Result<(), StoreError> {
        self.jetstream
            .get_or_create_stream(jetstream::stream::Config {
                name: name.to_owned(),
                subjects: vec![self.subject.clone()],
                duplicate_window: DUPLICATE_WINDOW,
                ..Default::default()
            })
            .await
            .map(drop)
            .map_err(nats_failed)
    }

    /// Publishes `event` (its JSON envelope) and waits for JetStream's acknowledgement.
    ///
    /// # Errors
    ///
    /// The publish was not acknowledged: it may or may not be stored; publishing again is
    /// safe (the server drops the copy).
    pub async fn publish(&self, event: &Event) -> Result<Published, StoreError> {
        let payload = serde_json::to_vec(event).map_err(nats_failed)?;
        let mut headers = HeaderMap::new();
        headers.insert(NATS_MESSAGE_ID, event.id.as_str());
        let ack = self
            .jetstream
            .publish_with_headers(self.subject.clone(), headers, payload.into())
            .await
            .map_err(nats_failed)?
            .await
            .map_err(nats_failed)?;
        Ok(Published {
            sequence: ack.sequence,
            duplicate: ack.duplicate,
        })
    }

    /// Publishes `event`, then, once JetStream acknowledged it, moves the group's cursor to it
    /// under `fence`.
    ///
    /// # Errors
    ///
    /// [`AdvanceError::FencedOut`] when another instance leads now (the message may be in the
    /// stream: the new leader's copy is dropped as a duplicate); [`AdvanceError::Store`] when
    /// NATS or PostgreSQL failed.
    pub async fn forward(
        &self,
        event: &Event,
        fence: &Fence,
        inbox: &Inbox,
    ) -> Result<Published, AdvanceError> {
        let published = self.publish(event).await.map_err(AdvanceError::Store)?;
        let conn = inbox
            .pool()
            .get()
            .await
            .map_err(|e| AdvanceError::Store(failed(e)))?;
        fence.advance_with(&**conn, &event.id).await?;
        Ok(published)
    }
}
