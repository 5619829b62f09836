//! The chat session: its token and identified customer, kept in a session store so that an
//! anonymous conversation survives a restart, and handed to each call as a token source.

use std::sync::Arc;

use cstar_core::reqwest::Method;
use cstar_core::session::{self as store, SessionStore, Token, TokenFuture, TokenSource};
use cstar_core::{Call, Client, RequestSpec, Result};
use serde::{Deserialize, Serialize};

use crate::model::ChatCustomer;

/// What the store keeps: the session token, and the customer once identified.
#[derive(Clone, Deserialize, Serialize)]
pub(crate) struct StoredSession {
    pub(crate) token: Token,
    #[serde(default)]
    pub(crate) customer: Option<ChatCustomer>,
}

#[derive(Deserialize)]
pub(crate) struct SessionWire {
    #[serde(rename = "sessionToken", alias = "session_token")]
    pub(crate) session_token: String,
    #[serde(default)]
    pub(crate) customer: Option<ChatCustomer>,
}

/// The session of one `ChatClient`: read from and written to its store, created anonymous on
/// the first call that needs one.
pub(crate) struct ChatSession {
    pub(crate) client: Client,
    pub(crate) team: String,
    pub(crate) store: Box<dyn SessionStore>,
    /// One session creation (or identify) at a time, so that concurrent first calls share one.
    pub(crate) changing: tokio::sync::Mutex<()>,
    /// A signed-in customer (e.g. cstar-auth's `AuthClient`), whose access token every call
    /// carries instead of a chat session token.
    pub(crate) customer: Option<Arc<dyn TokenSource>>,
}

impl ChatSession {
    pub(crate) fn spec(&self, method: Method, template: &'static str) -> RequestSpec {
        RequestSpec::new(method, template).param("team", &self.team)
    }

    pub(crate) fn stored(&self) -> Result<Option<StoredSession>> {
        store::load_json(self.store.as_ref())
    }

    pub(crate) fn keep(&self, session: &StoredSession) -> Result<()> {
        store::save_json(self.store.as_ref(), session)
    }

    /// The token calls carry: the signed-in customer's access token when the client was given
    /// one, else the session token, starting an anonymous session when the store has none.
    pub(crate) async fn token(&self) -> Result<Token> {
        if let Some(customer) = &self.customer {
            return customer.access_token().await;
        }
        if let Some(session) = self.stored()? {
            return Ok(session.token);
        }
        let _one_at_a_time = self.changing.lock().await;
        if let Some(session) = self.stored()? {
            return Ok(session.token);
        }
        let spec = self.spec(Method::POST, "/api/chat/{team}/sessions");
        let wire: SessionWire = Call::single(&self.client, spec).await?;
        let session = StoredSession {
            token: Token::from(wire.session_token),
            customer: None,
        };
        self.keep(&session)?;
        Ok(session.token)
    }
}

/// The calls' view of the session: each asks it for the token just before sending.
pub(crate) struct SessionToken(pub(crate) Arc<ChatSession>);

impl TokenSource for SessionToken {
    fn access_token(&self) -> TokenFuture<'_> {
        Box::pin(self.0.token())
    }
}
