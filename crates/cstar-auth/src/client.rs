//! `AuthClient`: customer accounts for one team.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cstar_core::reqwest::Method;
use cstar_core::session::{
    self as store, MemoryStore, SessionStore, Token, TokenFuture, TokenSource,
};
use cstar_core::{Call, Client, Error, RequestSpec, Result, Subscription};
use serde::{Deserialize, Serialize};

use crate::session::{Customer, Session, SessionEvent, SignupOutcome};

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
    /// [`Error::Config`] for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: the common settings (base URL, timeouts, retries, your HTTP client), the
    /// session store and the refresh margin.
    pub fn builder(team: impl Into<String>) -> AuthClientBuilder {
        AuthClientBuilder::new(team)
    }

    fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template).param("team", &self.inner.team)
    }

    /// Creates the customer's account. Signed in at once, unless the team asks for email
    /// confirmation first. A taken email is a `Conflict`; a short password a `Validation` error
    /// naming `password`.
    ///
    /// # Errors
    ///
    /// The API's refusal, or [`Error::SessionStore`] when the session cannot be kept.
    #[inline]
    pub async fn signup(
        &self,
        email: &str,
        password: &str,
        name: Option<&str>,
    ) -> Result<SignupOutcome> {
        let spec = self
            .spec(Method::POST, "/api/auth/{team}/signup")
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
    /// The API's refusal, or [`Error::SessionStore`] when the session cannot be kept.
    #[inline]
    pub async fn login(&self, email: &str, password: &str) -> Result<Session> {
        let spec = self
            .spec(Method::POST, "/api/auth/{team}/login")
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
    /// [`Error::SessionStore`] when the store cannot be read.
    pub fn session(&self) -> Result<Option<Session>> {
        store::load_json(self.inner.store.as_ref())
    }

    /// The signed-in customer, as the session knows them (no request).
    ///
    /// # Errors
    ///
    /// [`Error::SessionStore`] when the store cannot be read.
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
    /// [`Error::NotSignedIn`] without a session, or when the refresh token was refused (the
    /// session is then cleared); the refresh call's error when it could not be made.
    #[inline]
    pub async fn access_token(&self) -> Result<Token> {
        let session = self.session()?.ok_or(Error::NotSignedIn)?;
        if !session.expires_within(self.inner.refresh_margin) {
            return Ok(session.access_token);
        }
        let _one_at_a_time = self.inner.refreshing.lock().await;
        // Another call may have refreshed while this one waited.
        let session = self.session()?.ok_or(Error::NotSignedIn)?;
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
    #[inline]
    pub async fn refresh(&self) -> Result<Session> {
        let _one_at_a_time = self.inner.refreshing.lock().await;
        let session = self.session()?.ok_or(Error::NotSignedIn)?;
        self.refresh_with(&session).await
    }

    async fn refresh_with(&self, session: &Session) -> Result<Session> {
        let spec = self
            .spec(Method::POST, "/api/auth/{team}/refresh")
            .json_body(&RefreshBody {
                refresh_token: session.refresh_token.expose_secret(),
            });
        match Call::<Session>::single(&self.inner.client, spec).await {
            Ok(fresh) => {
                self.keep(&fresh, SessionEvent::Refreshed(fresh.customer.clone()))?;
                Ok(fresh)
            }
            Err(cstar_core::Error::Authentication(_)) => {
                // The server ended the session (revoked, or the refresh token expired).
                self.forget()?;
                Err(Error::NotSignedIn)
            }
            Err(other) => Err(other),
        }
    }

    /// The signed-in customer, fresh from the server, with the session's access token (renewed
    /// first when it expired). Without a session, [`Error::NotSignedIn`] and nothing is sent.
    #[inline]
    pub fn current_customer(&self) -> Call<Customer> {
        let spec = self
            .spec(Method::GET, "/api/auth/{team}/me")
            .bearer_from(Arc::new(self.clone()));
        Call::single(&self.inner.client, spec)
    }

    /// Ends the session: revokes it on the server, clears the store, tells the listeners. A
    /// session the server already ended is simply cleared.
    ///
    /// # Errors
    ///
    /// The call's error when the server could not be told (the session stays, so that the
    /// logout can be retried); [`Error::SessionStore`] when it cannot be cleared.
    #[inline]
    pub async fn logout(&self) -> Result<()> {
        let Some(session) = self.session()? else {
            return Ok(());
        };
        let spec = self
            .spec(Method::POST, "/api/auth/{team}/logout")
            .bearer(session.access_token.expose_secret());
        match Call::<serde_json::Value>::single(&self.inner.client, spec).await {
            Ok(_) | Err(cstar_core::Error::Authentication(_)) => self.forget(),
            Err(other) => Err(other),
        }
    }

    /// Calls `listener` on every sign-in, refresh and sign-out, until the subscription is
    /// dropped (or [`unsubscribe`](Subscription::unsubscribe)d).
    pub fn on_session_change<F>(&self, listener: F) -> Subscription
    where
        F: Fn(&SessionEvent) + Send + Sync + 'static,
    {
        let id = self.inner.next_listener.fetch_add(1, Ordering::Relaxed);
        self.inner
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id, Arc::new(listener)));
        let inner = Arc::downgrade(&self.inner);
        Subscription::new(move || {
            if let Some(inner) = inner.upgrade() {
                inner
                    .listeners
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .retain(|(listener, _)| *listener != id);
            }
        })
    }

    fn keep(&self, session: &Session, event: SessionEvent) -> Result<()> {
        store::save_json(self.inner.store.as_ref(), session)?;
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

impl TokenSource for AuthClient {
    /// [`AuthClient::access_token`]: the session's token, renewed first when it expires.
    fn access_token(&self) -> TokenFuture<'_> {
        Box::pin(AuthClient::access_token(self))
    }
}

cstar_core::customer_builder! {
    /// Builds an [`AuthClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]), plus the session store and the refresh margin.
    pub struct AuthClientBuilder {
        store: Option<Box<dyn SessionStore>> = None,
        refresh_margin: Duration = DEFAULT_REFRESH_MARGIN,
    }
}

impl AuthClientBuilder {
    /// Where the session is kept (default: memory; [`FileStore`](crate::FileStore) keeps it
    /// between runs).
    pub fn store(mut self, store: impl SessionStore) -> Self {
        self.store = Some(Box::new(store));
        self
    }

    /// How close to expiry an access token is renewed before use (default 30 s).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team, a secret key or a bad base URL.
    pub fn build(self) -> Result<AuthClient> {
        let built = self.common.build()?;
        Ok(AuthClient {
            inner: Arc::new(Inner {
                client: built.client,
                team: built.team,
                store: self.store.unwrap_or_else(|| Box::new(MemoryStore::new())),
                listeners: Mutex::new(Vec::new()),
                next_listener: AtomicU64::new(0),
                refreshing: tokio::sync::Mutex::new(()),
                refresh_margin: self.refresh_margin,
            }),
        })
    }
}
