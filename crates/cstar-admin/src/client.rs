//! `CStarClient`: the server-side client for the admin API.

use std::time::Duration;

use cstar_core::reqwest::Method;
use cstar_core::{
    Call, Client, ClientBuilder, ConfigError, Meta, RequestSpec, Result, RetryPolicy, TeamId,
};

use crate::articles::Articles;
use crate::categories::Categories;
use crate::customers::Customers;
use crate::members::Members;
use crate::raw::RawRequest;
use crate::scope::TeamScope;
use crate::tickets::Tickets;
use crate::webhooks::Webhooks;
use crate::whoami::WhoAmI;

/// The admin API client, for servers holding a secret key (`@cstar.help/js`'s `CStarClient`).
///
/// Cheap to clone; clones share one connection pool and one `last_meta`.
///
/// ```no_run
/// use cstar_admin::{CStarClient, CreateTicket, Priority};
///
/// # async fn demo() -> cstar_admin::Result<()> {
/// let cstar = CStarClient::from_env()?; // CSTAR_SECRET_KEY, CSTAR_TEAM_ID, CSTAR_BASE_URL
/// let ticket = cstar
///     .tickets()
///     .create(CreateTicket::new("Refund request").priority(Priority::High))
///     .idempotency_key("refund-order-1042")
///     .await?;
/// println!("created {} ({:?})", ticket.id, cstar.last_meta().and_then(|m| m.request_id));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct CStarClient {
    pub(crate) scope: TeamScope,
    #[cfg(feature = "realtime")]
    realtime: std::sync::Arc<crate::realtime::Hub>,
}

impl CStarClient {
    /// A client for this key and team, with the default base URL, timeout and retries.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for a malformed key or team id.
    pub fn new(api_key: impl AsRef<str>, team_id: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).team_id(team_id).build()
    }

    /// A client from `CSTAR_SECRET_KEY`, `CSTAR_TEAM_ID` and, when set, `CSTAR_BASE_URL`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) when a variable is missing or malformed.
    pub fn from_env() -> Result<Self> {
        CStarClientBuilder::with_core(ClientBuilder::from_env()?).build()
    }

    /// Starts a builder.
    pub fn builder() -> CStarClientBuilder {
        CStarClientBuilder::default()
    }

    /// Tickets and their messages.
    pub fn tickets(&self) -> Tickets {
        Tickets::new(self.scope.clone())
    }

    /// Customers.
    pub fn customers(&self) -> Customers {
        Customers::new(self.scope.clone())
    }

    /// Knowledge-base articles.
    pub fn articles(&self) -> Articles {
        Articles::new(self.scope.clone())
    }

    /// Knowledge-base categories.
    pub fn categories(&self) -> Categories {
        Categories::new(self.scope.clone())
    }

    /// Webhook subscriptions.
    pub fn webhooks(&self) -> Webhooks {
        Webhooks::new(self.scope.clone())
    }

    /// Team members.
    pub fn members(&self) -> Members {
        Members::new(self.scope.clone())
    }

    /// Any route, for the API families this crate does not type: `path` is relative to the
    /// team (`/tags`) or absolute from `/api/`. Auth, retries, idempotency, errors and
    /// metadata work as for every typed call. See [`RawRequest`].
    pub fn request(&self, method: Method, path: &str) -> RawRequest {
        RawRequest::new(self.scope.clone(), method, path)
    }

    /// Which team, key type and environment this client's key belongs to.
    #[inline]
    pub fn whoami(&self) -> Call<WhoAmI> {
        let spec = RequestSpec::new(Method::GET, "/api/v1/auth/whoami");
        Call::single(&self.scope.client, spec)
    }

    /// The metadata of the last successful call (the JS SDK's `lastMeta`). Concurrent calls
    /// overwrite it; `.with_meta()` on a call gives that call's own.
    pub fn last_meta(&self) -> Option<Meta> {
        self.scope.client.last_meta()
    }

    /// The team this client is scoped to.
    pub fn team_id(&self) -> &TeamId {
        &self.scope.team_id
    }

    /// Realtime events: `on(pattern, handler)`, `subscribe(pattern)` and the connection's
    /// state. One connection per client (and its clones), opened with the first subscription.
    #[cfg(feature = "realtime")]
    pub fn realtime(&self) -> crate::realtime::Realtime {
        crate::realtime::Realtime::new(std::sync::Arc::clone(&self.realtime))
    }

    /// The offline queue (`enqueue`, `flush`, `len`, `items`, `clear`), when the client was built
    /// with [`CStarClientBuilder::offline`].
    #[cfg(feature = "offline")]
    pub fn offline_queue(&self) -> Option<crate::offline::OfflineQueue> {
        self.scope.client.offline_queue()
    }

    /// Closes the client and every clone of it (the JS SDK's `destroy()`): the realtime
    /// connection and the offline queue's probe stop, and this waits until they have ended; the
    /// durable offline store is left between two of its atomic steps, so nothing queued is lost.
    /// Every later call fails with [`Error::Closed`](crate::Error::Closed). Dropping the last
    /// clone without closing also ends them, a little later.
    #[inline]
    pub async fn close(&self) {
        // Closing the transport first makes a reader racing to reconnect fail at once.
        self.scope.client.close().await;
        #[cfg(feature = "realtime")]
        self.realtime.close().await;
    }

    /// The underlying transport, for building calls this crate does not wrap yet.
    pub fn core(&self) -> &Client {
        &self.scope.client
    }
}

/// Builds a [`CStarClient`]; the key and team id are required.
#[derive(Debug, Default)]
pub struct CStarClientBuilder {
    inner: ClientBuilder,
    #[cfg(feature = "realtime")]
    realtime: crate::realtime::RealtimeConfig,
}

impl CStarClientBuilder {
    fn with_core(inner: ClientBuilder) -> Self {
        Self {
            inner,
            #[cfg(feature = "realtime")]
            realtime: crate::realtime::RealtimeConfig::default(),
        }
    }

    /// The secret (or publishable, read-only) API key.
    pub fn api_key(mut self, key: impl AsRef<str>) -> Self {
        self.inner = self.inner.api_key(key);
        self
    }

    /// The team UUID.
    pub fn team_id(mut self, team_id: impl Into<String>) -> Self {
        self.inner = self.inner.team_id(team_id);
        self
    }

    /// Keeps mutations (creates, updates, deletes, messages) that cannot reach cStar in `store`
    /// and sends them, in order and with their idempotency keys, once it answers again: such a
    /// call returns [`Error::Queued`](crate::Error::Queued). A
    /// [`MemoryStore`](crate::offline::MemoryStore) outlives outages, a
    /// [`RedbStore`](crate::offline::RedbStore) crashes too. See [`crate::offline`].
    #[cfg(feature = "offline")]
    pub fn offline(mut self, store: impl crate::offline::QueueStore) -> Self {
        self.inner = self.inner.offline(store);
        self
    }

    /// How often to check whether cStar is back while queued items wait (default 15 s).
    #[cfg(feature = "offline")]
    pub fn offline_probe_interval(mut self, interval: Duration) -> Self {
        self.inner = self.inner.offline_probe_interval(interval);
        self
    }

    /// Whether the offline queue is flushed in the background once cStar answers again (default
    /// `true`, the JS `disableAutoFlush: false`); with `false` items wait for
    /// [`OfflineQueue::flush`](crate::offline::OfflineQueue::flush). After
    /// [`offline`](Self::offline).
    #[cfg(feature = "offline")]
    pub fn offline_auto_flush(mut self, auto_flush: bool) -> Self {
        self.inner = self.inner.offline_auto_flush(auto_flush);
        self
    }

    /// Sends `CStar-Version: version` (e.g. `"2026-03-01"`) on every call.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.inner = self.inner.api_version(version);
        self
    }

    /// Sends this header on every call; a call's own `.header(..)` wins over it, and the SDK's
    /// own headers cannot be set this way (see [`ClientBuilder::default_header`]).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.inner = self.inner.default_header(name, value);
        self
    }

    /// Adds headers from the caller's context on every attempt, inside its `cstar.request`
    /// span: a W3C `traceparent` for distributed tracing (see
    /// [`ClientBuilder::headers_from`]).
    pub fn headers_from(
        mut self,
        add: impl Fn(&mut cstar_core::reqwest::header::HeaderMap) + Send + Sync + 'static,
    ) -> Self {
        self.inner = self.inner.headers_from(add);
        self
    }

    /// Names the app in `User-Agent` after the SDK (`cstar-rs/0.1.0 app/1.2`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.inner = self.inner.user_agent_suffix(suffix);
        self
    }

    /// The base URL (default `https://www.cstar.help`), e.g. a local emulator's.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.inner = self.inner.base_url(url);
        self
    }

    /// The per-attempt timeout (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.inner = self.inner.timeout(timeout);
        self
    }

    /// How many retries may follow a failed attempt (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.inner = self.inner.max_retries(retries);
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.inner = self.inner.retry_policy(policy);
        self
    }

    /// Uses this `reqwest::Client` instead of building one.
    pub fn http_client(mut self, client: cstar_core::reqwest::Client) -> Self {
        self.inner = self.inner.http_client(client);
        self
    }

    /// How the realtime connection reconnects, buffers and where it connects.
    #[cfg(feature = "realtime")]
    pub fn realtime(mut self, config: crate::realtime::RealtimeConfig) -> Self {
        self.realtime = config;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) when the key or team id is missing or malformed,
    /// or for any problem [`ClientBuilder::build`] reports.
    pub fn build(self) -> Result<CStarClient> {
        if !self.inner.has_api_key() {
            return Err(ConfigError::Missing { name: "api_key" }.into());
        }
        if !self.inner.has_team_id() {
            return Err(ConfigError::Missing { name: "team_id" }.into());
        }
        let client = self.inner.build()?;
        let team_id = client
            .team_id()
            .cloned()
            .ok_or(ConfigError::Missing { name: "team_id" })?;
        let scope = TeamScope { client, team_id };
        Ok(CStarClient {
            #[cfg(feature = "realtime")]
            realtime: std::sync::Arc::new(crate::realtime::Hub::new(scope.clone(), self.realtime)),
            scope,
        })
    }
}
