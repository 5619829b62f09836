//! `AuthClient`: customer accounts for one team.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cstar_core::reqwest::Method;
use cstar_core::{Call, Client, ClientBuilder, ConfigError, RequestSpec};
use serde::{Deserialize, Serialize};

use crate::error::{AuthError, Result};
use crate::session::{Customer, Session, SessionEvent, SignupOutcome, Token};
use crate::store::{MemoryStore, SessionStore};

/// How close to its expiry an access token is renewed before use.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(30);

type Listener = Arc<dyn Fn(&SessionEvent) + Send + Sync>;

struct Inner {
    client: Client,
    team: String,
    store: Box<dyn SessionStore>,
    listeners: Mutex<Vec<(u64, Listener)>>,
    next_listener: AtomicU64,
    /// One refresh at a time: calls that find the token expired wait for the first refresh.
    refreshing: tokio::sync::Mutex<()>,
    refresh_margin: Duration,
}

/// Customer accounts of one team (`@cstar.help/js/auth`'s `AuthClient`): signup, login, the
/// current customer, token refresh, logout, and a listener for session changes. No API key.
///
/// ```no_run
/// use cstar_auth::{AuthClient, FileStore, SignupOutcome};
///
/// # async fn demo() -> cstar_auth::Result<()> {
/// let auth = AuthClient::builder("acme").store(FileStore::new("session.json")).build()?;
/// let _guard = auth.on_session_change(|event| println!("session: {event:?}"));
/// match auth.signup("ada@example.com", "correct horse battery", Some("Ada")).await? {
///     SignupOutcome::SignedIn(session) => println!("hello {}", session.customer.email),
///     SignupOutcome::ConfirmationPending { email } => println!("check {email}"),
///     other => println!("{other:?}"),
/// }
/// // Later: a valid access token for the customer's calls, renewed when it expires.
/// let token = auth.access_token().await?;
/// # let _ = token; Ok(()) }
/// ```
#[derive(Clone)]
pub struct AuthClient {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthClient")
            .field("team", &self.inner.team)
            .finish_non_exhaustive()
    }
}

/// Unsubscribes its listener when dropped (or on [`off`](Self::off)).
#[must_use = "the listener is removed when the guard is dropped"]
pub struct ListenerGuard {
    inner: std::sync::Weak<Inner>,
    id: u64,
}

impl ListenerGuard {
    /// Removes the listener now.
    pub fn off(self) {}
}

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.upgrade() {
            inner
                .listeners
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .retain(|(id, _)| *id != self.id);
        }
    }
}

#[derive(Serialize)]
struct Credentials<'a> {
    email: &'a str,
    password: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RefreshBody<'a> {
    refresh_token: &'a str,
}

/// A signup answer: a session, or `{status: "confirmation_pending", email}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum SignupWire {
    SignedIn(Session),
    Pending { email: String },
}

impl AuthClient {
    /// The accounts of the team with this slug (or UUID), at `https://www.cstar.help`, with the
    /// session in memory.
    ///
    /// # Errors
    ///
    /// [`AuthError::Api`] with a config error for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: base URL, session store, timeouts.
    pub fn builder(team: impl Into<String>) -> AuthClientBuilder {
        AuthClientBuilder {
            team: team.into(),
            core: ClientBuilder::new(),
            store: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
        }
    }

    fn spec(&self, method: Method, template: &'static str, action: &'static str) -> RequestSpec {
        RequestSpec::new(method, template)
            .segments(["api", "auth"])
            .id_segment("team", &self.inner.team)
            .segments([action])
    }

    /// Creates the customer's account. Signed in at once, unless the team asks for email
    /// confirmation first. A taken email is a `Conflict`; a short password a `Validation` error
    /// naming `password`.
    ///
    /// # Errors
    ///
    /// [`AuthError::Api`] for the API's refusal; [`AuthError::Store`] when the session cannot
    /// be kept.
    pub async fn signup(
        &self,
        email: &str,
        password: &str,
        name: Option<&str>,
    ) -> Result<SignupOutcome> {
        let spec = self
            .spec(Method::POST, "/auth/{team}/signup", "signup")
            .json_body(&Credentials {
                email,
                password,
                name,
            });
        match Call::<SignupWire>::single(&self.inner.client, spec).await? {
            SignupWire::SignedIn(session) => {
                self.keep(&session, SessionEvent::SignedIn(session.customer.clone()))?;
                Ok(SignupOutcome::SignedIn(session))
            }
            SignupWire::Pending { email } => Ok(SignupOutcome::ConfirmationPending { email }),
        }
    }

    /// Signs the customer in. Wrong credentials are an `Authentication` error; an unconfirmed
    /// account a `Permission` error.
    ///
    /// # Errors
    ///
    /// [`AuthError::Api`] for the API's refusal; [`AuthError::Store`] when the session cannot
    /// be kept.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session> {
        let spec = self
            .spec(Method::POST, "/auth/{team}/login", "login")
            .json_body(&Credentials {
                email,
                password,
                name: None,
            });
        let session: Session = Call::single(&self.inner.client, spec).await?;
        self.keep(&session, SessionEvent::SignedIn(session.customer.clone()))?;
        Ok(session)
    }

    /// The stored session, if any (tokens included; they are redacted in `Debug`).
    ///
    /// # Errors
    ///
    /// [`AuthError::Store`] when the store cannot be read.
    pub fn session(&self) -> Result<Option<Session>> {
        Ok(self.inner.store.load()?)
    }

    /// The signed-in customer, as the session knows them (no request).
    ///
    /// # Errors
    ///
    /// [`AuthError::Store`] when the store cannot be read.
    pub fn customer(&self) -> Result<Option<Customer>> {
        Ok(self.session()?.map(|s| s.customer))
    }

    /// Whether a session is stored (its access token may need a refresh).
    pub fn is_authenticated(&self) -> bool {
        matches!(self.session(), Ok(Some(_)))
    }

    /// An access token valid for at least the refresh margin, renewed first when needed: attach
    /// it to the customer's calls.
    ///
    /// # Errors
    ///
    /// [`AuthError::NotSignedIn`] without a session, or when the refresh token was refused (the
    /// session is then cleared); [`AuthError::Api`] when the refresh could not be made.
    pub async fn access_token(&self) -> Result<Token> {
        let session = self.session()?.ok_or(AuthError::NotSignedIn)?;
        if !session.expires_within(self.inner.refresh_margin) {
            return Ok(session.access_token);
        }
        let _one_at_a_time = self.inner.refreshing.lock().await;
        // Another call may have refreshed while this one waited.
        let session = self.session()?.ok_or(AuthError::NotSignedIn)?;
        if !session.expires_within(self.inner.refresh_margin) {
            return Ok(session.access_token);
        }
        Ok(self.refresh_with(&session).await?.access_token)
    }

    /// Exchanges the refresh token for a new session now.
    ///
    /// # Errors
    ///
    /// As [`access_token`](Self::access_token).
    pub async fn refresh(&self) -> Result<Session> {
        let _one_at_a_time = self.inner.refreshing.lock().await;
        let session = self.session()?.ok_or(AuthError::NotSignedIn)?;
        self.refresh_with(&session).await
    }

    async fn refresh_with(&self, session: &Session) -> Result<Session> {
        let spec = self
            .spec(Method::POST, "/auth/{team}/refresh", "refresh")
            .json_body(&RefreshBody {
                refresh_token: session.refresh_token.expose(),
            });
        match Call::<Session>::single(&self.inner.client, spec).await {
            Ok(fresh) => {
                self.keep(&fresh, SessionEvent::Refreshed(fresh.customer.clone()))?;
                Ok(fresh)
            }
            Err(cstar_core::Error::Authentication(_)) => {
                // The server ended the session (revoked, or the refresh token expired).
                self.forget()?;
                Err(AuthError::NotSignedIn)
            }
            Err(other) => Err(other.into()),
        }
    }

    /// The signed-in customer, fresh from the server.
    ///
    /// # Errors
    ///
    /// As [`access_token`](Self::access_token), and [`AuthError::Api`] for the request.
    pub async fn current_customer(&self) -> Result<Customer> {
        let token = self.access_token().await?;
        let spec = self
            .spec(Method::GET, "/auth/{team}/me", "me")
            .bearer(token.expose());
        Ok(Call::single(&self.inner.client, spec).await?)
    }

    /// Ends the session: revokes it on the server, clears the store, tells the listeners. A
    /// session the server already ended is simply cleared.
    ///
    /// # Errors
    ///
    /// [`AuthError::Api`] when the server could not be told (the session stays, so that the
    /// logout can be retried); [`AuthError::Store`] when it cannot be cleared.
    pub async fn logout(&self) -> Result<()> {
        let Some(session) = self.session()? else {
            return Ok(());
        };
        let spec = self
            .spec(Method::POST, "/auth/{team}/logout", "logout")
            .bearer(session.access_token.expose());
        match Call::<serde_json::Value>::single(&self.inner.client, spec).await {
            Ok(_) | Err(cstar_core::Error::Authentication(_)) => self.forget(),
            Err(other) => Err(other.into()),
        }
    }

    /// Calls `listener` on every sign-in, refresh and sign-out, until the guard is dropped.
    pub fn on_session_change<F>(&self, listener: F) -> ListenerGuard
    where
        F: Fn(&SessionEvent) + Send + Sync + 'static,
    {
        let id = self.inner.next_listener.fetch_add(1, Ordering::Relaxed);
        self.inner
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id, Arc::new(listener)));
        ListenerGuard {
            inner: Arc::downgrade(&self.inner),
            id,
        }
    }

    fn keep(&self, session: &Session, event: SessionEvent) -> Result<()> {
        self.inner.store.save(session)?;
        self.notify(&event);
        Ok(())
    }

    fn forget(&self) -> Result<()> {
        self.inner.store.clear()?;
        self.notify(&SessionEvent::SignedOut);
        Ok(())
    }

    fn notify(&self, event: &SessionEvent) {
        // Called outside the lock, so a listener may subscribe or unsubscribe.
        let listeners: Vec<Listener> = self
            .inner
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(_, l)| Arc::clone(l))
            .collect();
        for listener in listeners {
            listener(event);
        }
    }
}

/// Builds an [`AuthClient`].
#[must_use = "a builder does nothing until .build() is called"]
pub struct AuthClientBuilder {
    team: String,
    core: ClientBuilder,
    store: Option<Box<dyn SessionStore>>,
    refresh_margin: Duration,
}

impl std::fmt::Debug for AuthClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthClientBuilder")
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

impl AuthClientBuilder {
    /// The base URL (default `https://www.cstar.help`), e.g. a local emulator's.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.core = self.core.base_url(url);
        self
    }

    /// Where the session is kept (default: memory).
    pub fn store(mut self, store: impl SessionStore) -> Self {
        self.store = Some(Box::new(store));
        self
    }

    /// How close to expiry an access token is renewed before use (default 30 s).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The per-attempt timeout (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.timeout(timeout);
        self
    }

    /// How many times a failed call is retried (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.core = self.core.max_retries(retries);
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`AuthError::Api`] with a config error for an empty team or a bad base URL.
    pub fn build(self) -> Result<AuthClient> {
        let team = self.team.trim().to_owned();
        if team.is_empty() {
            return Err(cstar_core::Error::from(ConfigError::Missing { name: "team" }).into());
        }
        let client = self.core.build()?;
        Ok(AuthClient {
            inner: Arc::new(Inner {
                client,
                team,
                store: self.store.unwrap_or_else(|| Box::new(MemoryStore::new())),
                listeners: Mutex::new(Vec::new()),
                next_listener: AtomicU64::new(0),
                refreshing: tokio::sync::Mutex::new(()),
                refresh_margin: self.refresh_margin,
            }),
        })
    }
}
