//! Everything the emulator remembers, behind one lock: a request is checked and applied
//! atomically (two requests with one idempotency key cannot both create).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde_json::Value;

use crate::events::EventLog;
use crate::faults::Fault;
use crate::idempotency::IdempotencyStore;
use crate::ratelimit::RateLimiter;
use crate::record::RecordedRequest;
use crate::store::DataSet;

/// How list responses lay out pagination.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationLayout {
    /// Top-level `pagination {page, pageSize, total, totalPages, hasMore}` (the newest docs).
    #[default]
    Current,
    /// `meta.pagination {page, pageSize, total, totalPages}` without `hasMore` (older docs).
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
}

/// Settings a test may change while the server runs.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) rate_limit_secret: u64,
    pub(crate) rate_limit_publishable: u64,
    pub(crate) pagination: PaginationLayout,
    pub(crate) delay: Option<Duration>,
}

/// The data environment a key reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Env {
    Live,
    Test,
}

/// The mutable state.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) team: Team,
    pub(crate) settings: Settings,
    pub(crate) data: HashMap<Env, DataSet>,
    pub(crate) idempotency: IdempotencyStore,
    pub(crate) rate: RateLimiter,
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) unexpected: Vec<RecordedRequest>,
    pub(crate) events: EventLog,
}

impl State {
    pub(crate) fn new(team: Team, settings: Settings) -> Self {
        Self {
            team,
            settings,
            data: HashMap::new(),
            idempotency: IdempotencyStore::default(),
            rate: RateLimiter::default(),
            faults: VecDeque::new(),
            requests: Vec::new(),
            unexpected: Vec::new(),
            events: EventLog::default(),
        }
    }

    pub(crate) fn data(&mut self, env: Env) -> &mut DataSet {
        self.data.entry(env).or_default()
    }

    /// Forgets data, faults, logs and counters; keeps the team and settings.
    pub(crate) fn reset(&mut self) {
        let team = self.team.clone();
        let settings = self.settings.clone();
        *self = Self::new(team, settings);
    }

    pub(crate) fn counts(&self) -> Value {
        let tickets: usize = self.data.values().map(|d| d.tickets.len()).sum();
        let messages: usize = self.data.values().map(DataSet::message_count).sum();
        serde_json::json!({
            "tickets": tickets,
            "messages": messages,
            "events": self.events.len(),
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
