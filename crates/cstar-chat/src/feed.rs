//! `on_message`'s feed: the live stream while it works, polling when it does not.

use std::collections::HashSet;
use std::sync::Arc;

use cstar_core::reqwest::Method;
use cstar_core::sse::{EventSource, SseItem, SseOptions};
use cstar_types::MessageId;

use crate::client::ChatClient;
use crate::connection::{ConnectionState, FeedState};
use crate::model::ChatMessage;

impl ChatClient {
    /// Delivers every message not in `seen` (the history `on_message` read) once.
    pub(crate) async fn feed<F: Fn(ChatMessage)>(
        &self,
        conversation: &str,
        mut seen: HashSet<MessageId>,
        handler: F,
    ) {
        let mut state = FeedState::new(Arc::clone(&self.inner.connections), conversation);
        let mut deliver = |message: ChatMessage| {
            if seen.insert(message.id.clone()) {
                handler(message);
            }
        };
        if self.inner.realtime {
            if let Ok(token) = self.inner.session.token().await {
                let spec = self
                    .conversation_spec(
                        Method::GET,
                        "/api/chat/{team}/conversations/{id}/stream",
                        conversation,
                    )
                    .bearer(token.expose_secret());
                let mut source = EventSource::new(
                    self.inner.session.client.clone(),
                    spec,
                    SseOptions::default(),
                );
                while let Some(item) = source.next().await {
                    match item {
                        // The stream carries what is sent from now on; what was sent while it
                        // was connecting is only in the list.
                        SseItem::Connected => {
                            state.set(ConnectionState::Live);
                            if let Ok(messages) = self.messages(conversation).await {
                                for message in messages {
                                    deliver(message);
                                }
                            }
                        }
                        SseItem::Event(event) if event.event == "message" => {
                            if let Ok(message) = serde_json::from_str::<ChatMessage>(&event.data) {
                                deliver(message);
                            }
                        }
                        // It reconnects by itself, after a wait.
                        SseItem::Disconnected { .. } => state.set(ConnectionState::Disconnected),
                        // A stream the server cannot give: fall back to polling.
                        SseItem::Failed(_) => break,
                        _ => {}
                    }
                }
            }
        }
        state.set(ConnectionState::Polling);
        loop {
            if let Ok(messages) = self.messages(conversation).await {
                for message in messages {
                    deliver(message);
                }
            }
            cstar_core::runtime::sleep(self.inner.polling_interval).await;
        }
    }
}
