//! Settings a test may change while the server runs, and the pagination layouts.

use std::time::Duration;

/// cStar's retry delays after a failed attempt: 30 s, 2 min, 10 min, 1 h, 6 h, 24 h.
pub const DOCUMENTED_RETRY_SCHEDULE: [Duration; 6] = [
    Duration::from_secs(30),
    Duration::from_secs(120),
    Duration::from_secs(600),
    Duration::from_secs(3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(24 * 3600),
];

/// How long a receiver has to answer (the current documentation; older pages say 30 s).
pub const DOCUMENTED_RECEIVER_TIMEOUT: Duration = Duration::from_secs(10);

/// Where list responses put their pagination object.
///
/// The documentation shows both layouts; the SDK must read either, so the emulator can serve
/// either (see [`MockServerBuilder::pagination_layout`](crate::MockServerBuilder::pagination_layout)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationLayout {
    /// Top-level `pagination: {page, pageSize, total, totalPages, hasMore}` next to `data`, and
    /// `meta: {requestId, timestamp}` (the newest documentation).
    #[default]
    Current,
    /// No top-level object; `meta.pagination: {page, pageSize, total, totalPages}` without
    /// `hasMore` (the older API reference pages).
    Legacy,
}

impl std::str::FromStr for PaginationLayout {
    type Err = String;

    /// `current` or `legacy`, as the programs' `--pagination` flag spells them.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "current" => Ok(Self::Current),
            "legacy" => Ok(Self::Legacy),
            other => Err(format!("{other:?} is not current or legacy")),
        }
    }
}

/// Settings a test may change while the server runs.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) rate_limit_secret: u64,
    pub(crate) rate_limit_publishable: u64,
    /// Requests per client IP per window on the public library routes.
    pub(crate) rate_limit_library: u64,
    pub(crate) pagination: PaginationLayout,
    pub(crate) delay: Option<Duration>,
    /// How long a customer's access token lasts.
    pub(crate) customer_token_ttl: Duration,
    /// Whether signup waits for an email confirmation before the customer can log in.
    pub(crate) require_email_confirmation: bool,
    /// How often an idle realtime stream sends a comment line.
    pub(crate) heartbeat: Duration,
    /// The delays before each retry of a failed webhook delivery.
    pub(crate) webhook_retry_schedule: Vec<Duration>,
    /// How long a webhook receiver has to answer.
    pub(crate) webhook_timeout: Duration,
    /// The origins the customer-facing routes answer browsers from; empty: any origin.
    pub(crate) cors_origins: Vec<String>,
    /// How successful API answers drift, if at all.
    pub(crate) drift: Option<super::Drift>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rate_limit_secret: 1000,
            rate_limit_publishable: 100,
            rate_limit_library: 200,
            pagination: PaginationLayout::Current,
            delay: None,
            customer_token_ttl: Duration::from_secs(3600),
            require_email_confirmation: false,
            heartbeat: Duration::from_secs(15),
            webhook_retry_schedule: DOCUMENTED_RETRY_SCHEDULE.to_vec(),
            webhook_timeout: DOCUMENTED_RECEIVER_TIMEOUT,
            cors_origins: Vec::new(),
            drift: None,
        }
    }
}
