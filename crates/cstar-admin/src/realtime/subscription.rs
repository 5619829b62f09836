//! The guards (cstar-core's one [`Subscription`]) that end a subscription or listener when
//! dropped, and the stream form.

use std::pin::Pin;
use std::sync::Weak;
use std::task::{Context, Poll};

use cstar_core::Subscription;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::Event;
use super::hub::Hub;

/// The guard of an `on(...)` subscription: dropping it (or `unsubscribe()`) stops its handler
/// task and removes its route; the last subscription of a client closes the connection.
pub(super) fn route_guard(
    hub: Weak<Hub>,
    id: u64,
    handler: Option<JoinHandle<()>>,
) -> Subscription {
    Subscription::new(move || {
        if let Some(handler) = handler {
            handler.abort();
        }
        if let Some(hub) = hub.upgrade() {
            Hub::remove_route(&hub, id);
        }
    })
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

/// The guard of an `on_connection_change` or `on_error` listener.
pub(super) fn listener_guard(hub: Weak<Hub>, kind: ListenerKind, id: u64) -> Subscription {
    Subscription::new(move || {
        if let Some(hub) = hub.upgrade() {
            hub.remove_listener(kind, id);
        }
    })
}
