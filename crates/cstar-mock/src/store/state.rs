//! Everything the emulator remembers, behind one lock: a request is checked and applied
//! atomically (two requests with one idempotency key cannot both create).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde_json::{Value, json};

use crate::api::auth::Accounts;
use crate::delivery::DeliveryLog;
use crate::harness::chaos::Chaos;
use crate::harness::faults::Fault;
use crate::harness::request_log::RecordedRequest;
use crate::http::idempotency::IdempotencyStore;
use crate::http::ratelimit::RateLimiter;
use crate::model::{Env, Settings, Team};
use crate::store::documents::Kind;
use crate::store::events::EventLog;
use crate::store::records::DataSet;

/// The mutable state.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) team: Team,
    pub(crate) settings: Settings,
    /// The settings the server started with, which [`State::reset`] restores.
    initial_settings: Settings,
    /// Chaos mode, when on: a random fault for a share of the API requests.
    pub(crate) chaos: Option<Chaos>,
    /// Chaos as the server started, which [`State::reset`] restores (rewinding its generator).
    initial_chaos: Option<Chaos>,
    pub(crate) data: HashMap<Env, DataSet>,
    pub(crate) idempotency: IdempotencyStore,
    pub(crate) rate: RateLimiter,
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) unexpected: Vec<RecordedRequest>,
    pub(crate) events: EventLog,
    pub(crate) deliveries: DeliveryLog,
    pub(crate) accounts: Accounts,
    pub(crate) chat: crate::api::chat::ChatState,
    pub(crate) forum: crate::api::community::Forum,
    pub(crate) proactive: crate::api::proactive::Visitors,
}

impl State {
    pub(crate) fn new(team: Team, settings: Settings) -> Self {
        Self {
            team,
            initial_settings: settings.clone(),
            chaos: None,
            initial_chaos: None,
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
            chat: crate::api::chat::ChatState::default(),
            forum: crate::api::community::Forum::default(),
            proactive: crate::api::proactive::Visitors::default(),
        }
    }

    /// The environment the customer-facing surfaces serve without a key: the one the team's
    /// secret key reaches, so an admin client built from the emulator's defaults sees and feeds
    /// what customers see (live behind a `sk_live_` key, test behind the default `sk_test_`).
    pub(crate) fn customer_env(&self) -> Env {
        crate::http::keys::env_of(&self.team.secret_key)
    }

    pub(crate) fn data(&mut self, env: Env) -> &mut DataSet {
        self.data.entry(env).or_default()
    }

    /// Back to how the server started: no data, faults, logs or counters, and the settings it
    /// was built with (a shared emulator must not carry one test's stall into the next).
    /// Starts (and, after a reset, restarts) with this chaos setting.
    pub(crate) fn with_chaos(mut self, chaos: Option<Chaos>) -> Self {
        self.initial_chaos.clone_from(&chaos);
        self.chaos = chaos;
        self
    }

    pub(crate) fn reset(&mut self) {
        let team = self.team.clone();
        let settings = self.initial_settings.clone();
        let chaos = self.initial_chaos.take();
        *self = Self::new(team, settings).with_chaos(chaos);
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
