//! `ChatClient`: the customer's side of the chat, for Rust apps.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cstar_core::reqwest::Method;
use cstar_core::sse::{EventSource, SseItem, SseOptions};
use cstar_core::{Call, Client, ClientBuilder, ConfigError, RequestSpec};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::task::AbortHandle;

use crate::error::{ChatError, Result};
use crate::identity::Identity;
use crate::model::{ChatCustomer, ChatMessage, Conversation, TypingAgent};

/// How often `on_message` polls when the live stream is not available (the JS SDK's default).
pub const DEFAULT_POLLING_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Default)]
struct SessionState {
    token: Option<String>,
    customer: Option<ChatCustomer>,
}

struct Inner {
    client: Client,
    team: String,
    session: tokio::sync::Mutex<SessionState>,
    realtime: bool,
    polling_interval: Duration,
    subscriptions: Mutex<Vec<AbortHandle>>,
}

/// The chat of one team, from the customer's side (`@cstar.help/js/chat`'s `ChatClient`).
///
/// A session starts anonymous: it may start conversations and read their messages. After
/// [`identify`](Self::identify), with an identity your backend signed (see
/// [`identity`](crate::identity)), it also lists every conversation of that customer.
///
/// ```no_run
/// use cstar_chat::ChatClient;
/// use cstar_chat::identity::Identity;
///
/// # async fn demo(signature_from_backend: String) -> cstar_chat::Result<()> {
/// let chat = ChatClient::new("acme")?;
/// let conversation = chat.create_conversation("Order #1042", "Where is my parcel?").await?;
/// let _live = chat.on_message(&conversation.id, |message| {
///     println!("{}: {}", message.sender_name.as_deref().unwrap_or(&message.sender), message.content);
/// });
/// chat.identify(&Identity::now("jane@example.com", "42"), &signature_from_backend).await?;
/// let mine = chat.conversations().await?;
/// # let _ = mine; Ok(()) }
/// ```
#[derive(Clone)]
pub struct ChatClient {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("team", &self.inner.team)
            .finish_non_exhaustive()
    }
}

/// Stops its `on_message` feed when dropped (or on [`off`](Self::off)).
#[must_use = "the feed stops when the subscription is dropped"]
pub struct MessageSubscription {
    task: AbortHandle,
}

impl MessageSubscription {
    /// Stops the feed now.
    pub fn off(self) {}
}

impl Drop for MessageSubscription {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Deserialize)]
struct SessionWire {
    #[serde(rename = "sessionToken", alias = "session_token")]
    session_token: String,
    #[serde(default)]
    customer: Option<ChatCustomer>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IdentifyBody<'a> {
    email: &'a str,
    external_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    timestamp: i64,
    signature: &'a str,
}

/// Lists come as a bare array, `{data}`, or `{conversations}` (two documented generations).
#[derive(Deserialize)]
#[serde(untagged)]
enum ListWire<T> {
    Bare(Vec<T>),
    Conversations { conversations: Vec<T> },
}

impl<T> ListWire<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            Self::Bare(items)
            | Self::Conversations {
                conversations: items,
            } => items,
        }
    }
}

#[derive(Deserialize)]
struct TypingWire {
    #[serde(default)]
    agents: Vec<TypingAgent>,
}

impl ChatClient {
    /// The chat of the team with this slug (or UUID), at `https://www.cstar.help`.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`] with a config error for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: base URL, live updates or polling, timeouts.
    pub fn builder(team: impl Into<String>) -> ChatClientBuilder {
        ChatClientBuilder {
            team: team.into(),
            core: ClientBuilder::new(),
            realtime: true,
            polling_interval: DEFAULT_POLLING_INTERVAL,
        }
    }

    fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template)
            .segments(["api", "chat"])
            .id_segment("team", &self.inner.team)
    }

    /// The session token, starting an anonymous session when there is none.
    async fn token(&self) -> Result<String> {
        let mut session = self.inner.session.lock().await;
        if let Some(token) = &session.token {
            return Ok(token.clone());
        }
        let spec = self
            .spec(Method::POST, "/chat/{team}/sessions")
            .segments(["sessions"]);
        let wire: SessionWire = Call::single(&self.inner.client, spec).await?;
        session.token = Some(wire.session_token.clone());
        Ok(wire.session_token)
    }

    /// Proves who the customer is with the identity and signature your backend made (see
    /// [`identity::sign`](crate::identity::sign)); an anonymous session keeps its conversations.
    /// A wrong or stale signature is an `Authentication` error.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`] for the refusal or the transport.
    pub async fn identify(&self, identity: &Identity, signature: &str) -> Result<ChatCustomer> {
        let mut session = self.inner.session.lock().await;
        let mut spec = self
            .spec(Method::POST, "/chat/{team}/identify")
            .segments(["identify"])
            .json_body(&IdentifyBody {
                email: &identity.email,
                external_id: &identity.external_id,
                name: identity.name.as_deref(),
                timestamp: identity.timestamp,
                signature,
            });
        if let Some(token) = &session.token {
            spec = spec.bearer(token);
        }
        let wire: SessionWire = Call::single(&self.inner.client, spec).await?;
        let customer = wire.customer.ok_or_else(|| {
            ChatError::Api(cstar_core::Error::InvalidArgument(
                "the identify answer names no customer".to_owned(),
            ))
        })?;
        session.token = Some(wire.session_token);
        session.customer = Some(customer.clone());
        Ok(customer)
    }

    /// The identified customer, if [`identify`](Self::identify) succeeded.
    pub async fn customer(&self) -> Option<ChatCustomer> {
        self.inner.session.lock().await.customer.clone()
    }

    /// Every conversation of the identified customer, newest first. An anonymous session gets
    /// [`ChatError::IdentifyRequired`].
    ///
    /// # Errors
    ///
    /// [`ChatError::IdentifyRequired`], or [`ChatError::Api`].
    pub async fn conversations(&self) -> Result<Vec<Conversation>> {
        let token = self.token().await?;
        let spec = self
            .spec(Method::GET, "/chat/{team}/conversations")
            .segments(["conversations"])
            .bearer(&token);
        let list: ListWire<Conversation> = Call::single(&self.inner.client, spec).await?;
        Ok(list.into_vec())
    }

    /// Starts a conversation with its first message.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`] (an empty subject or message is a `Validation` error).
    pub async fn create_conversation(&self, subject: &str, message: &str) -> Result<Conversation> {
        let token = self.token().await?;
        let spec = self
            .spec(Method::POST, "/chat/{team}/conversations")
            .segments(["conversations"])
            .bearer(&token)
            .json_body(&json!({"subject": subject, "message": message}));
        Ok(Call::single(&self.inner.client, spec).await?)
    }

    fn conversation_spec(
        &self,
        method: Method,
        template: &'static str,
        id: &str,
        rest: &[&'static str],
        token: &str,
    ) -> RequestSpec {
        self.spec(method, template)
            .segments(["conversations"])
            .id_segment("conversation id", id)
            .segments(rest.iter().copied())
            .bearer(token)
    }

    /// One conversation of this session or customer; any other is `NotFound`.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`].
    pub async fn conversation(&self, id: &str) -> Result<Conversation> {
        let token = self.token().await?;
        let spec = self.conversation_spec(
            Method::GET,
            "/chat/{team}/conversations/{id}",
            id,
            &[],
            &token,
        );
        Ok(Call::single(&self.inner.client, spec).await?)
    }

    /// The conversation's messages, oldest first (never internal notes).
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`].
    pub async fn messages(&self, conversation: &str) -> Result<Vec<ChatMessage>> {
        let token = self.token().await?;
        let spec = self.conversation_spec(
            Method::GET,
            "/chat/{team}/conversations/{id}/messages",
            conversation,
            &["messages"],
            &token,
        );
        let list: ListWire<ChatMessage> = Call::single(&self.inner.client, spec).await?;
        Ok(list.into_vec())
    }

    /// Sends a message as the customer.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`].
    pub async fn send(&self, conversation: &str, content: &str) -> Result<ChatMessage> {
        let token = self.token().await?;
        let spec = self
            .conversation_spec(
                Method::POST,
                "/chat/{team}/conversations/{id}/messages",
                conversation,
                &["messages"],
                &token,
            )
            .json_body(&json!({"content": content}));
        Ok(Call::single(&self.inner.client, spec).await?)
    }

    /// Tells the agents the customer is (or stopped) typing.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`].
    pub async fn set_typing(&self, conversation: &str, typing: bool) -> Result<()> {
        let token = self.token().await?;
        let spec = self
            .conversation_spec(
                Method::POST,
                "/chat/{team}/conversations/{id}/typing",
                conversation,
                &["typing"],
                &token,
            )
            .json_body(&json!({"typing": typing}));
        Call::<serde_json::Value>::single(&self.inner.client, spec).await?;
        Ok(())
    }

    /// The agents typing in the conversation now.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`].
    pub async fn agents_typing(&self, conversation: &str) -> Result<Vec<TypingAgent>> {
        let token = self.token().await?;
        let spec = self.conversation_spec(
            Method::GET,
            "/chat/{team}/conversations/{id}/typing",
            conversation,
            &["typing"],
            &token,
        );
        let wire: TypingWire = Call::single(&self.inner.client, spec).await?;
        Ok(wire.agents)
    }

    /// Calls `handler` once for every new message in the conversation (the customer's own
    /// included), in order, until the subscription is dropped: over the live stream, or by
    /// polling every [`polling_interval`](ChatClientBuilder::polling_interval) when the stream
    /// is off or fails. Messages sent before the call are not replayed. Needs a tokio runtime.
    pub fn on_message<F>(&self, conversation: &str, handler: F) -> MessageSubscription
    where
        F: Fn(ChatMessage) + Send + Sync + 'static,
    {
        let this = self.clone();
        let conversation = conversation.to_owned();
        let task =
            tokio::spawn(async move { this.feed(&conversation, handler).await }).abort_handle();
        self.inner
            .subscriptions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(task.clone());
        MessageSubscription { task }
    }

    async fn feed<F: Fn(ChatMessage)>(&self, conversation: &str, handler: F) {
        // What exists now is history, not news.
        let mut seen: HashSet<String> = match self.messages(conversation).await {
            Ok(messages) => messages.into_iter().map(|m| m.id).collect(),
            Err(_) => HashSet::new(),
        };
        let mut deliver = |message: ChatMessage| {
            if seen.insert(message.id.clone()) {
                handler(message);
            }
        };
        if self.inner.realtime {
            if let Ok(token) = self.token().await {
                let spec = self.conversation_spec(
                    Method::GET,
                    "/chat/{team}/conversations/{id}/stream",
                    conversation,
                    &["stream"],
                    &token,
                );
                let mut source =
                    EventSource::new(self.inner.client.clone(), spec, SseOptions::default());
                while let Some(item) = source.next().await {
                    match item {
                        SseItem::Event(event) if event.event == "message" => {
                            if let Ok(message) = serde_json::from_str::<ChatMessage>(&event.data) {
                                deliver(message);
                            }
                        }
                        // A stream the server cannot give: fall back to polling.
                        SseItem::Failed(_) => break,
                        _ => {}
                    }
                }
            }
        }
        loop {
            if let Ok(messages) = self.messages(conversation).await {
                for message in messages {
                    deliver(message);
                }
            }
            tokio::time::sleep(self.inner.polling_interval).await;
        }
    }

    /// Stops every `on_message` feed and forgets the session (the JS SDK's `disconnect`).
    pub async fn disconnect(&self) {
        for task in self
            .inner
            .subscriptions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            task.abort();
        }
        *self.inner.session.lock().await = SessionState::default();
    }
}

/// Builds a [`ChatClient`].
#[must_use = "a builder does nothing until .build() is called"]
pub struct ChatClientBuilder {
    team: String,
    core: ClientBuilder,
    realtime: bool,
    polling_interval: Duration,
}

impl std::fmt::Debug for ChatClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClientBuilder")
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

impl ChatClientBuilder {
    /// The base URL (default `https://www.cstar.help`), e.g. a local emulator's.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.core = self.core.base_url(url);
        self
    }

    /// Live updates over Server-Sent Events (`true`, the default) or polling only.
    pub fn realtime(mut self, realtime: bool) -> Self {
        self.realtime = realtime;
        self
    }

    /// How often to poll without the live stream (default 5 s).
    pub fn polling_interval(mut self, interval: Duration) -> Self {
        self.polling_interval = interval;
        self
    }

    /// The per-attempt timeout (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.timeout(timeout);
        self
    }

    /// How many times a failed call is retried (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.core = self.core.max_retries(retries);
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`ChatError::Api`] with a config error for an empty team or a bad base URL.
    pub fn build(self) -> Result<ChatClient> {
        let team = self.team.trim().to_owned();
        if team.is_empty() {
            return Err(cstar_core::Error::from(ConfigError::Missing { name: "team" }).into());
        }
        Ok(ChatClient {
            inner: Arc::new(Inner {
                client: self.core.build()?,
                team,
                session: tokio::sync::Mutex::new(SessionState::default()),
                realtime: self.realtime,
                polling_interval: self.polling_interval,
                subscriptions: Mutex::new(Vec::new()),
            }),
        })
    }
}
