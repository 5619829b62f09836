//! Starting, inspecting, steering and stopping an emulator.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpSocket;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::faults::Fault;
use crate::handler::handle;
use crate::ids::{api_key, uuid_v4};
use crate::record::RecordedRequest;
use crate::state::{Env, PaginationLayout, Settings, Shared, State, Team};

/// How long `shutdown` lets in-flight requests finish before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// A running emulator on `127.0.0.1`. Cheap to clone; the server stops when the last clone is
/// dropped, or at [`MockServer::shutdown`].
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
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            let _ = stop.send(());
        }
    }
}

impl MockServer {
    /// Starts an emulator on a free port with a random team and keys.
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// Starts a builder.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
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

    /// The team's UUID.
    pub fn team_id(&self) -> &str {
        &self.running.team.id
    }

    /// The team's slug.
    pub fn team_slug(&self) -> &str {
        &self.running.team.slug
    }

    /// Queues a fault for the next API request (after those already queued).
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

    /// The next `count` API requests answer `status` with an error envelope.
    pub fn fail_next(&self, count: usize, status: u16) {
        self.inject_n(Fault::Fail { status }, count);
    }

    /// The next `count` API requests wait `delay` before being handled.
    pub fn delay_next(&self, count: usize, delay: Duration) {
        self.inject_n(Fault::Delay { duration: delay }, count);
    }

    /// The next `count` API requests get a connection cut mid-response, unapplied.
    pub fn drop_connection_next(&self, count: usize) {
        self.inject_n(Fault::DropConnection, count);
    }

    /// The next `count` API requests are applied, then their connection is cut mid-response.
    pub fn drop_response_after_apply_next(&self, count: usize) {
        self.inject_n(Fault::DropResponseAfterApply, count);
    }

    /// The next `count` API requests get a 200 whose body is not valid JSON.
    pub fn malformed_body_next(&self, count: usize) {
        self.inject_n(Fault::MalformedBody, count);
    }

    /// The next `count` API requests get a 429 asking to wait `retry_after_secs`.
    pub fn rate_limit_next(&self, count: usize, retry_after_secs: u64) {
        self.inject_n(Fault::RateLimit { retry_after_secs }, count);
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.running.shared.lock().faults.clear();
    }

    /// Delays every response (a stalled server), or stops doing so with `None`.
    pub fn set_delay(&self, delay: Option<Duration>) {
        self.running.shared.lock().settings.delay = delay;
    }

    /// Sets the per-hour limits of the secret and publishable keys.
    pub fn set_rate_limits(&self, secret: u64, publishable: u64) {
        let mut state = self.running.shared.lock();
        state.settings.rate_limit_secret = secret;
        state.settings.rate_limit_publishable = publishable;
    }

    /// Switches the pagination layout of list responses.
    pub fn set_pagination_layout(&self, layout: PaginationLayout) {
        self.running.shared.lock().settings.pagination = layout;
    }

    /// Every request received so far (control routes excepted), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.running.shared.lock().requests.clone()
    }

    /// Requests that matched no route: an SDK bug, or a route the emulator lacks.
    pub fn unexpected_requests(&self) -> Vec<RecordedRequest> {
        self.running.shared.lock().unexpected.clone()
    }

    /// How many tickets exist, in all environments.
    pub fn ticket_count(&self) -> usize {
        self.running
            .shared
            .lock()
            .data
            .values()
            .map(|d| d.tickets.len())
            .sum()
    }

    /// How many ticket messages exist, in all environments.
    pub fn message_count(&self) -> usize {
        let state = self.running.shared.lock();
        state
            .data
            .values()
            .map(crate::store::DataSet::message_count)
            .sum()
    }

    /// How many tickets exist in the test environment.
    pub fn test_ticket_count(&self) -> usize {
        self.running
            .shared
            .lock()
            .data
            .get(&Env::Test)
            .map_or(0, |d| d.tickets.len())
    }

    /// The event log (the newest 1000 events), oldest first, as webhook envelopes.
    pub fn events(&self) -> Vec<Value> {
        self.running.shared.lock().events.all()
    }

    /// Forgets all data, faults, logs and rate-limit counters.
    pub fn reset(&self) {
        self.running.shared.lock().reset();
    }

    /// Stops accepting, lets in-flight requests finish (for up to 2 s), and frees the port.
    pub async fn shutdown(&self) {
        let stop = self
            .running
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(stop) = stop {
            let _ = stop.send(());
        }
        let task = self
            .running
            .task
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(mut task) = task {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
                let _ = task.await;
            }
        }
    }
}

/// Configures a [`MockServer`] before it starts.
#[derive(Clone, Debug)]
pub struct MockServerBuilder {
    port: u16,
    team_id: Option<String>,
    team_slug: String,
    team_name: String,
    secret_key: Option<String>,
    publishable_key: Option<String>,
    settings: Settings,
}

impl Default for MockServerBuilder {
    fn default() -> Self {
        Self {
            port: 0,
            team_id: None,
            team_slug: "acme".into(),
            team_name: "Acme Inc".into(),
            secret_key: None,
            publishable_key: None,
            settings: Settings {
                rate_limit_secret: 1000,
                rate_limit_publishable: 100,
                pagination: PaginationLayout::Current,
                delay: None,
            },
        }
    }
}

impl MockServerBuilder {
    /// The port (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The team UUID (random by default).
    pub fn team_id(mut self, id: impl Into<String>) -> Self {
        self.team_id = Some(id.into());
        self
    }

    /// The team slug (default `acme`).
    pub fn team_slug(mut self, slug: impl Into<String>) -> Self {
        self.team_slug = slug.into();
        self
    }

    /// The team name (default `Acme Inc`).
    pub fn team_name(mut self, name: impl Into<String>) -> Self {
        self.team_name = name.into();
        self
    }

    /// The secret key (`sk_test_` or `sk_live_` ...; random `sk_test_` by default).
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(key.into());
        self
    }

    /// The publishable key (`pk_test_` or `pk_live_` ...; random `pk_test_` by default).
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.publishable_key = Some(key.into());
        self
    }

    /// Requests per hour for the secret key (default 1000).
    pub fn rate_limit_secret(mut self, limit: u64) -> Self {
        self.settings.rate_limit_secret = limit;
        self
    }

    /// Requests per hour for the publishable key (default 100).
    pub fn rate_limit_publishable(mut self, limit: u64) -> Self {
        self.settings.rate_limit_publishable = limit;
        self
    }

    /// The pagination layout of list responses.
    pub fn pagination_layout(mut self, layout: PaginationLayout) -> Self {
        self.settings.pagination = layout;
        self
    }

    /// Binds `127.0.0.1:<port>` and starts serving on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// When a key has the wrong prefix, or the port cannot be bound.
    pub async fn start(self) -> io::Result<MockServer> {
        let secret_key = self.secret_key.unwrap_or_else(|| api_key("sk_test_"));
        let publishable_key = self.publishable_key.unwrap_or_else(|| api_key("pk_test_"));
        if !(secret_key.starts_with("sk_live_") || secret_key.starts_with("sk_test_")) {
            return Err(invalid(
                "the secret key must start with sk_live_ or sk_test_",
            ));
        }
        if !(publishable_key.starts_with("pk_live_") || publishable_key.starts_with("pk_test_")) {
            return Err(invalid(
                "the publishable key must start with pk_live_ or pk_test_",
            ));
        }
        let team = Team {
            id: self.team_id.unwrap_or_else(uuid_v4),
            slug: self.team_slug,
            name: self.team_name,
            secret_key,
            publishable_key,
        };

        let socket = TcpSocket::new_v4()?;
        // Lets a test stop the emulator and start a new one on the same port at once.
        socket.set_reuseaddr(true)?;
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port)))?;
        let listener = socket.listen(1024)?;
        let addr = listener.local_addr()?;

        let shared = Shared::new(State::new(team.clone(), self.settings));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::warn!(error = %e, "cstar-mock stopped with an error");
            }
        });
        Ok(MockServer {
            running: Arc::new(Running {
                shared,
                team,
                addr,
                base_url: format!("http://{addr}"),
                stop: Mutex::new(Some(stop)),
                task: Mutex::new(Some(task)),
            }),
        })
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.to_owned())
}
