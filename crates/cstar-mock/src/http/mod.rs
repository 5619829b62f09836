//! The HTTP side: the one axum fallback and its dispatcher, the route tables' vocabulary, the
//! request and answer types, admission (API keys, rate limits, the customer-facing surfaces'
//! team and per-IP rules), idempotency, envelopes and errors, query strings and Server-Sent
//! Events.

pub(crate) mod admission;
pub(crate) mod answer;
pub(crate) mod context;
pub(crate) mod cors;
pub(crate) mod dispatch;
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod idempotency;
pub(crate) mod keys;
pub(crate) mod query;
pub(crate) mod ratelimit;
pub(crate) mod route;
pub(crate) mod sse;
