//! Producing signatures, for your own tests and local tools.

use ring::hmac;

use crate::hex;
use crate::secret::Secret;

/// The `X-Signature` value cStar would send for `body` signed with `secret` at `timestamp`
/// (Unix seconds): `t=<timestamp>,v1=<hex>`.
///
/// ```
/// let header = cstar_webhook::sign(br#"{"id":"evt_test","type":"ticket.created"}"#, "whsec_test_secret", 1_700_000_000);
/// assert_eq!(
///     header,
///     "t=1700000000,v1=0329f7066d74403f6cecfcd403bdfad0549ce0e277ea41c16a3e2d796684cfb9"
/// );
/// ```
pub fn sign(body: &[u8], secret: impl Into<Secret>, timestamp: i64) -> String {
    let secret = secret.into();
    let t = timestamp.to_string();
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.key_bytes());
    format!("t={t},v1={}", hex::encode(v1(&key, &t, body).as_ref()))
}

/// The legacy `sha256=<hex>` value (an HMAC of the body alone), as older deliveries carried.
pub fn sign_legacy(body: &[u8], secret: impl Into<Secret>) -> String {
    let secret = secret.into();
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.key_bytes());
    format!("sha256={}", hex::encode(hmac::sign(&key, body).as_ref()))
}

/// HMAC-SHA256 over `"{t}.{body}"`, fed in pieces so that a large body is never copied.
pub(crate) fn v1(key: &hmac::Key, timestamp_text: &str, body: &[u8]) -> hmac::Tag {
    let mut context = hmac::Context::with_key(key);
    context.update(timestamp_text.as_bytes());
    context.update(b".");
    context.update(body);
    context.sign()
}
