//! The one construction shape of the customer-facing clients (`LibraryClient`, `AuthClient`,
//! `ChatClient`, `CommunityClient`, `QuickHelpClient`, `ProactiveClient`).
//!
//! Each is made with `XClient::new(team_slug)`, or `XClient::builder(team_slug)` and the same
//! common setters (`base_url`, `publishable_key`, `timeout`, `max_retries`, `retry_policy`,
//! `http_client`, `api_version`, `default_header`, `user_agent_suffix`), followed by its own (a
//! session store, a polling interval ...), then `build()`. The common part is [`Options`] and the [`customer_builder!`](crate::customer_builder)
//! macro that gives each crate's builder its setters, written once here. `build()` refuses an
//! empty team and any secret key: these clients run in code shipped to customers' devices.

use std::time::Duration;

use crate::builder::ClientBuilder;
use crate::client::Client;
use crate::error::{ConfigError, Result};
use crate::key::ApiKey;
use crate::retry::RetryPolicy;

/// What every customer-facing client is configured with: its team and the transport. Built by
/// the crates' builders; it offers no admin setting (team id, offline queue).
pub struct Options {
    team: String,
    key: Option<String>,
    core: ClientBuilder,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("team", &self.team)
            .field("publishable_key", &self.key.as_ref().map(|_| "…"))
            .field("core", &self.core)
            .finish()
    }
}

/// A built [`Options`]: the transport and the team's slug, trimmed and checked.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Built {
    /// The transport.
    pub client: Client,
    /// The team's slug (or UUID).
    pub team: String,
}

impl Options {
    /// The options of the team with this slug (or UUID), at the default base URL.
    pub fn new(team: impl Into<String>) -> Self {
        Self {
            team: team.into(),
            key: None,
            core: ClientBuilder::new(),
        }
    }

    /// The base URL (default `https://www.cstar.help`), e.g. a local emulator's.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.core = self.core.base_url(url);
        self
    }

    /// A publishable key (`pk_...`); a secret one is refused by [`build`](Self::build).
    pub fn publishable_key(mut self, key: impl AsRef<str>) -> Self {
        self.key = Some(key.as_ref().to_owned());
        self
    }

    /// The per-attempt timeout (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.timeout(timeout);
        self
    }

    /// How many retries may follow a failed attempt (default 3; 0 disables retrying).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.core = self.core.max_retries(retries);
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.core = self.core.retry_policy(policy);
        self
    }

    /// Your own `reqwest::Client` (proxies, custom roots, a shared pool); start from
    /// [`http_client_builder`](crate::http_client_builder) to keep TLS on ring.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.core = self.core.http_client(client);
        self
    }

    /// Sends `CStar-Version: version` on every call.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.core = self.core.api_version(version);
        self
    }

    /// Adds headers from the caller's context on every attempt (see
    /// [`ClientBuilder::headers_from`](crate::ClientBuilder::headers_from)).
    pub fn headers_from(
        mut self,
        add: impl Fn(&mut reqwest::header::HeaderMap) + Send + Sync + 'static,
    ) -> Self {
        self.core = self.core.headers_from(add);
        self
    }

    /// Sends this header on every call (see
    /// [`ClientBuilder::default_header`](crate::ClientBuilder::default_header)).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.core = self.core.default_header(name, value);
        self
    }

    /// Names the app in `User-Agent` after the SDK.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.core = self.core.user_agent_suffix(suffix);
        self
    }

    /// Checks the settings and builds the transport.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config): an empty team
    /// ([`ConfigError::Missing`]), a secret key ([`ConfigError::SecretKeyRefused`]), a
    /// malformed key, or a bad base URL.
    pub fn build(self) -> Result<Built> {
        let team = self.team.trim().to_owned();
        if team.is_empty() {
            return Err(ConfigError::Missing { name: "team" }.into());
        }
        let mut core = self.core;
        if let Some(key) = self.key {
            if ApiKey::new(&key)?.is_secret() {
                return Err(ConfigError::SecretKeyRefused.into());
            }
            core = core.api_key(key);
        }
        Ok(Built {
            client: core.build()?,
            team,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn empty_teams_and_secret_keys_are_refused_with_reasons() {
        assert!(matches!(
            Options::new("  ").build(),
            Err(Error::Config(ConfigError::Missing { name: "team" }))
        ));
        let secret = Options::new("acme")
            .publishable_key("sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
            .build()
            .unwrap_err();
        assert!(matches!(
            secret,
            Error::Config(ConfigError::SecretKeyRefused)
        ));
        assert!(secret.to_string().contains("customer"), "{secret}");
        let built = Options::new(" acme ")
            .publishable_key("pk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
            .build()
            .unwrap();
        assert_eq!(built.team, "acme");
        assert!(built.client.api_key().is_some_and(|k| !k.is_secret()));
    }
}
