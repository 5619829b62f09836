//! The names of the headers a cStar delivery carries (HTTP header names are case-insensitive).

/// `t=<unix seconds>,v1=<hex>`, or the legacy `sha256=<hex>`.
pub const SIGNATURE: &str = "X-Signature";
/// The header older deliveries used for the signature.
pub const LEGACY_SIGNATURE: &str = "x-cstar-signature";
/// The event id (the same as the body's `id`): dedupe on it.
pub const EVENT_ID: &str = "X-Event-ID";
/// The event type, e.g. `ticket.created`.
pub const EVENT_TYPE: &str = "X-Event-Type";
/// The id of the webhook subscription (`whk_...`).
pub const WEBHOOK_ID: &str = "X-Webhook-ID";
/// When this attempt was sent, ISO 8601 (informational: the signed time is the signature's `t`).
pub const TIMESTAMP: &str = "X-Timestamp";
/// The attempt number, from 1.
pub const DELIVERY_ATTEMPT: &str = "X-Delivery-Attempt";
/// The id of the API request that caused the event.
pub const REQUEST_ID: &str = "x-cstar-request-id";
