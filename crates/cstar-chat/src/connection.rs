//! How each `on_message` feed is getting its messages: live, polling, or not at all, and the
//! listeners told when that changes (admin realtime's `on_connection_change`, for the chat).

use std::sync::{Arc, Mutex, PoisonError, Weak};

use cstar_core::Subscription;

use crate::client::ChatClient;

/// How an [`on_message`](ChatClient::on_message) feed receives messages right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConnectionState {
    /// Over the live stream (Server-Sent Events): messages arrive as they are sent.
    Live,
    /// By polling every [`polling_interval`](crate::ChatClientBuilder::polling_interval):
    /// realtime is off, or the server cannot give the stream.
    Polling,
    /// The live stream dropped and is reconnecting, or the feed stopped (its subscription was
    /// dropped, or [`disconnect`](ChatClient::disconnect) was called).
    Disconnected,
}

type Listener = Arc<dyn Fn(&str, ConnectionState) + Send + Sync>;

/// The listeners of one client.
#[derive(Default)]
pub(crate) struct Connections {
    listeners: Mutex<(u64, Vec<(u64, Listener)>)>,
}

impl Connections {
    fn add(self: &Arc<Self>, listener: Listener) -> Subscription {
        let id = {
            let mut guard = self
                .listeners
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let (next, list) = &mut *guard;
            *next += 1;
            list.push((*next, listener));
            *next
        };
        let weak: Weak<Self> = Arc::downgrade(self);
        Subscription::new(move || {
            if let Some(connections) = weak.upgrade() {
                connections
                    .listeners
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .1
                    .retain(|(other, _)| *other != id);
            }
        })
    }

    fn report(&self, conversation: &str, state: ConnectionState) {
        // Called outside the lock, so a listener may subscribe or unsubscribe.
        let listeners: Vec<Listener> = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .iter()
            .map(|(_, l)| Arc::clone(l))
            .collect();
        for listener in listeners {
            listener(conversation, state);
        }
    }
}

/// One feed's state: reports each change once, and `Disconnected` when the feed ends (its task
/// aborted drops it).
pub(crate) struct FeedState {
    connections: Arc<Connections>,
    conversation: String,
    last: Option<ConnectionState>,
}

impl FeedState {
    pub(crate) fn new(connections: Arc<Connections>, conversation: &str) -> Self {
        Self {
            connections,
            conversation: conversation.to_owned(),
            last: None,
        }
    }

    pub(crate) fn set(&mut self, state: ConnectionState) {
        if self.last != Some(state) {
            self.last = Some(state);
            self.connections.report(&self.conversation, state);
        }
    }
}

impl Drop for FeedState {
    fn drop(&mut self) {
        self.set(ConnectionState::Disconnected);
    }
}

impl ChatClient {
    /// Calls `listener(conversation, state)` each time an [`on_message`](Self::on_message) feed
    /// changes how it receives messages: [`Live`](ConnectionState::Live) when the live stream
    /// opens, [`Polling`](ConnectionState::Polling) when it falls back to polling,
    /// [`Disconnected`](ConnectionState::Disconnected) when the stream drops (it reconnects) or
    /// the feed stops. For a "live" indicator; register it before `on_message` to see the first
    /// state. Dropping the returned guard unsubscribes.
    ///
    /// ```no_run
    /// use cstar_chat::{ChatClient, ConnectionState};
    ///
    /// # async fn demo(chat: ChatClient, conversation: &str) -> cstar_chat::Result<()> {
    /// let _status = chat.on_connection_change(|_conversation, state| match state {
    ///     ConnectionState::Live => println!("live"),
    ///     ConnectionState::Polling => println!("checking every few seconds"),
    ///     _ => println!("reconnecting"),
    /// });
    /// let _feed = chat.on_message(conversation, |m| println!("{}", m.content)).await?;
    /// # Ok(()) }
    /// ```
    pub fn on_connection_change<F>(&self, listener: F) -> Subscription
    where
        F: Fn(&str, ConnectionState) + Send + Sync + 'static,
    {
        self.inner.connections.add(Arc::new(listener))
    }
}
