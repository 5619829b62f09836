//! Configuring and starting an emulator.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use tokio::net::{TcpListener, TcpSocket};

use crate::harness::chaos::Chaos;
use crate::harness::server::MockServer;
use crate::http::dispatch::handle;
use crate::model::ids::{api_key, uuid_v4};
use crate::model::{PaginationLayout, Settings, Team};
use crate::store::{Shared, State};

/// The listen backlog; tests open many connections at once.
const BACKLOG: u32 = 1024;

/// The prefix of the identity secret the emulator makes up when it is given none.
const IDENTITY_SECRET_PREFIX: &str = "idsec_test_";

/// Configures a [`MockServer`] before it starts. Every setting has a default, so
/// `MockServer::builder().start()` is the same as [`MockServer::start`].
///
/// ```
/// use cstar_mock::{MockServer, PaginationLayout};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = MockServer::builder()
///     .team_slug("globex")
///     .secret_key("sk_test_0123456789abcdefghijklmnopqrstuv")
///     .rate_limit_secret(5)
///     .pagination_layout(PaginationLayout::Legacy)
///     .start()
///     .await?;
/// assert_eq!(server.team_slug(), "globex");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
#[must_use = "a builder does nothing until .start() is awaited"]
pub struct MockServerBuilder {
    port: u16,
    team_id: Option<String>,
    team_slug: String,
    team_name: String,
    secret_key: Option<String>,
    publishable_key: Option<String>,
    identity_secret: Option<String>,
    settings: Settings,
    seed: usize,
    chaos_rate: f64,
    chaos_seed: Option<u64>,
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
            identity_secret: None,
            settings: Settings::default(),
            seed: 0,
            chaos_rate: 0.0,
            chaos_seed: None,
        }
    }
}

impl MockServerBuilder {
    /// The port on `127.0.0.1`; 0 (the default) picks a free one below the kernel's ephemeral
    /// range, so no other program's outgoing connection can take it while the emulator is
    /// stopped ([`MockServer::start_again`](crate::MockServer::start_again) rebinds it). A port
    /// a stopped emulator used can be bound again at once.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The team's id, used in `/api/v1/teams/{teamId}` (default: a random UUID v4).
    pub fn team_id(mut self, id: impl Into<String>) -> Self {
        self.team_id = Some(id.into());
        self
    }

    /// The team's slug (default `acme`).
    pub fn team_slug(mut self, slug: impl Into<String>) -> Self {
        self.team_slug = slug.into();
        self
    }

    /// The team's name (default `Acme Inc`).
    pub fn team_name(mut self, name: impl Into<String>) -> Self {
        self.team_name = name.into();
        self
    }

    /// The secret key the emulator accepts, `sk_test_...` or `sk_live_...` (default: `sk_test_`
    /// and 32 random base64url characters). Its prefix picks the environment its data lives in.
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(key.into());
        self
    }

    /// The publishable key the emulator accepts, `pk_test_...` or `pk_live_...` (default:
    /// `pk_test_` and 32 random base64url characters).
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.publishable_key = Some(key.into());
        self
    }

    /// Requests the secret key may make per 3600 s window (default 1000).
    pub fn rate_limit_secret(mut self, limit: u64) -> Self {
        self.settings.rate_limit_secret = limit;
        self
    }

    /// Requests one client IP may make to the public library routes (`/api/library/...`, no
    /// key) per 3600 s window (default 200, the figure an older cStar page gave).
    pub fn rate_limit_library(mut self, limit: u64) -> Self {
        self.settings.rate_limit_library = limit;
        self
    }

    /// How long a customer's access token (`/api/auth`) lasts (default 1 h); a test shortens it
    /// to see refreshes.
    pub fn customer_token_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.settings.customer_token_ttl = ttl;
        self
    }

    /// Makes signup wait for an email confirmation ([`MockServer::confirm_customer_email`])
    /// before the customer can log in (default off: signed in at once).
    ///
    /// [`MockServer::confirm_customer_email`]: crate::MockServer::confirm_customer_email
    pub fn require_email_confirmation(mut self, required: bool) -> Self {
        self.settings.require_email_confirmation = required;
        self
    }

    /// The chat identity-verification secret customers' backends sign identities with
    /// (default: `idsec_test_` + 32 random characters: a prefix of its own, because it is not
    /// the API key and signing with the API key is refused).
    pub fn identity_secret(mut self, secret: impl Into<String>) -> Self {
        self.identity_secret = Some(secret.into());
        self
    }

    /// Requests the publishable key may make per 3600 s window (default 100).
    pub fn rate_limit_publishable(mut self, limit: u64) -> Self {
        self.settings.rate_limit_publishable = limit;
        self
    }

    /// Where list responses put pagination (default [`PaginationLayout::Current`]).
    pub fn pagination_layout(mut self, layout: PaginationLayout) -> Self {
        self.settings.pagination = layout;
        self
    }

    /// How often an idle realtime stream (`/webhooks/listen`) sends a heartbeat comment
    /// (default 15 s, as cStar).
    pub fn heartbeat_interval(mut self, interval: std::time::Duration) -> Self {
        self.settings.heartbeat = interval;
        self
    }

    /// The delays before each retry of a failed webhook delivery (default
    /// [`DOCUMENTED_RETRY_SCHEDULE`](crate::DOCUMENTED_RETRY_SCHEDULE), cStar's 30 s to 24 h).
    /// A test compresses it, say to `vec![Duration::from_millis(50); 3]`: one first attempt
    /// and then one retry per entry.
    pub fn webhook_retry_schedule(mut self, delays: Vec<std::time::Duration>) -> Self {
        self.settings.webhook_retry_schedule = delays;
        self
    }

    /// How long a webhook receiver has to answer before the attempt counts as failed (default
    /// [`DOCUMENTED_RECEIVER_TIMEOUT`](crate::DOCUMENTED_RECEIVER_TIMEOUT), 10 s).
    pub fn webhook_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.settings.webhook_timeout = timeout;
        self
    }

    /// Starts with a team to explore: `count` customers, `count` tickets with short threads and
    /// `count` articles in five categories, plus eight members, in the secret key's environment.
    /// The same `count` gives the same content (ids and timestamps are fresh); `reset()` empties
    /// it all. Default 0: an empty team.
    pub fn seed(mut self, count: usize) -> Self {
        self.seed = count;
        self
    }

    /// Rewrites every successful API answer the way a real API drifts (default: none), so
    /// code can be tested against a cStar that moved on. Control routes and errors never drift.
    pub fn drift(mut self, drift: crate::Drift) -> Self {
        self.settings.drift = Some(drift);
        self
    }

    /// Lets browser pages from `origin` (such as `https://app.example.com`) call the
    /// customer-facing routes (library, auth, chat, community, QuickHelp, Proactive); call it
    /// once per origin. By default any origin may: the answer's `Access-Control-Allow-Origin`
    /// is the asking origin. Other origins get answers without CORS headers (so the browser
    /// hides them) and a 403 to their preflights. Admin routes refuse every browser.
    pub fn cors_origin(mut self, origin: impl Into<String>) -> Self {
        self.settings.cors_origins.push(origin.into());
        self
    }

    /// Chaos mode: each API request (a path under `/api/`) meets a random fault with
    /// probability `rate` (0 to 1; default 0, off): a 500, 502 or 503, a 429 with
    /// `Retry-After: 1`, a dropped connection, a response dropped after the request was applied,
    /// or a delay of 10 to 110 ms. Faults queued with [`MockServer::inject`] go first. Each
    /// faulted request shows its fault in [`RecordedRequest::fault`], with
    /// [`RecordedRequest::chaos`] set. The draws come from [`chaos_seed`](Self::chaos_seed)
    /// (default: a random one, read back with [`MockServer::chaos_seed`]): the same seed and the
    /// same requests in the same order meet the same faults, so a failing run can be replayed.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let server = cstar_mock::MockServer::builder().chaos(0.1).chaos_seed(42).start().await?;
    /// assert_eq!(server.chaos_seed(), Some(42));
    /// // ... run the code under test, then count what it survived:
    /// let faulted = server.requests().iter().filter(|r| r.chaos).count();
    /// # let _ = faulted;
    /// # Ok(()) }
    /// ```
    ///
    /// [`MockServer::inject`]: crate::MockServer::inject
    /// [`MockServer::chaos_seed`]: crate::MockServer::chaos_seed
    /// [`RecordedRequest::fault`]: crate::RecordedRequest::fault
    /// [`RecordedRequest::chaos`]: crate::RecordedRequest::chaos
    pub fn chaos(mut self, rate: f64) -> Self {
        self.chaos_rate = rate;
        self
    }

    /// The seed of chaos mode's draws (see [`chaos`](Self::chaos)).
    pub fn chaos_seed(mut self, seed: u64) -> Self {
        self.chaos_seed = Some(seed);
        self
    }

    /// Binds `127.0.0.1:<port>` and starts serving on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`io::ErrorKind::InvalidInput`] when a key has the wrong prefix or the chaos rate is not
    /// from 0 to 1; otherwise the error of
    /// binding the port (for example, it is taken).
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, like `tokio::spawn`.
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
        if !(0.0..=1.0).contains(&self.chaos_rate) {
            return Err(invalid("the chaos rate must be from 0 to 1"));
        }
        let chaos = (self.chaos_rate > 0.0).then(|| {
            let seed = self
                .chaos_seed
                .unwrap_or_else(crate::model::ids::random_u64);
            Chaos::new(self.chaos_rate, seed)
        });
        let team = Team {
            id: self.team_id.unwrap_or_else(uuid_v4),
            slug: self.team_slug,
            name: self.team_name,
            secret_key,
            publishable_key,
            // A prefix of its own, so that it is never mistaken for the API key (cStar's dashboard
            // shows both as `sk_..`; signing with the API key is refused).
            identity_secret: self
                .identity_secret
                .unwrap_or_else(|| api_key(IDENTITY_SECRET_PREFIX)),
        };

        let listener = bind(self.port)?;
        let addr = listener.local_addr()?;
        let mut state = State::new(team.clone(), self.settings);
        if self.seed > 0 {
            crate::harness::seed::seed(&mut state, self.seed).map_err(|failure| {
                io::Error::other(format!("seeding failed: {}", failure.message))
            })?;
        }
        let shared = Shared::new(state.with_chaos(chaos));
        Ok(MockServer::spawn(listener, shared, team, addr))
    }
}

/// A listening socket on `127.0.0.1:<port>` (0: a free port outside the ephemeral range).
pub(crate) fn bind(port: u16) -> io::Result<TcpListener> {
    // Windows lets `SO_REUSEADDR` bind a port another socket listens on, so picking a port
    // ourselves could land two emulators on one; there the kernel picks.
    if port != 0 || cfg!(not(unix)) {
        return bind_exactly(port);
    }
    // The kernel hands out port-0 binds and outgoing connections' local ports from its
    // ephemeral range: a port picked from there, once freed by `shutdown()`, can be taken by any
    // other test's client before `start_again()` rebinds it. Below that range only a process
    // that asks for the exact port can take it.
    let free = free_ports();
    let start = crate::model::ids::random_index(free.len().max(1));
    // Ports this process picked before are never picked again, so a server of this process
    // that was shut down finds its port free when it (or a test) rebinds it by number.
    let mut picked = PICKED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for offset in 0..free.len().min(PORT_TRIES) {
        let index = (start + offset) % free.len();
        let Ok(candidate) = u16::try_from(free.start + index) else {
            continue;
        };
        if picked.contains(&candidate) {
            continue;
        }
        if let Ok(listener) = bind_exactly(candidate) {
            picked.insert(candidate);
            return Ok(listener);
        }
    }
    bind_exactly(0)
}

/// The ports [`bind`] has handed out in this process.
static PICKED: std::sync::Mutex<std::collections::BTreeSet<u16>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// How many ports outside the ephemeral range [`bind`] tries before asking the kernel for one.
const PORT_TRIES: usize = 64;

/// The ports [`bind`] picks from: 20000 up to the ephemeral range (32768 on Linux by default,
/// 49152 elsewhere), or none if the ephemeral range starts lower.
fn free_ports() -> std::ops::Range<usize> {
    const FIRST: usize = 20_000;
    const EPHEMERAL_DEFAULT: usize = 32_768;
    let ephemeral = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<usize>().ok())
        .unwrap_or(EPHEMERAL_DEFAULT);
    FIRST..ephemeral.clamp(FIRST, EPHEMERAL_DEFAULT)
}

fn bind_exactly(port: u16) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // Lets a test stop the emulator and start a new one on the same port at once, while
    // the old connections sit in TIME_WAIT.
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    socket.listen(BACKLOG)
}

/// The app: one handler for everything, over the shared state.
pub(crate) fn app(shared: Shared) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.to_owned())
}
