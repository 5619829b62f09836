//! [`ClientBuilder`]: the settings of a [`Client`], checked once when it is built.

use std::fmt;
use std::net::IpAddr;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderValue;
use url::{Host, Url};

use crate::base_url::BaseUrl;
use crate::client::{Client, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, Inner, TeamId};
use crate::error::{ConfigError, Error, Result};
use crate::headers::{default_headers, user_agent};
use crate::hook::{CallHook, HeadersFn};
use crate::key::ApiKey;
use crate::retry::RetryPolicy;
use crate::tls;

/// Builds a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use cstar_core::Client;
///
/// let client = Client::builder()
///     .api_key("sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
///     .team_id("8b7f3c1e-0000-4000-8000-000000000000")
///     .timeout(Duration::from_secs(10))
///     .max_retries(1)
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "https://www.cstar.help/");
/// # Ok::<(), cstar_core::Error>(())
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<std::result::Result<ApiKey, ConfigError>>,
    team_id: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_retries: Option<u32>,
    http: Option<reqwest::Client>,
    api_version: Option<String>,
    user_agent_suffix: Option<String>,
    default_headers: Vec<(String, String)>,
    headers_from: Option<Arc<HeadersFn>>,
    /// The hook on the execution seam; set by the module that provides it.
    pub(crate) hook: Option<Arc<dyn CallHook>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|k| k.as_ref().ok()))
            .field("team_id", &self.team_id)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// An empty builder: no key, no team, the default base URL, timeout and retries.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder from `CSTAR_SECRET_KEY`, `CSTAR_TEAM_ID` and, when set, `CSTAR_BASE_URL`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::MissingEnv`] when the key or team id is unset or empty.
    pub fn from_env() -> Result<Self> {
        let key = env_var("CSTAR_SECRET_KEY").ok_or(ConfigError::MissingEnv {
            var: "CSTAR_SECRET_KEY",
        })?;
        let team = env_var("CSTAR_TEAM_ID").ok_or(ConfigError::MissingEnv {
            var: "CSTAR_TEAM_ID",
        })?;
        let mut builder = Self::new().api_key(key).team_id(team);
        if let Some(url) = env_var("CSTAR_BASE_URL") {
            builder = builder.base_url(url);
        }
        Ok(builder)
    }

    /// The API key (`sk_*` or `pk_*`); checked when the client is built.
    pub fn api_key(mut self, key: impl AsRef<str>) -> Self {
        self.api_key = Some(ApiKey::new(key));
        self
    }

    /// The team UUID.
    pub fn team_id(mut self, team_id: impl Into<String>) -> Self {
        self.team_id = Some(team_id.into());
        self
    }

    /// The base URL (default [`DEFAULT_BASE_URL`]); a path prefix such as a proxy's is kept.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The per-attempt timeout (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many retries may follow a failed attempt (default 3; 0 disables retrying).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Uses this `reqwest::Client` (proxies, custom roots, a shared pool) instead of building one.
    /// Start from [`http_client_builder`](crate::http_client_builder) to keep TLS on ring.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends `CStar-Version: version` (e.g. `"2026-03-01"`) on every call, pinning the API
    /// version the app was written against.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Names the app after the SDK in `User-Agent` (`cstar-rs/0.1.0 app/1.2`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends this header on every call. A call's own [`Call::header`](crate::Call::header) of the
    /// same name wins over it; the headers the SDK sets itself (`Authorization`,
    /// `Idempotency-Key`, `User-Agent`, `Accept`, `Content-Type`, `Last-Event-ID`,
    /// `CStar-Version`) are refused when the client is built, so none is overwritten by accident.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Calls `add` on every attempt of every call, inside the attempt's `cstar.request` span,
    /// to add headers from the caller's context: a W3C `traceparent` from the current span, a
    /// tenant or correlation id kept in a task-local. The SDK depends on no tracing or
    /// OpenTelemetry version: the closure reads the context with the caller's own.
    ///
    /// Its headers go over the client's [`default_header`](Self::default_header)s, under a
    /// call's own [`Call::header`](crate::Call::header); the SDK's own headers (see
    /// [`default_header`](Self::default_header)) are left out of what it adds. Keep it quick: it
    /// runs on the call's task, before each send.
    ///
    /// ```
    /// use cstar_core::Client;
    /// use cstar_core::reqwest::header::HeaderValue;
    ///
    /// let client = Client::builder()
    ///     .headers_from(|headers| {
    ///         // With tracing-opentelemetry, inject the current span's context here instead.
    ///         let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    ///         headers.insert("traceparent", HeaderValue::from_static(traceparent));
    ///     })
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), cstar_core::Error>(())
    /// ```
    pub fn headers_from(
        mut self,
        add: impl Fn(&mut reqwest::header::HeaderMap) + Send + Sync + 'static,
    ) -> Self {
        self.headers_from = Some(Arc::new(add));
        self
    }

    /// Whether a team id was given.
    pub fn has_team_id(&self) -> bool {
        self.team_id.is_some()
    }

    /// Whether an API key was given.
    pub fn has_api_key(&self) -> bool {
        self.api_key.is_some()
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed key, team id or base URL, a secret key headed over plain
    /// http to a host that is not loopback, https without a TLS backend, or a failure to build the
    /// HTTP client.
    pub fn build(self) -> Result<Client> {
        let api_key = self.api_key.transpose()?;
        let team_id = self.team_id.map(validate_team_id).transpose()?;
        let base_url = parse_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;

        let secret = api_key.as_ref().is_some_and(ApiKey::is_secret);
        if secret && base_url.scheme() == "http" && !is_loopback(&base_url) {
            return Err(ConfigError::InsecureBaseUrl {
                host: base_url.host_str().unwrap_or_default().to_owned(),
            }
            .into());
        }
        let http = match self.http {
            Some(http) => http,
            None if base_url.scheme() == "https" && !tls::HAS_TLS => {
                return Err(ConfigError::TlsUnavailable.into());
            }
            None => tls::default_http_client()?,
        };
        let authorization = api_key
            .as_ref()
            .map(|key| bearer(key.expose_secret()))
            .transpose()?;
        let mut retry = self.retry.unwrap_or_default();
        if let Some(n) = self.max_retries {
            retry = retry.with_max_retries(n);
        }
        let client = Client::from_inner(Inner {
            http,
            base_url: BaseUrl::new(base_url, team_id.as_ref()),
            api_key,
            authorization,
            team_id,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            retry,
            user_agent: user_agent(self.user_agent_suffix.as_deref())?,
            default_headers: default_headers(self.default_headers, self.api_version)?,
            headers_from: self.headers_from,
            last_meta: Mutex::new(None),
            hook: self.hook,
            closed: AtomicBool::new(false),
        });
        if let Some(hook) = client.hook() {
            hook.on_build(&client);
        }
        Ok(client)
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The `Authorization` value, marked sensitive so that reqwest and hyper never print it.
fn bearer(secret: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {secret}")).map_err(|_| {
        ConfigError::InvalidApiKey {
            reason: "it cannot be sent in an HTTP header",
        }
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn validate_team_id(team_id: String) -> Result<TeamId, ConfigError> {
    let trimmed = team_id.trim();
    if trimmed.is_empty() {
        return Err(ConfigError::InvalidTeamId {
            reason: "it is empty",
        });
    }
    if trimmed.len() != team_id.len() {
        return Err(ConfigError::InvalidTeamId {
            reason: "it has leading or trailing whitespace",
        });
    }
    if team_id.chars().any(|c| c == '/' || c.is_control()) {
        return Err(ConfigError::InvalidTeamId {
            reason: "it contains '/' or control characters",
        });
    }
    Ok(TeamId::from(team_id))
}

fn parse_base_url(raw: &str) -> Result<Url, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.host().is_none() || url.cannot_be_a_base() {
        return Err(invalid("it has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SK: &str = "sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6";
    const PK: &str = "pk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6";

    fn config_error(builder: ClientBuilder) -> ConfigError {
        match builder.build() {
            Err(Error::Config(e)) => e,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn secret_keys_stay_off_plain_http_except_loopback() {
        let remote = Client::builder()
            .api_key(SK)
            .base_url("http://api.example.com");
        assert!(matches!(
            config_error(remote),
            ConfigError::InsecureBaseUrl { .. }
        ));
        for local in [
            "http://127.0.0.1:1",
            "http://localhost:8080",
            "http://[::1]:9",
            "http://127.9.9.9",
        ] {
            assert!(
                Client::builder()
                    .api_key(SK)
                    .base_url(local)
                    .build()
                    .is_ok(),
                "{local}"
            );
        }
        let publishable = Client::builder()
            .api_key(PK)
            .base_url("http://api.example.com");
        assert!(publishable.build().is_ok());
    }

    #[test]
    fn bad_settings_are_config_errors() {
        assert!(matches!(
            config_error(Client::builder().api_key("nope")),
            ConfigError::InvalidApiKey { .. }
        ));
        for url in ["ftp://x", "not a url", "https://x/?q=1", "mailto:a@b"] {
            assert!(
                matches!(
                    config_error(Client::builder().base_url(url)),
                    ConfigError::InvalidBaseUrl { .. }
                ),
                "{url}"
            );
        }
        for team in ["", " t", "a/b"] {
            assert!(matches!(
                config_error(Client::builder().team_id(team)),
                ConfigError::InvalidTeamId { .. }
            ));
        }
    }

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::builder().api_key(SK).team_id("t").build().unwrap();
        let shown = format!("{client:?} {:?}", Client::builder().api_key(SK));
        assert!(!shown.contains("a1B2c3D4e5F6g7H8i9J0k"), "{shown}");
    }
}
