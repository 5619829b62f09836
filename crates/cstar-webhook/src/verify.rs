//! Checking a delivery: the header's form, the time window, then the HMAC in constant time.

use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::time::{SystemTime, UNIX_EPOCH};
// std's clock panics on wasm32-unknown-unknown; web-time reads `Date.now()` there (browsers,
// Workers, Deno).
#[cfg(target_arch = "wasm32")]
use web_time::{SystemTime, UNIX_EPOCH};

use ring::hmac;

use crate::error::WebhookError;
use crate::event::Event;
use crate::secret::Secret;
use crate::sign::v1;
use crate::signature_header::{SignatureHeader, parse, v1_signatures};

/// How far the signed time may be from now, either way, by default (cStar's 300 s).
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Which scheme a verified header used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verified {
    /// `t=,v1=`: signed at this Unix time, within the tolerance.
    Timestamped {
        /// The signed time, Unix seconds.
        timestamp: i64,
    },
    /// Legacy `sha256=`: no timestamp, so no protection against replays; dedupe on the event id.
    Legacy,
}

/// Verifies deliveries for one webhook (or several secrets, while rotating).
///
/// ```
/// use cstar_webhook::{Verifier, sign};
///
/// let body = br#"{"id":"evt_1","type":"ticket.created","created_at":"2026-11-25T10:00:00Z","team_id":"t","data":{"ticket":{"id":"tkt_1","title":"Help"}}}"#;
/// let header = sign(body, "whsec_new", 1_800_000_000);
///
/// let verifier = Verifier::new("whsec_new")?.with_secret("whsec_old");
/// let event = verifier.construct_event_at(body, &header, 1_800_000_030)?;
/// assert_eq!(event.id, "evt_1");
/// # Ok::<(), cstar_webhook::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    /// Each secret with its HMAC key, prepared once: a verifier is built once and reused.
    keys: Vec<(Secret, hmac::Key)>,
    tolerance: Duration,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "secrets",
                &self.keys.iter().map(|(s, _)| s).collect::<Vec<_>>(),
            )
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

fn prepared(secret: Secret) -> (Secret, hmac::Key) {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.key_bytes());
    (secret, key)
}

impl Verifier {
    /// A verifier for this secret with the default 300 s tolerance.
    ///
    /// # Errors
    ///
    /// [`WebhookError::EmptySecret`] for an empty secret.
    pub fn new(secret: impl Into<Secret>) -> Result<Self, WebhookError> {
        let secret = secret.into();
        if secret.is_empty() {
            return Err(WebhookError::EmptySecret);
        }
        Ok(Self {
            keys: vec![prepared(secret)],
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// Also accepts signatures made with this secret (during rotation). An empty one is ignored.
    pub fn with_secret(mut self, secret: impl Into<Secret>) -> Self {
        let secret = secret.into();
        if !secret.is_empty() {
            self.keys.push(prepared(secret));
        }
        self
    }

    /// How far the signed time may be from now, either way.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the signature against the current time.
    ///
    /// # Errors
    ///
    /// The [`WebhookError`] of the first check that fails.
    pub fn verify(
        &self,
        raw_body: &[u8],
        signature_header: &str,
    ) -> Result<Verified, WebhookError> {
        self.verify_at(raw_body, signature_header, unix_now())
    }

    /// Checks the signature as if now were `now` (Unix seconds); for tests and replays of logs.
    ///
    /// # Errors
    ///
    /// The [`WebhookError`] of the first check that fails.
    pub fn verify_at(
        &self,
        raw_body: &[u8],
        signature_header: &str,
        now: i64,
    ) -> Result<Verified, WebhookError> {
        match parse(signature_header)? {
            SignatureHeader::Legacy { signature } => {
                let matched = self
                    .keys
                    .iter()
                    .any(|(_, key)| hmac::verify(key, raw_body, &signature).is_ok());
                if matched {
                    Ok(Verified::Legacy)
                } else {
                    Err(WebhookError::SignatureMismatch)
                }
            }
            SignatureHeader::Timestamped {
                timestamp_text,
                timestamp,
                first,
                header,
            } => {
                self.check_window(timestamp, now)?;
                let matched = self.keys.iter().any(|(_, key)| {
                    let expected = v1(key, timestamp_text, raw_body);
                    constant_time_eq(expected.as_ref(), &first)
                        || v1_signatures(header)
                            .skip(1)
                            .any(|given| constant_time_eq(expected.as_ref(), &given))
                });
                if matched {
                    Ok(Verified::Timestamped { timestamp })
                } else {
                    Err(WebhookError::SignatureMismatch)
                }
            }
        }
    }

    fn check_window(&self, timestamp: i64, now: i64) -> Result<(), WebhookError> {
        let tolerance = self.tolerance.as_secs();
        let difference = i128::from(now) - i128::from(timestamp);
        let distance = u64::try_from(difference.unsigned_abs()).unwrap_or(u64::MAX);
        if distance <= tolerance {
            Ok(())
        } else if difference > 0 {
            Err(WebhookError::TimestampTooOld {
                age_secs: distance,
                tolerance_secs: tolerance,
            })
        } else {
            Err(WebhookError::TimestampInFuture {
                ahead_secs: distance,
                tolerance_secs: tolerance,
            })
        }
    }

    /// Verifies, then parses the body into an [`Event`].
    ///
    /// # Errors
    ///
    /// The [`WebhookError`] of the first check that fails, or
    /// [`WebhookError::InvalidPayload`] for a correctly signed body that is not an event.
    pub fn construct_event(
        &self,
        raw_body: &[u8],
        signature_header: &str,
    ) -> Result<Event, WebhookError> {
        self.construct_event_at(raw_body, signature_header, unix_now())
    }

    /// [`Verifier::construct_event`] as if now were `now` (Unix seconds).
    ///
    /// # Errors
    ///
    /// As [`Verifier::construct_event`].
    pub fn construct_event_at(
        &self,
        raw_body: &[u8],
        signature_header: &str,
        now: i64,
    ) -> Result<Event, WebhookError> {
        self.verify_at(raw_body, signature_header, now)?;
        serde_json::from_slice(raw_body).map_err(WebhookError::InvalidPayload)
    }

    /// Reads the signature from `X-Signature` (or the legacy `x-cstar-signature`) and constructs
    /// the event.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`] when neither header is present or readable, else as
    /// [`Verifier::construct_event`].
    #[cfg(feature = "http")]
    pub fn construct_event_from_headers(
        &self,
        raw_body: &[u8],
        headers: &http::HeaderMap,
    ) -> Result<Event, WebhookError> {
        let header = [crate::headers::SIGNATURE, crate::headers::LEGACY_SIGNATURE]
            .iter()
            .find_map(|name| headers.get(*name))
            .and_then(|value| value.to_str().ok())
            .ok_or(WebhookError::MissingHeader)?;
        self.construct_event(raw_body, header)
    }
}

/// Compares two MACs without an early exit, so timing does not reveal how many bytes matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Verifies the signature of one delivery with the default tolerance, like the JS SDK's
/// `verifySignature`.
///
/// # Errors
///
/// The [`WebhookError`] of the first check that fails.
pub fn verify_signature(
    raw_body: &[u8],
    signature_header: &str,
    secret: impl Into<Secret>,
) -> Result<Verified, WebhookError> {
    Verifier::new(secret)?.verify(raw_body, signature_header)
}

/// Verifies one delivery and parses it, like the JS SDK's `constructEvent`.
///
/// ```no_run
/// # fn handle(raw_body: &[u8], signature_header: &str) -> Result<(), cstar_webhook::WebhookError> {
/// let secret = std::env::var("CSTAR_WEBHOOK_SECRET").unwrap_or_default();
/// let event = cstar_webhook::construct_event(raw_body, signature_header, secret.as_str())?;
/// println!("{} {}", event.event_type, event.id);
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// As [`Verifier::construct_event`].
pub fn construct_event(
    raw_body: &[u8],
    signature_header: &str,
    secret: impl Into<Secret>,
) -> Result<Event, WebhookError> {
    Verifier::new(secret)?.construct_event(raw_body, signature_header)
}
