//! The one extension point of the execution seam.
//!
//! Every call of every crate goes through [`Client::execute`](crate::Client) (transport.rs):
//! the spec is checked and its route resolved, headers are set, attempts run under the retry
//! policy and the call's deadline, and the answer is decoded. Cross-cutting features plug in here
//! and nowhere else: a [`CallHook`] is given to the client when it is built, sees each call that
//! gave up (its spec, resolved segments, idempotency key and final error) and may answer another
//! error instead, is told when the client is built and when it is closed, and never reads the
//! client's private state. Calls the SDK makes for itself (an offline replay, a probe) are marked
//! `internal` and are not shown to the hook, so a hook cannot feed on its own traffic.
//!
//! The offline queue (`offline::hook`) is today's only hook: it keeps a mutation that nothing
//! answered and answers `Error::Queued`.
//!
//! The user's side has one hook too, [`HeadersFn`] (`ClientBuilder::headers_from`): called on
//! every attempt, inside its `cstar.request` span, it adds headers from the caller's context
//! (a W3C `traceparent`), so that the SDK depends on no tracing or OpenTelemetry version.

// Without the `offline` feature no hook exists, and the seam's hook side lies unused.
#![cfg_attr(not(feature = "offline"), allow(dead_code))]

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use reqwest::header::HeaderMap;

use crate::client::Client;
use crate::error::Error;
use crate::request::RequestSpec;

/// A call that gave up: what was sent, for a hook that wants to keep it.
pub(crate) struct GaveUp<'a> {
    /// The call's spec.
    pub(crate) spec: &'a RequestSpec,
    /// Its resolved path segments (below the base URL, unencoded).
    pub(crate) segments: &'a [&'a str],
    /// The idempotency key every attempt carried, if any.
    pub(crate) idempotency_key: Option<&'a str>,
}

/// What the client waits for when it closes.
pub(crate) type Closing = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Something that hooks into [`Client::execute`](crate::Client); see the module docs.
pub(crate) trait CallHook: Send + Sync + 'static {
    /// The client was built (items left by an earlier run may want sending).
    fn on_build(&self, client: &Client);

    /// A call's last attempt failed with `error`; the answer is what the caller gets.
    fn on_give_up(&self, client: &Client, call: &GaveUp<'_>, error: Error) -> Error;

    /// The client is closing: stop background work; the future ends once it has.
    fn close(&self) -> Closing;

    /// For the hook's own module to find its state again.
    fn as_any(&self) -> &dyn Any;
}

/// Adds headers to one attempt of a call, from whatever context the caller keeps (see
/// [`ClientBuilder::headers_from`](crate::ClientBuilder::headers_from)).
pub(crate) type HeadersFn = dyn Fn(&mut HeaderMap) + Send + Sync;
