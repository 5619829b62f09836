//! Everything the emulator remembers, behind one lock: a request is checked and applied
//! atomically (two requests with one idempotency key cannot both create).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde_json::{Value, json};

use crate::customer_auth::Accounts;
use crate::delivery::{DOCUMENTED_RECEIVER_TIMEOUT, DOCUMENTED_RETRY_SCHEDULE, DeliveryLog};
use crate::docs::Kind;
use crate::events::EventLog;
use crate::faults::Fault;
use crate::idempotency::IdempotencyStore;
use crate::ratelimit::RateLimiter;
use crate::record::RecordedRequest;
use crate::store::DataSet;

/// Where list responses put their pagination object.
///
/// The documentation shows both layouts; the SDK must read either, so the emulator can serve
/// either (see [`MockServerBuilder::pagination_layout`](crate::MockServerBuilder::pagination_layout)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationLayout {
    /// Top-level `pagination: {page, pageSize, total, totalPages, hasMore}` next to `data`, and
    /// `meta: {requestId, timestamp}` (the newest documentation).
    #[default]
    Current,
    /// No top-level object; `meta.pagination: {page, pageSize, total, totalPages}` without
    /// `hasMore` (the older API reference pages).
    Legacy,
}

/// The team the emulator serves.
#[derive(Clone, Debug)]
pub(crate) struct Team {
    pub(crate) id: String,
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) secret_key: String,
    pub(crate) publishable_key: String,
    /// The chat widget's identity-verification secret (a setting of its own in cStar).
    pub(crate) identity_secret: String,
}

/// Settings a test may change while the server runs.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) rate_limit_secret: u64,
    pub(crate) rate_limit_publishable: u64,
    /// Requests per client IP per window on the public library routes.
    pub(crate) rate_limit_library: u64,
    pub(crate) pagination: PaginationLayout,
    pub(crate) delay: Option<Duration>,
    /// How long a customer's access token lasts.
    pub(crate) customer_token_ttl: Duration,
    /// Whether signup waits for an email confirmation before the customer can log in.
    pub(crate) require_email_confirmation: bool,
    /// How often an idle realtime stream sends a comment line.
    pub(crate) heartbeat: Duration,
    /// The delays before each retry of a failed webhook delivery.
    pub(crate) webhook_retry_schedule: Vec<Duration>,
    /// How long a webhook receiver has to answer.
    pub(crate) webhook_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rate_limit_secret: 1000,
            rate_limit_publishable: 100,
            rate_limit_library: 200,
            pagination: PaginationLayout::Current,
            delay: None,
            customer_token_ttl: Duration::from_secs(3600),
            require_email_confirmation: false,
            heartbeat: Duration::from_secs(15),
            webhook_retry_schedule: DOCUMENTED_RETRY_SCHEDULE.to_vec(),
            webhook_timeout: DOCUMENTED_RECEIVER_TIMEOUT,
        }
    }
}

/// The data environment a key reaches: test and live keys see separate data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Env {
    Live,
    Test,
}

impl Env {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Test => "test",
        }
    }
}

/// Secret keys may write; publishable keys only read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Secret,
    Publishable,
}

impl KeyKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Secret => "secret",
            Self::Publishable => "publishable",
        }
    }
}

/// The mutable state.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) team: Team,
    pub(crate) settings: Settings,
    /// The settings the server started with, which [`State::reset`] restores.
    initial_settings: Settings,
    pub(crate) data: HashMap<Env, DataSet>,
    pub(crate) idempotency: IdempotencyStore,
    pub(crate) rate: RateLimiter,
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) unexpected: Vec<RecordedRequest>,
    pub(crate) events: EventLog,
    pub(crate) deliveries: DeliveryLog,
    pub(crate) accounts: Accounts,
    pub(crate) chat: crate::chat::ChatState,
    pub(crate) forum: crate::community::Forum,
    pub(crate) proactive: crate::proactive::Visitors,
}

impl State {
    pub(crate) fn new(team: Team, settings: Settings) -> Self {
        Self {
            team,
            initial_settings: settings.clone(),
            settings,
            data: HashMap::new(),
            idempotency: IdempotencyStore::default(),
            rate: RateLimiter::default(),
            faults: VecDeque::new(),
            requests: Vec::new(),
            unexpected: Vec::new(),
            events: EventLog::default(),
            deliveries: DeliveryLog::default(),
            accounts: Accounts::default(),
            chat: crate::chat::ChatState::default(),
            forum: crate::community::Forum::default(),
            proactive: crate::proactive::Visitors::default(),
        }
    }

    pub(crate) fn data(&mut self, env: Env) -> &mut DataSet {
        self.data.entry(env).or_default()
    }

    /// Back to how the server started: no data, faults, logs or counters, and the settings it
    /// was built with (a shared emulator must not carry one test's stall into the next).
    pub(crate) fn reset(&mut self) {
        let team = self.team.clone();
        let settings = self.initial_settings.clone();
        *self = Self::new(team, settings);
    }

    pub(crate) fn ticket_count(&self) -> usize {
        self.data.values().map(|d| d.tickets.len()).sum()
    }

    pub(crate) fn message_count(&self) -> usize {
        self.data.values().map(DataSet::message_count).sum()
    }

    /// How many documents of a kind exist, across environments.
    pub(crate) fn doc_count(&self, kind: Kind) -> usize {
        self.data
            .values()
            .map(|d| match kind {
                Kind::Customers => d.customers.len(),
                Kind::Articles => d.articles.len(),
                Kind::Categories => d.categories.len(),
                Kind::Webhooks => d.webhooks.len(),
                Kind::Members => d.members.len(),
                Kind::CustomerGroups => d.customer_groups.len(),
                Kind::CustomFields => d.custom_fields.len(),
                Kind::Views => d.views.len(),
                Kind::SlaRules => d.sla_rules.len(),
                Kind::Automations => d.automations.len(),
                Kind::CommunityPosts => d.community_posts.len(),
            })
            .sum()
    }

    /// What `GET /__cstar_mock/state` shows.
    pub(crate) fn counts(&self) -> Value {
        json!({
            "tickets": self.ticket_count(),
            "messages": self.message_count(),
            "customers": self.doc_count(Kind::Customers),
            "articles": self.doc_count(Kind::Articles),
            "categories": self.doc_count(Kind::Categories),
            "webhooks": self.doc_count(Kind::Webhooks),
            "events": self.events.len(),
            "deliveries": self.deliveries.len(),
            "requests": self.requests.len(),
            "unexpectedRequests": self.unexpected.len(),
            "faultsQueued": self.faults.len(),
        })
    }
}

/// The state shared by the server task and the [`MockServer`](crate::MockServer) handle.
#[derive(Clone, Debug)]
pub(crate) struct Shared(Arc<Mutex<State>>);

impl Shared {
    pub(crate) fn new(state: State) -> Self {
        Self(Arc::new(Mutex::new(state)))
    }

    /// The state; a panic in another holder does not make the emulator unusable.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
