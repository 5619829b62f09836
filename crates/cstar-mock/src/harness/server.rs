//! The handle to a running emulator: where it listens, its team and keys, stopping and restarting
//! it (steering and inspection are in `harness::steering` and `harness::inspection`).

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::harness::builder::MockServerBuilder;
use crate::model::Team;
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

    /// The state the handle shares with the server task.
    pub(super) fn shared(&self) -> &Shared {
        &self.running.shared
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
