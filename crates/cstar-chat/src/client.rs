//! `ChatClient`: the customer's side of the chat, for Rust apps.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cstar_core::reqwest::Method;
use cstar_core::runtime::{self, Task};
use cstar_core::session::{MemoryStore, SessionStore, TokenSource};
use cstar_core::{Call, Error, Page, RecordList, RequestSpec, Result, Subscription};
use cstar_types::TicketId;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::connection::Connections;
use crate::identity::Identity;
use crate::model::{ChatCustomer, ChatMessage, Conversation, TypingAgent};
use crate::session::{ChatSession, SessionToken, SessionWire, StoredSession};

/// How often `on_message` polls when the live stream is not available (the JS SDK's default).
pub const DEFAULT_POLLING_INTERVAL: Duration = Duration::from_secs(5);

pub(crate) struct Inner {
    pub(crate) session: Arc<ChatSession>,
    pub(crate) realtime: bool,
    pub(crate) polling_interval: Duration,
    pub(crate) connections: Arc<Connections>,
    feeds: Mutex<Vec<Task>>,
}

/// The chat of one team, from the customer's side (`@cstar.help/js/chat`'s `ChatClient`).
///
/// A session starts anonymous: it may start conversations and read their messages. After
/// [`identify`](Self::identify), with an identity your backend signed (see
/// [`identity`](crate::identity)), it also lists every conversation of that customer. The
/// session lives in a [`SessionStore`] (memory by default; a
/// [`FileStore`](crate::FileStore) keeps an anonymous conversation across restarts).
///
/// ```no_run
/// use cstar_chat::ChatClient;
/// use cstar_chat::identity::Identity;
///
/// # async fn demo(signature_from_backend: String) -> cstar_chat::Result<()> {
/// let chat = ChatClient::new("acme")?;
/// let conversation = chat.create_conversation("Order #1042", "Where is my parcel?").await?;
/// let _live = chat.on_message(&conversation.id, |message| {
///     println!("{}: {}", message.sender_name.as_deref().unwrap_or(message.sender.as_str()), message.content);
/// }).await?;
/// chat.identify(&Identity::now("jane@example.com", "42"), &signature_from_backend).await?;
/// let mine = chat.conversations().await?;
/// # let _ = mine; Ok(()) }
/// ```
#[derive(Clone)]
pub struct ChatClient {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("team", &self.inner.session.team)
            .finish_non_exhaustive()
    }
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

/// Lists come as a bare array or `{conversations}` (two documented generations), read record by
/// record so that one unreadable conversation does not hide the others.
#[derive(Deserialize)]
#[serde(untagged, bound = "T: DeserializeOwned")]
enum ListWire<T> {
    Bare(RecordList<T>),
    Conversations { conversations: RecordList<T> },
}

impl<T> ListWire<T> {
    fn into_page(self) -> Page<T> {
        match self {
            Self::Bare(records)
            | Self::Conversations {
                conversations: records,
            } => records.into_page(),
        }
    }
}

#[derive(Deserialize)]
struct TypingWire {
    #[serde(default)]
    agents: Vec<TypingAgent>,
}

impl ChatClient {
    /// The chat of the team with this slug (or UUID), at `https://www.cstar.help`, with the
    /// session in memory.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: the common settings (base URL, timeouts, retries, your HTTP client), the
    /// session store, live updates or polling.
    pub fn builder(team: impl Into<String>) -> ChatClientBuilder {
        ChatClientBuilder::new(team)
    }

    /// A call of this session: it carries the session token, starting an anonymous session
    /// first when there is none.
    fn session_spec(&self, method: Method, template: &'static str) -> RequestSpec {
        self.inner
            .session
            .spec(method, template)
            .bearer_from(Arc::new(SessionToken(Arc::clone(&self.inner.session))))
    }

    pub(crate) fn conversation_spec(
        &self,
        method: Method,
        template: &'static str,
        id: &str,
    ) -> RequestSpec {
        self.session_spec(method, template).param("id", id)
    }

    fn call<T: serde::de::DeserializeOwned + Send + 'static>(&self, spec: RequestSpec) -> Call<T> {
        Call::single(&self.inner.session.client, spec)
    }

    /// Proves who the customer is with the identity and signature your backend made (see
    /// [`identity::sign`](crate::identity::sign)); an anonymous session keeps its conversations.
    /// A wrong or stale signature is an `Authentication` error.
    ///
    /// # Errors
    ///
    /// The API's refusal or the transport's; [`Error::SessionStore`] when the session cannot be
    /// kept.
    #[inline]
    pub async fn identify(&self, identity: &Identity, signature: &str) -> Result<ChatCustomer> {
        let session = &self.inner.session;
        let _one_at_a_time = session.changing.lock().await;
        let mut spec = session
            .spec(Method::POST, "/api/chat/{team}/identify")
            .json_body(&IdentifyBody {
                email: &identity.email,
                external_id: &identity.external_id,
                name: identity.name.as_deref(),
                timestamp: identity.timestamp,
                signature,
            });
        if let Some(stored) = session.stored()? {
            spec = spec.bearer(stored.token.expose_secret());
        }
        let wire: SessionWire = self.call(spec).await?;
        let customer = wire.customer.ok_or_else(|| {
            Error::InvalidArgument("the identify answer names no customer".to_owned())
        })?;
        session.keep(&StoredSession {
            token: wire.session_token.into(),
            customer: Some(customer.clone()),
        })?;
        Ok(customer)
    }

    /// The identified customer, if [`identify`](Self::identify) succeeded (no request).
    ///
    /// # Errors
    ///
    /// [`Error::SessionStore`] when the store cannot be read.
    pub fn customer(&self) -> Result<Option<ChatCustomer>> {
        Ok(self.inner.session.stored()?.and_then(|s| s.customer))
    }

    /// Every conversation of the identified customer, newest first, as one page (a
    /// conversation the model cannot read is kept in the page's `unreadable`). An anonymous
    /// session gets an `Authentication` error for which [`Error::is_identify_required`] holds.
    #[inline]
    pub fn conversations(&self) -> Call<Page<Conversation>> {
        let spec = self.session_spec(Method::GET, "/api/chat/{team}/conversations");
        self.call::<ListWire<Conversation>>(spec)
            .map(ListWire::into_page)
    }

    /// Starts a conversation with its first message (an empty subject or message is a
    /// `Validation` error).
    #[inline]
    pub fn create_conversation(&self, subject: &str, message: &str) -> Call<Conversation> {
        let spec = self
            .session_spec(Method::POST, "/api/chat/{team}/conversations")
            .json_body(&json!({"subject": subject, "message": message}));
        self.call(spec)
    }

    /// One conversation of this session or customer; any other is `NotFound`.
    #[inline]
    pub fn conversation(&self, id: impl Into<TicketId>) -> Call<Conversation> {
        let id = id.into();
        let spec = self.conversation_spec(
            Method::GET,
            "/api/chat/{team}/conversations/{id}",
            id.as_str(),
        );
        self.call(spec)
    }

    /// The conversation's messages, oldest first (never internal notes): one [`Page`], so that
    /// a message this version cannot read is kept in [`Page::unreadable`] instead of failing
    /// the others.
    #[inline]
    pub fn messages(&self, conversation: impl Into<TicketId>) -> Call<Page<ChatMessage>> {
        let spec = self.conversation_spec(
            Method::GET,
            "/api/chat/{team}/conversations/{id}/messages",
            conversation.into().as_str(),
        );
        Call::list(&self.inner.session.client, spec)
    }

    /// Sends a message as the customer.
    #[inline]
    pub fn send(&self, conversation: impl Into<TicketId>, content: &str) -> Call<ChatMessage> {
        let spec = self
            .conversation_spec(
                Method::POST,
                "/api/chat/{team}/conversations/{id}/messages",
                conversation.into().as_str(),
            )
            .json_body(&json!({"content": content}));
        self.call(spec)
    }

    /// Tells the agents the customer is (or stopped) typing.
    #[inline]
    pub fn set_typing(&self, conversation: impl Into<TicketId>, typing: bool) -> Call<()> {
        let spec = self
            .conversation_spec(
                Method::POST,
                "/api/chat/{team}/conversations/{id}/typing",
                conversation.into().as_str(),
            )
            .json_body(&json!({"typing": typing}));
        self.call::<serde_json::Value>(spec).map(|_| ())
    }

    /// The agents typing in the conversation now.
    #[inline]
    pub fn agents_typing(&self, conversation: impl Into<TicketId>) -> Call<Vec<TypingAgent>> {
        let spec = self.conversation_spec(
            Method::GET,
            "/api/chat/{team}/conversations/{id}/typing",
            conversation.into().as_str(),
        );
        self.call::<TypingWire>(spec).map(|wire| wire.agents)
    }

    /// Calls `handler` once for every new message in the conversation (the customer's own
    /// included), in order, until the subscription is dropped: over the live stream, or by
    /// polling every [`polling_interval`](ChatClientBuilder::polling_interval) when the stream
    /// is off or fails.
    ///
    /// Resolves once the conversation's current messages are read: those are history and are
    /// not replayed; every message sent after this returns reaches `handler`. Each time the live
    /// stream opens (first or again) the feed reads the list once more, so that nothing sent
    /// while it was connecting is missed; a message seen twice is delivered once.
    ///
    /// # Errors
    ///
    /// [`Error::NoRuntime`] when called outside an async runtime (nothing is started); the
    /// errors of [`messages`](Self::messages) when the conversation cannot be read (a stranger's
    /// or unknown one is [`Error::NotFound`]).
    #[inline]
    pub async fn on_message<F>(
        &self,
        conversation: impl Into<TicketId>,
        handler: F,
    ) -> Result<Subscription>
    where
        F: Fn(ChatMessage) + Send + Sync + 'static,
    {
        if !runtime::is_available() {
            return Err(Error::NoRuntime);
        }
        let conversation = conversation.into();
        let history = self.messages(&conversation).await?;
        let seen = history.into_iter().map(|m| m.id).collect();
        let this = self.clone();
        let task =
            runtime::spawn(async move { this.feed(conversation.as_str(), seen, handler).await })?;
        self.inner
            .feeds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(task.clone());
        Ok(Subscription::new(move || task.abort()))
    }

    /// Stops every `on_message` feed and forgets the session, in memory and in the store (the
    /// JS SDK's `disconnect`).
    ///
    /// # Errors
    ///
    /// [`Error::SessionStore`] when the store cannot be cleared.
    #[inline]
    pub async fn disconnect(&self) -> Result<()> {
        for task in self
            .inner
            .feeds
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
        {
            task.abort();
        }
        let _one_at_a_time = self.inner.session.changing.lock().await;
        Ok(self.inner.session.store.clear()?)
    }
}

cstar_core::customer_builder! {
    /// Builds a [`ChatClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]), plus the session store, live updates and polling.
    pub struct ChatClientBuilder {
        store: Option<Box<dyn SessionStore>> = None,
        realtime: bool = true,
        polling_interval: Duration = DEFAULT_POLLING_INTERVAL,
        customer: Option<Arc<dyn TokenSource>> = None,
    }
}

impl ChatClientBuilder {
    /// Where the session is kept (default: memory). A [`FileStore`](crate::FileStore) lets a
    /// new client, after a restart, find the anonymous conversations of the last one.
    pub fn store(mut self, store: impl SessionStore) -> Self {
        self.store = Some(Box::new(store));
        self
    }

    /// Live updates over Server-Sent Events (`true`, the default) or polling only.
    pub fn realtime(mut self, realtime: bool) -> Self {
        self.realtime = realtime;
        self
    }

    /// Chats as this signed-in customer, e.g. a cstar-auth `AuthClient` after `login` (the way
    /// `CommunityClientBuilder::session` takes one): every call carries the customer's current
    /// access token (renewed first when it expired) instead of a chat session token, so the
    /// chat's customer is the signed-in one, the same customer record (matched by email), and
    /// [`identify`](ChatClient::identify) is not needed. [`ChatClient::customer`] stays `None`:
    /// ask the auth client who is signed in.
    ///
    /// ```no_run
    /// # async fn demo(auth: cstar_core::session::Token) -> cstar_chat::Result<()> {
    /// # struct Signed(cstar_core::session::Token);
    /// # impl cstar_core::session::TokenSource for Signed {
    /// #     fn access_token(&self) -> cstar_core::session::TokenFuture<'_> {
    /// #         Box::pin(async move { Ok(self.0.clone()) })
    /// #     }
    /// # }
    /// # let auth = Signed(auth);
    /// // `auth`: a cstar_auth::AuthClient the customer logged in with.
    /// let chat = cstar_chat::ChatClient::builder("acme").session(auth).build()?;
    /// let mine = chat.conversations().await?; // the signed-in customer's
    /// # let _ = mine; Ok(()) }
    /// ```
    pub fn session(mut self, customer: impl TokenSource) -> Self {
        self.customer = Some(Arc::new(customer));
        self
    }

    /// How often to poll without the live stream (default 5 s).
    pub fn polling_interval(mut self, interval: Duration) -> Self {
        self.polling_interval = interval;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team, a secret key or a bad base URL.
    pub fn build(self) -> Result<ChatClient> {
        let built = self.common.build()?;
        Ok(ChatClient {
            inner: Arc::new(Inner {
                session: Arc::new(ChatSession {
                    client: built.client,
                    team: built.team,
                    store: self.store.unwrap_or_else(|| Box::new(MemoryStore::new())),
                    changing: tokio::sync::Mutex::new(()),
                    customer: self.customer,
                }),
                realtime: self.realtime,
                polling_interval: self.polling_interval,
                connections: Arc::default(),
                feeds: Mutex::new(Vec::new()),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_list_shapes_keep_an_unreadable_conversation_aside() {
        for body in [
            r#"[{"id":"tkt_1"},{"id":7},{"id":"tkt_3"}]"#,
            r#"{"conversations":[{"id":"tkt_1"},{"id":7},{"id":"tkt_3"}]}"#,
        ] {
            let wire: ListWire<Conversation> =
                serde_json::from_str(body).unwrap_or_else(|e| panic!("{body}: {e}"));
            let page = wire.into_page();
            assert_eq!(page.data.len(), 2, "{body}");
            assert_eq!(page.unreadable[0].path, "[1].id", "{body}");
        }
    }
}
