//! Proactive help for Rust: the counterpart of `@cstar.help/js/proactive` ("signal
//! detection").
//!
//! cStar documents only the purpose, so this is our design (the emulator implements it, see its
//! README): your app reports what a visitor does as [`Signal`]s (page views, errors, rage
//! clicks, repeated failed actions, time on page); [`ProactiveClient`] batches them, and each
//! flush returns the [`Suggestion`]s the team's rules made of them (open the chat, show an
//! article, offer help), each at most once per visitor.
//!
//! ```no_run
//! use cstar_proactive::{ProactiveClient, Signal, SuggestionKind};
//!
//! # async fn demo() -> cstar_proactive::Result<()> {
//! let proactive = ProactiveClient::new("acme", "visitor-7f3a")?;
//! proactive.track(Signal::page_view("/checkout"));
//! proactive.track(Signal::failed_action("/checkout", "apply-coupon"));
//! proactive.track(Signal::failed_action("/checkout", "apply-coupon"));
//! for suggestion in proactive.flush().await? {
//!     if suggestion.kind == SuggestionKind::ShowArticle {
//!         println!("{}: {:?}", suggestion.message, suggestion.article.map(|a| a.title));
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Signals wait in memory until [`flush`](ProactiveClient::flush) (call it on a timer, or when
//! [`track`](ProactiveClient::track) says the batch is full); a failed flush keeps them for the
//! next one, up to [`MAX_PENDING`] (the oldest are dropped beyond that, and counted).
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use cstar_core::reqwest::Method;
use cstar_core::{Call, Client, ConfigError, RequestSpec};
use cstar_types::de::null_as_default;
use serde::{Deserialize, Serialize};

/// Signals sent in one request at most (the emulator's cap).
pub const BATCH_SIZE: usize = 100;
/// Signals kept while flushes fail; older ones are dropped beyond it.
pub const MAX_PENDING: usize = 1_000;

cstar_core::open_enum! {
    /// What a visitor did.
    pub enum SignalKind {
        /// Opened a page.
        PageView => "page_view",
        /// Hit an error.
        Error => "error",
        /// Clicked the same spot over and over.
        RageClick => "rage_click",
        /// Tried something that failed.
        FailedAction => "failed_action",
        /// Stayed on a page this long.
        TimeOnPage => "time_on_page",
    }
}

/// One thing a visitor did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Signal {
    /// What.
    #[serde(rename = "type")]
    pub kind: SignalKind,
    /// Where (a page path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The action that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The error's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Time on the page, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
}

impl Signal {
    fn new(kind: SignalKind, path: impl Into<String>) -> Self {
        Self {
            kind,
            path: Some(path.into()),
            action: None,
            message: None,
            duration_ms: None,
        }
    }

    /// A page was opened.
    pub fn page_view(path: impl Into<String>) -> Self {
        Self::new(SignalKind::PageView, path)
    }

    /// An error was shown.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            message: Some(message.into()),
            ..Self::new(SignalKind::Error, path)
        }
    }

    /// Rage clicks.
    pub fn rage_click(path: impl Into<String>) -> Self {
        Self::new(SignalKind::RageClick, path)
    }

    /// An action failed.
    pub fn failed_action(path: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            action: Some(action.into()),
            ..Self::new(SignalKind::FailedAction, path)
        }
    }

    /// Time spent on a page.
    pub fn time_on_page(path: impl Into<String>, duration: std::time::Duration) -> Self {
        Self {
            duration_ms: Some(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)),
            ..Self::new(SignalKind::TimeOnPage, path)
        }
    }
}

cstar_types::open_enum! {
    /// What the rules suggest; `Unknown("")` when not sent.
    pub enum SuggestionKind {
        /// Open the chat.
        OpenChat => "open_chat",
        /// Show this article.
        ShowArticle => "show_article",
        /// Offer help.
        OfferHelp => "offer_help",
    }
}

/// The article a suggestion points to: the shared [`cstar_types::Article`], with what a
/// suggestion carries (`id`, `slug`, `title`); the other fields read as their empty values.
pub type SuggestedArticle = cstar_types::Article;

/// What to offer the visitor. No field is required: a `null` or missing one reads as the empty
/// value its documentation names.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// What to do; `Unknown("")` when not sent.
    #[serde(rename = "type", default, deserialize_with = "null_as_default")]
    pub kind: SuggestionKind,
    /// The rule that fired; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub rule: Option<String>,
    /// A line to show; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub message: String,
    /// The article, for `show_article`; `None` when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub article: Option<SuggestedArticle>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Batch<'a> {
    visitor_id: &'a str,
    signals: &'a [Signal],
}

#[derive(Deserialize)]
struct BatchAnswer {
    #[serde(default, deserialize_with = "null_as_default")]
    suggestions: Vec<Suggestion>,
}

#[derive(Default)]
struct Pending {
    signals: VecDeque<Signal>,
    dropped: u64,
}

/// Reports one visitor's signals and receives suggestions.
#[derive(Clone)]
pub struct ProactiveClient {
    client: Client,
    team: String,
    visitor: String,
    pending: Arc<Mutex<Pending>>,
    flushing: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for ProactiveClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProactiveClient")
            .field("team", &self.team)
            .field("visitor", &self.visitor)
            .finish_non_exhaustive()
    }
}

impl ProactiveClient {
    /// Signals of `visitor` (an id you keep for them) to the team with this slug, at
    /// `https://www.cstar.help`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team or visitor.
    pub fn new(team: impl Into<String>, visitor: impl Into<String>) -> Result<Self> {
        Self::builder(team, visitor).build()
    }

    /// A builder: the common settings (base URL, timeouts, retries, your HTTP client).
    pub fn builder(team: impl Into<String>, visitor: impl Into<String>) -> ProactiveClientBuilder {
        ProactiveClientBuilder::new(team).visitor(visitor)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues a signal for the next flush; `true` when a full batch is waiting (flush now).
    pub fn track(&self, signal: Signal) -> bool {
        let mut pending = self.pending();
        if pending.signals.len() == MAX_PENDING {
            pending.signals.pop_front();
            pending.dropped += 1;
        }
        pending.signals.push_back(signal);
        pending.signals.len() >= BATCH_SIZE
    }

    /// How many signals wait.
    pub fn queued(&self) -> usize {
        self.pending().signals.len()
    }

    /// How many signals were dropped because flushes kept failing.
    pub fn dropped(&self) -> u64 {
        self.pending().dropped
    }

    /// Sends the waiting signals (in batches of [`BATCH_SIZE`]) and returns the suggestions they
    /// made. A batch that fails stays queued, with everything after it, for the next flush.
    ///
    /// # Errors
    ///
    /// The first failing batch's [`Error`].
    #[inline]
    pub async fn flush(&self) -> Result<Vec<Suggestion>> {
        let _one_at_a_time = self.flushing.lock().await;
        let mut suggestions = Vec::new();
        loop {
            let batch: Vec<Signal> = self
                .pending()
                .signals
                .iter()
                .take(BATCH_SIZE)
                .cloned()
                .collect();
            if batch.is_empty() {
                return Ok(suggestions);
            }
            let spec = RequestSpec::new(Method::POST, "/api/proactive/{team}/signals")
                .param("team", &self.team)
                .json_body(&Batch {
                    visitor_id: &self.visitor,
                    signals: &batch,
                });
            let answer: BatchAnswer = Call::single(&self.client, spec).await?;
            let mut pending = self.pending();
            let sent = batch.len().min(pending.signals.len());
            pending.signals.drain(..sent);
            drop(pending);
            suggestions.extend(answer.suggestions);
        }
    }
}

cstar_core::customer_builder! {
    /// Builds a [`ProactiveClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]), plus the visitor.
    pub struct ProactiveClientBuilder {
        visitor: String = String::new(),
    }
}

impl ProactiveClientBuilder {
    /// The visitor whose signals this client reports (an id you keep for them).
    pub fn visitor(mut self, visitor: impl Into<String>) -> Self {
        self.visitor = visitor.into();
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team or visitor, a secret key or a bad base URL.
    pub fn build(self) -> Result<ProactiveClient> {
        let visitor = self.visitor.trim().to_owned();
        if visitor.is_empty() {
            return Err(ConfigError::Missing { name: "visitor" }.into());
        }
        let built = self.common.build()?;
        Ok(ProactiveClient {
            client: built.client,
            team: built.team,
            visitor,
            pending: Arc::default(),
            flushing: Arc::default(),
        })
    }
}

pub use cstar_core::{Error, Result};
pub use cstar_types::ArticleId;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_batch_is_announced_and_the_oldest_signals_are_dropped_and_counted() {
        let client = ProactiveClient::new("acme", "visitor").unwrap();
        let full: Vec<bool> = (0..BATCH_SIZE)
            .map(|n| client.track(Signal::page_view(format!("/p{n}"))))
            .collect();
        assert!(
            !full[BATCH_SIZE - 2] && full[BATCH_SIZE - 1],
            "true once a batch is full"
        );
        for n in BATCH_SIZE..MAX_PENDING + 5 {
            client.track(Signal::page_view(format!("/p{n}")));
        }
        assert_eq!(client.queued(), MAX_PENDING);
        assert_eq!(client.dropped(), 5);
        let oldest = client
            .pending()
            .signals
            .front()
            .and_then(|s| s.path.clone());
        assert_eq!(oldest.as_deref(), Some("/p5"), "the oldest went first");
    }

    #[test]
    fn a_suggestion_survives_drift() {
        cstar_types::testing::drift_check(
            &serde_json::json!({"type": "show_article", "rule": "errors", "message": "Stuck?",
                "article": {"id": "art_1", "slug": "reset", "title": "Reset"}}),
            |v| serde_json::from_value::<Suggestion>(v.clone()),
        );
        let answer: BatchAnswer =
            serde_json::from_value(serde_json::json!({"suggestions": null})).unwrap();
        assert!(answer.suggestions.is_empty());
    }
}
