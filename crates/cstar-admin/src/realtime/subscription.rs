//! Guards that end a subscription or listener when dropped, and the stream form.

use std::pin::Pin;
use std::sync::Weak;
use std::task::{Context, Poll};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::Event;
use super::hub::Hub;

/// An active `on(...)` subscription. Dropping it (or [`off`](Self::off)) unsubscribes; the last
/// subscription of a client closes the connection.
#[derive(Debug)]
#[must_use = "dropping a Subscription unsubscribes at once; keep it, or call .detach()"]
pub struct Subscription {
    hub: Weak<Hub>,
    id: u64,
    handler: Option<JoinHandle<()>>,
    detached: bool,
}

impl Subscription {
    pub(super) fn new(hub: Weak<Hub>, id: u64, handler: Option<JoinHandle<()>>) -> Self {
        Self {
            hub,
            id,
            handler,
            detached: false,
        }
    }

    /// Unsubscribes: no event reaches the handler after this returns, not even queued ones.
    pub fn off(self) {
        drop(self);
    }

    /// Keeps the subscription for the life of the client, without a guard to hold.
    pub fn detach(mut self) {
        self.detached = true;
        self.handler.take();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if self.detached {
            return;
        }
        if let Some(handler) = self.handler.take() {
            handler.abort();
        }
        if let Some(hub) = self.hub.upgrade() {
            hub.remove_route(self.id);
        }
    }
}

/// The events of one subscription as a [`Stream`](futures_core::Stream). It ends when the
/// client is dropped; dropping it unsubscribes.
#[derive(Debug)]
#[must_use = "streams do nothing unless polled, and dropping one unsubscribes"]
pub struct EventStream {
    events: mpsc::Receiver<Event>,
    _subscription: Subscription,
}

impl EventStream {
    pub(super) fn new(subscription: Subscription, events: mpsc::Receiver<Event>) -> Self {
        Self {
            events,
            _subscription: subscription,
        }
    }
}

impl futures_core::Stream for EventStream {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.events.poll_recv(cx)
    }
}

/// Which listener list a guard belongs to.
#[derive(Clone, Copy, Debug)]
pub(super) enum ListenerKind {
    Connection,
    Error,
}

/// An `on_connection_change` or `on_error` listener; dropping it removes the listener.
#[derive(Debug)]
#[must_use = "dropping a ListenerGuard removes the listener at once"]
pub struct ListenerGuard {
    hub: Weak<Hub>,
    kind: ListenerKind,
    id: u64,
}

impl ListenerGuard {
    pub(super) fn new(hub: Weak<Hub>, kind: ListenerKind, id: u64) -> Self {
        Self { hub, kind, id }
    }

    /// Removes the listener.
    pub fn off(self) {
        drop(self);
    }
}

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            hub.remove_listener(self.kind, self.id);
        }
    }
}
