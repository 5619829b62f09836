//! Steering a running emulator from a test: faults, stalls, rate limits, the pagination layout,
//! and what an agent or a customer would do elsewhere (typing, confirming an email).

use std::time::Duration;

use crate::harness::chaos::Chaos;
use crate::harness::faults::Fault;
use crate::harness::server::MockServer;
use crate::model::PaginationLayout;

impl MockServer {
    /// Turns chaos mode on with this rate and seed (see
    /// [`MockServerBuilder::chaos`](crate::MockServerBuilder::chaos)), restarting its draws, or
    /// off with a rate of 0. The rate is clamped to 0..=1. [`reset`](Self::reset) goes back to
    /// the chaos the server was built with.
    pub fn set_chaos(&self, rate: f64, seed: u64) {
        let chaos = Chaos::new(rate, seed);
        self.shared().lock().chaos = (chaos.rate() > 0.0).then_some(chaos);
    }

    /// The seed chaos mode draws from, when it is on: what to pass to
    /// [`chaos_seed`](crate::MockServerBuilder::chaos_seed) to replay a run.
    pub fn chaos_seed(&self) -> Option<u64> {
        self.shared().lock().chaos.as_ref().map(Chaos::seed)
    }

    /// Shows (`true`) or hides an agent as typing in a chat conversation, as the agent's
    /// dashboard would; the customer sees it through `GET .../typing`.
    pub fn set_agent_typing(&self, conversation_id: &str, agent_name: &str, typing: bool) {
        let mut state = self.shared().lock();
        let agents = state
            .chat
            .agent_typing
            .entry(conversation_id.to_owned())
            .or_default();
        agents.retain(|name| name != agent_name);
        if typing {
            agents.push(agent_name.to_owned());
        }
    }

    /// Queues a fault for one API request, after those already queued.
    ///
    /// Faults apply only to requests whose path starts with `/api/`, one per request, oldest
    /// first; a faulted request is still recorded.
    pub fn inject(&self, fault: Fault) {
        self.inject_n(fault, 1);
    }

    fn inject_n(&self, fault: Fault, count: usize) {
        self.shared()
            .lock()
            .faults
            .extend(std::iter::repeat_n(fault, count));
    }

    /// The next `count` API requests answer `status` with an error envelope, unapplied.
    pub fn fail_next(&self, count: usize, status: u16) {
        self.inject_n(Fault::Fail { status }, count);
    }

    /// The next `count` API requests wait `delay`, then are handled normally.
    pub fn delay_next(&self, count: usize, delay: Duration) {
        self.inject_n(Fault::Delay { duration: delay }, count);
    }

    /// The next `count` API requests get a 200 whose connection is cut mid-body, unapplied.
    pub fn drop_connection_next(&self, count: usize) {
        self.inject_n(Fault::DropConnection, count);
    }

    /// The next `count` API requests are applied (and their idempotent answer stored), then
    /// their connection is cut mid-body: a retry with the same `Idempotency-Key` must replay.
    pub fn drop_response_after_apply_next(&self, count: usize) {
        self.inject_n(Fault::DropResponseAfterApply, count);
    }

    /// The next `count` API requests get a 200 whose body is truncated JSON, unapplied.
    pub fn malformed_body_next(&self, count: usize) {
        self.inject_n(Fault::MalformedBody, count);
    }

    /// The next `count` API requests get a 429 with `Retry-After: retry_after_secs`, unapplied.
    pub fn rate_limit_next(&self, count: usize, retry_after_secs: u64) {
        self.inject_n(Fault::RateLimit { retry_after_secs }, count);
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.shared().lock().faults.clear();
    }

    /// Delays every response by `delay` (a stalled server), or stops doing so with `None`.
    pub fn set_delay(&self, delay: Option<Duration>) {
        self.shared().lock().settings.delay = delay;
    }

    /// Sets the per-window limits of the secret and publishable keys (counts so far are kept).
    pub fn set_rate_limits(&self, secret: u64, publishable: u64) {
        let mut state = self.shared().lock();
        state.settings.rate_limit_secret = secret;
        state.settings.rate_limit_publishable = publishable;
    }

    /// Switches where list responses put pagination.
    pub fn set_pagination_layout(&self, layout: PaginationLayout) {
        self.shared().lock().settings.pagination = layout;
    }

    /// Confirms a customer account's email (what clicking the confirmation mail does); `false`
    /// when no account has this email.
    pub fn confirm_customer_email(&self, email: &str) -> bool {
        let mut state = self.shared().lock();
        match state
            .accounts
            .by_email
            .get_mut(&email.trim().to_lowercase())
        {
            Some(account) => {
                account.confirmed = true;
                true
            }
            None => false,
        }
    }
}
