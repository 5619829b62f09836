//! The default HTTP client: reqwest over rustls on the ring provider, or native-tls on request.

#[cfg(all(feature = "rustls", not(target_arch = "wasm32")))]
use std::sync::Arc;

use crate::error::ConfigError;

/// Whether this build can speak https without a caller-supplied client (in the browser, fetch
/// always can).
pub(crate) const HAS_TLS: bool = cfg!(any(
    feature = "rustls",
    feature = "native-tls",
    target_arch = "wasm32"
));

/// A `reqwest::ClientBuilder` with this crate's TLS already set up: start from it to add a proxy,
/// custom roots or pool settings, then hand the client to `http_client(..)`.
///
/// Like the client every builder makes when given none, it honours `HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY` and `NO_PROXY` from the environment (reqwest's default, kept on: nothing here
/// calls `no_proxy`); `.proxy(..)` adds one of your own before them.
///
/// With the `rustls` feature, reqwest is built with `rustls-no-provider`, so a plain
/// `reqwest::Client::new()` anywhere in the program panics unless a process-wide rustls provider
/// is installed. This builder names the ring provider itself and never panics.
///
/// ```
/// let http = cstar_core::http_client_builder()?
///     .pool_max_idle_per_host(4)
///     .build()
///     .map_err(cstar_core::ConfigError::HttpClient)?;
/// let client = cstar_core::Client::builder().http_client(http).build()?;
/// # let _ = client;
/// # Ok::<(), cstar_core::Error>(())
/// ```
///
/// # Errors
///
/// [`ConfigError::Tls`] when the TLS configuration cannot be built.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, ConfigError> {
    let builder = reqwest::Client::builder();
    #[cfg(all(feature = "native-tls", not(target_arch = "wasm32")))]
    let builder = builder.tls_backend_native();
    #[cfg(all(
        feature = "rustls",
        not(feature = "native-tls"),
        not(target_arch = "wasm32")
    ))]
    let builder = builder.tls_backend_preconfigured(ring_rustls_config()?);
    Ok(builder)
}

/// Builds the client used when the caller hands in none.
pub(crate) fn default_http_client() -> Result<reqwest::Client, ConfigError> {
    http_client_builder()?
        .build()
        .map_err(ConfigError::HttpClient)
}

/// rustls with ring and the platform's trust store. reqwest is built with `rustls-no-provider`
/// (its default provider is aws-lc-rs), and a library must not install a process-wide provider
/// behind its host's back, so the provider is named here, per client.
#[cfg(all(feature = "rustls", not(target_arch = "wasm32")))]
fn ring_rustls_config() -> Result<rustls::ClientConfig, ConfigError> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ConfigError::Tls(e.to_string()))?
        .with_platform_verifier()
        .map_err(|e| ConfigError::Tls(e.to_string()))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_client_builds_without_a_global_provider() {
        assert!(super::default_http_client().is_ok());
    }
}
