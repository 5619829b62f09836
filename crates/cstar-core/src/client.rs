//! The configured client: base URL, credentials, timeouts, retry policy and the HTTP pool.
//! [`ClientBuilder`](crate::ClientBuilder) (in `builder`) checks the settings and makes one.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use url::Url;

use crate::base_url::BaseUrl;
use crate::builder::ClientBuilder;
use crate::hook::CallHook;
use crate::key::ApiKey;
use crate::meta::Meta;
use crate::retry::RetryPolicy;

/// Where requests go when no base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://www.cstar.help";

/// How long one attempt may take by default (the JS SDK's `timeout: 30000`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The `User-Agent` every request carries (followed by the app's
/// [`user_agent_suffix`](ClientBuilder::user_agent_suffix) when one is given).
pub const USER_AGENT: &str = concat!("cstar-rs/", env!("CARGO_PKG_VERSION"));

crate::define_id!(
    /// A team's UUID, the `{teamId}` of `/api/v1/teams/{teamId}/...`.
    TeamId
);

/// A configured connection to cStar, cheap to clone (an `Arc` inside) and safe to share.
///
/// Entry-point crates wrap it (`CStarClient`, ...); it is public so that they, and users with
/// special needs, can build [`Call`](crate::Call)s on it.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: BaseUrl,
    pub(crate) api_key: Option<ApiKey>,
    pub(crate) authorization: Option<HeaderValue>,
    pub(crate) team_id: Option<TeamId>,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: HeaderValue,
    /// The app's headers and `CStar-Version`, sent on every call before the SDK's own.
    pub(crate) default_headers: HeaderMap,
    /// The app's per-attempt headers (trace context), see [`crate::hook::HeadersFn`].
    pub(crate) headers_from: Option<Arc<crate::hook::HeadersFn>>,
    pub(crate) last_meta: Mutex<Option<Meta>>,
    /// The one hook on the execution seam (see [`crate::hook`]).
    pub(crate) hook: Option<Arc<dyn CallHook>>,
    pub(crate) closed: AtomicBool,
}

/// A [`Client`] that does not keep it alive: for background work that should end with it.
#[derive(Clone)]
#[cfg_attr(not(feature = "offline"), allow(dead_code))]
pub(crate) struct WeakClient(Weak<Inner>);

#[cfg_attr(not(feature = "offline"), allow(dead_code))]
impl WeakClient {
    /// The client, while a clone of it lives and it is not closed.
    pub(crate) fn upgrade(&self) -> Option<Client> {
        self.0
            .upgrade()
            .map(|inner| Client { inner })
            .filter(|client| !client.is_closed())
    }
}

impl Client {
    /// Starts a builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub(crate) fn from_inner(inner: Inner) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    #[cfg_attr(not(feature = "offline"), allow(dead_code))]
    pub(crate) fn downgrade(&self) -> WeakClient {
        WeakClient(Arc::downgrade(&self.inner))
    }

    /// The hook on the execution seam, if one was installed.
    pub(crate) fn hook(&self) -> Option<&Arc<dyn CallHook>> {
        self.inner.hook.as_ref()
    }

    /// Closes the client and its clones: background work hooked to it (the offline queue's
    /// probe) stops and is waited for; the durable offline store is left as its last completed
    /// step left it (every push and removal is atomic). Every later call fails with
    /// [`Error::Closed`](crate::Error::Closed). Calls already running finish their current
    /// attempt. Dropping the last clone without closing stays fine: background work notices and
    /// ends.
    pub async fn close(&self) {
        if self.inner.closed.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(hook) = &self.inner.hook {
            hook.close().await;
        }
    }

    /// Whether [`close`](Self::close) was called on this client or a clone.
    pub fn is_closed(&self) -> bool {
        self.inner.closed.load(Ordering::SeqCst)
    }

    /// The base URL requests are resolved against.
    pub fn base_url(&self) -> &Url {
        self.inner.base_url.root()
    }

    /// The API key, if the client has one.
    pub fn api_key(&self) -> Option<&ApiKey> {
        self.inner.api_key.as_ref()
    }

    /// The team id, if the client has one.
    pub fn team_id(&self) -> Option<&TeamId> {
        self.inner.team_id.as_ref()
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// The metadata of the last successful call made through this client or its clones, like
    /// the JS SDK's `lastMeta`. Concurrent calls overwrite each other's; use `.with_meta()` on a
    /// call to get its own.
    pub fn last_meta(&self) -> Option<Meta> {
        self.inner
            .last_meta
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn store_last_meta(&self, meta: Meta) {
        *self
            .inner
            .last_meta
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(meta);
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.root().as_str())
            .field("api_key", &self.inner.api_key)
            .field("team_id", &self.inner.team_id)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}
