//! The handle to a running emulator: where it listens, steering it, inspecting it, stopping it.

use crate::store::documents::Kind;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::harness::builder::MockServerBuilder;
use crate::harness::faults::Fault;
use crate::harness::request_log::RecordedRequest;
use crate::model::{PaginationLayout, Team};
use crate::store::Shared;

/// How long [`MockServer::shutdown`] lets in-flight requests finish before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// A running emulator on `127.0.0.1`.
///
/// Cheap to clone (the clones share one server). The server stops at
/// [`shutdown`](Self::shutdown), or when the last clone is dropped.
///
/// ```
/// use std::time::Duration;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = cstar_mock::MockServer::start().await?;
/// let tickets = format!("{}/api/v1/teams/{}/tickets", server.base_url(), server.team_id());
/// # let _ = tickets;
/// server.fail_next(1, 503);                        // the next API request answers 503
/// server.delay_next(1, Duration::from_millis(50)); // the one after waits 50 ms first
/// // ... drive the code under test against `tickets` with `server.secret_key()` ...
/// assert!(server.unexpected_requests().is_empty());
/// server.shutdown().await;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct MockServer {
    running: Arc<Running>,
}

#[derive(Debug)]
struct Running {
    shared: Shared,
    team: Team,
    addr: SocketAddr,
    base_url: String,
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
    /// Delivers webhooks for as long as this handle lives, across restarts.
    delivery: JoinHandle<()>,
}

impl Running {
    fn take_stop(&self) -> Option<oneshot::Sender<()>> {
        self.stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn take_task(&self) -> Option<JoinHandle<()>> {
        self.task
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shared.lock().events.close_streams();
        if let Some(stop) = self.take_stop() {
            let _ = stop.send(());
        }
        // Drop cannot wait for a graceful stop; aborting frees the port now.
        if let Some(task) = self.take_task() {
            task.abort();
        }
        self.delivery.abort();
    }
}

impl MockServer {
    /// Starts an emulator on a free port, with a random team id and random test keys.
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, like `tokio::spawn`.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// A builder, to choose the port, team, keys, rate limits or pagination layout.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    pub(crate) fn spawn(
        listener: TcpListener,
        shared: Shared,
        team: Team,
        addr: SocketAddr,
    ) -> Self {
        let (stop, task) = serve(listener, shared.clone());
        let delivery = crate::delivery::spawn_worker(shared.clone());
        Self {
            running: Arc::new(Running {
                shared,
                team,
                addr,
                base_url: format!("http://{addr}"),
                stop: Mutex::new(Some(stop)),
                task: Mutex::new(Some(task)),
                delivery,
            }),
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.running.base_url.clone()
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.running.addr.port()
    }

    /// The secret key it accepts.
    pub fn secret_key(&self) -> &str {
        &self.running.team.secret_key
    }

    /// The publishable key it accepts.
    pub fn publishable_key(&self) -> &str {
        &self.running.team.publishable_key
    }

    /// The chat identity-verification secret (sign customer identities with it).
    pub fn identity_secret(&self) -> &str {
        &self.running.team.identity_secret
    }

    /// Shows (`true`) or hides an agent as typing in a chat conversation, as the agent's
    /// dashboard would; the customer sees it through `GET .../typing`.
    pub fn set_agent_typing(&self, conversation_id: &str, agent_name: &str, typing: bool) {
        let mut state = self.running.shared.lock();
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

    /// The team's id, as used in `/api/v1/teams/{teamId}`.
    pub fn team_id(&self) -> &str {
        &self.running.team.id
    }

    /// The team's slug.
    pub fn team_slug(&self) -> &str {
        &self.running.team.slug
    }

    /// The team's name.
    pub fn team_name(&self) -> &str {
        &self.running.team.name
    }

    /// Queues a fault for one API request, after those already queued.
    ///
    /// Faults apply only to requests whose path starts with `/api/`, one per request, oldest
    /// first; a faulted request is still recorded.
    pub fn inject(&self, fault: Fault) {
        self.inject_n(fault, 1);
    }

    fn inject_n(&self, fault: Fault, count: usize) {
        self.running
            .shared
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
        self.running.shared.lock().faults.clear();
    }

    /// Delays every response by `delay` (a stalled server), or stops doing so with `None`.
    pub fn set_delay(&self, delay: Option<Duration>) {
        self.running.shared.lock().settings.delay = delay;
    }

    /// Sets the per-window limits of the secret and publishable keys (counts so far are kept).
    pub fn set_rate_limits(&self, secret: u64, publishable: u64) {
        let mut state = self.running.shared.lock();
        state.settings.rate_limit_secret = secret;
        state.settings.rate_limit_publishable = publishable;
    }

    /// Switches where list responses put pagination.
    pub fn set_pagination_layout(&self, layout: PaginationLayout) {
        self.running.shared.lock().settings.pagination = layout;
    }

    /// Every request received so far (control routes excepted), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.running.shared.lock().requests.clone()
    }

    /// The requests that matched no route: an SDK bug, or a route the emulator lacks. Tests
    /// should assert this is empty.
    pub fn unexpected_requests(&self) -> Vec<RecordedRequest> {
        self.running.shared.lock().unexpected.clone()
    }

    /// How many tickets exist, in both environments.
    pub fn ticket_count(&self) -> usize {
        self.running.shared.lock().ticket_count()
    }

    /// How many customers exist, in both environments.
    pub fn customer_count(&self) -> usize {
        self.running.shared.lock().doc_count(Kind::Customers)
    }

    /// How many articles exist, in both environments.
    pub fn article_count(&self) -> usize {
        self.running.shared.lock().doc_count(Kind::Articles)
    }

    /// How many webhooks exist, in both environments.
    pub fn webhook_count(&self) -> usize {
        self.running.shared.lock().doc_count(Kind::Webhooks)
    }

    /// Confirms a customer account's email (what clicking the confirmation mail does); `false`
    /// when no account has this email.
    pub fn confirm_customer_email(&self, email: &str) -> bool {
        let mut state = self.running.shared.lock();
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

    /// Whether the customer said they are typing in a chat conversation (what an agent's
    /// dashboard would show); sending a message clears it.
    pub fn customer_is_typing(&self, conversation_id: &str) -> bool {
        let state = self.running.shared.lock();
        state
            .chat
            .customer_typing
            .get(conversation_id)
            .copied()
            .unwrap_or(false)
    }

    /// Every webhook delivery attempt so far (the last 1000), oldest first.
    pub fn deliveries(&self) -> Vec<crate::Delivery> {
        self.running.shared.lock().deliveries.all()
    }

    /// How many ticket messages exist, in both environments.
    pub fn message_count(&self) -> usize {
        self.running.shared.lock().message_count()
    }

    /// The event log, oldest first: the newest 1000 events, each a webhook envelope
    /// `{id, type, created_at, team_id, data}`.
    pub fn events(&self) -> Vec<Value> {
        self.running.shared.lock().events.all()
    }

    /// Back to how it started: forgets all data, events, queued faults, the request logs,
    /// rate-limit counts and stored idempotent answers, and restores the settings it was built
    /// with (rate limits, pagination layout, no delay). The team, keys and port stay.
    pub fn reset(&self) {
        self.running.shared.lock().reset();
    }

    /// Stops accepting connections, lets in-flight requests finish (for up to 2 s, then cuts
    /// them), and frees the port. Other clones of this handle see a stopped server; calling it
    /// again does nothing.
    pub async fn shutdown(&self) {
        // Open event streams never end on their own; graceful shutdown would wait them out.
        self.running.shared.lock().events.close_streams();
        if let Some(stop) = self.running.take_stop() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.running.take_task() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
                let _ = task.await;
            }
        }
    }

    /// Stops serving (as [`shutdown`](Self::shutdown)) and serves again on the same port,
    /// keeping every record, event and setting: what a client sees when cStar restarts or the
    /// network drops. Open event streams end; clients reconnect and resume.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound again (another process took it meanwhile).
    pub async fn restart(&self) -> io::Result<()> {
        self.shutdown().await;
        self.start_again().await
    }

    /// Serves again on the same port after [`shutdown`](Self::shutdown), with the same records
    /// and events. Does nothing when the server is running.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound again.
    pub async fn start_again(&self) -> io::Result<()> {
        let mut task = self
            .running
            .task
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if task.is_some() {
            return Ok(());
        }
        let listener = crate::harness::builder::bind(self.running.addr.port())?;
        let (stop, serving) = serve(listener, self.running.shared.clone());
        *task = Some(serving);
        *self
            .running
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(stop);
        Ok(())
    }

    /// Publishes an event as a mutation would: it enters the event log (and so the realtime
    /// stream). Works while the server is stopped, to test what clients catch up on. Returns
    /// the envelope `{id, type, created_at, team_id, data}`.
    pub fn publish_event(&self, event_type: &str, data: Value) -> Value {
        let team = self.running.team.id.clone();
        self.running
            .shared
            .lock()
            .events
            .publish(event_type, &team, data)
    }
}

/// Serves the app on a listener until the stop signal.
fn serve(listener: TcpListener, shared: Shared) -> (oneshot::Sender<()>, JoinHandle<()>) {
    let app = crate::harness::builder::app(shared);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // The peer address feeds the library routes' per-IP rate limit.
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            tracing::warn!(error = %e, "cstar-mock stopped with an error");
        }
    });
    (stop, task)
}
