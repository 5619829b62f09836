//! Errors found before any request is sent: keys, base URL, environment, arguments.

/// A problem with how the client was configured; found before anything is sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The API key is malformed. The message says why without repeating the key.
    #[error("invalid API key: {reason}")]
    InvalidApiKey {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A required setting was not given.
    #[error("missing setting: {name}")]
    Missing {
        /// The setting, e.g. `api_key`.
        name: &'static str,
    },
    /// A required environment variable is not set (or is not valid Unicode).
    #[error("environment variable {var} is not set")]
    MissingEnv {
        /// The variable, e.g. `CSTAR_SECRET_KEY`.
        var: &'static str,
    },
    /// The team id is empty or has characters that cannot be a path segment.
    #[error("invalid team id: {reason}")]
    InvalidTeamId {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The base URL could not be used.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A secret key would travel in clear text to a host that is not this machine.
    #[error(
        "refusing to send a secret key over plain http to {host}: use https, or a loopback \
         address for a local emulator"
    )]
    InsecureBaseUrl {
        /// The host the URL names.
        host: String,
    },
    /// A secret key was given to a customer-facing client. Those run in code shipped to
    /// customers' devices, where anyone can read a key: a secret key must never be there.
    #[error(
        "a secret key (sk_...) must never ship to a customer's device, and this client runs \
         there: give it a publishable key (pk_...) or none, and keep secret keys on your server"
    )]
    SecretKeyRefused,
    /// The base URL is https but this build has no TLS backend (features `rustls` and
    /// `native-tls` are both off) and no HTTP client was handed in.
    #[error("https needs a TLS backend: enable the `rustls` or `native-tls` feature")]
    TlsUnavailable,
    /// A header given to the builder cannot be sent, or is one the SDK sets itself.
    #[error("invalid header {name}: {reason}")]
    InvalidHeader {
        /// The header's name, as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("could not build the HTTP client")]
    HttpClient(#[source] reqwest::Error),
    /// The TLS configuration could not be built.
    #[error("could not build the TLS configuration: {0}")]
    Tls(String),
}
