//! What a new user of the chat meets first, against the emulator's defaults: the identity
//! secret is not the API key (and the emulator says so when the key was used); a feed says
//! whether it is live, polling or disconnected; a signed-in customer (cstar-auth) chats as
//! themselves.

use std::time::Duration;

use cstar_auth::{AuthClient, SignupOutcome};
use cstar_chat::identity::{Identity, sign};
use cstar_chat::{ChatClient, ConnectionState, Error, Subscription};
use cstar_mock::MockServer;
use tokio::sync::mpsc;

fn chat(server: &MockServer) -> ChatClient {
    ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_identity_secret_is_not_the_api_key_and_the_refusal_says_so() {
    let server = MockServer::start().await.unwrap();
    let secret = server.identity_secret();
    assert!(secret.starts_with("idsec_test_"), "{secret}");
    assert!(!secret.starts_with("sk_"), "{secret}");
    assert_ne!(secret, server.secret_key());

    let chat = chat(&server);
    let identity = Identity::now("jane@example.com", "42").name("Jane Doe");
    let err = chat
        .identify(&identity, &sign(&identity, server.secret_key()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");
    assert!(
        err.to_string().contains("signed with the API secret key"),
        "{err}"
    );

    let customer = chat
        .identify(&identity, &sign(&identity, secret))
        .await
        .unwrap();
    assert_eq!(customer.email, "jane@example.com");
}

/// Every `(conversation, state)` a client's feeds report, in order, readable as they come.
fn record_states(chat: &ChatClient) -> (Subscription, mpsc::UnboundedReceiver<ConnectionState>) {
    let (sender, receiver) = mpsc::unbounded_channel();
    let guard = chat.on_connection_change(move |_conversation, state| {
        let _ = sender.send(state);
    });
    (guard, receiver)
}

async fn next_state(states: &mut mpsc::UnboundedReceiver<ConnectionState>) -> ConnectionState {
    tokio::time::timeout(Duration::from_secs(10), states.recv())
        .await
        .expect("a connection change in time")
        .expect("the listener is alive")
}

#[tokio::test]
async fn on_connection_change_tells_live_from_polling_from_disconnected() {
    let server = MockServer::start().await.unwrap();
    let live = chat(&server);
    let (_guard, mut states) = record_states(&live);
    let conversation = live.create_conversation("Order", "Hello").await.unwrap();
    let feed = live.on_message(&conversation.id, |_| {}).await.unwrap();
    assert_eq!(next_state(&mut states).await, ConnectionState::Live);
    drop(feed);
    assert_eq!(next_state(&mut states).await, ConnectionState::Disconnected);

    // The stream refused (a 404 the feed cannot retry): the feed falls back to polling. On this
    // single-threaded runtime the feed's task has not run yet when the fault is queued, so the
    // stream's request is the next one the emulator sees.
    let feed = live.on_message(&conversation.id, |_| {}).await.unwrap();
    server.fail_next(1, 404);
    assert_eq!(next_state(&mut states).await, ConnectionState::Polling);
    drop(feed);
    assert_eq!(next_state(&mut states).await, ConnectionState::Disconnected);

    let polling = ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .realtime(false)
        .polling_interval(Duration::from_millis(20))
        .build()
        .unwrap();
    let (guard, mut states) = record_states(&polling);
    let conversation = polling.create_conversation("Order", "Hi").await.unwrap();
    let _feed = polling.on_message(&conversation.id, |_| {}).await.unwrap();
    assert_eq!(next_state(&mut states).await, ConnectionState::Polling);
    drop(guard);
}

#[tokio::test]
async fn a_signed_in_customer_chats_as_themselves_without_identify() {
    let server = MockServer::start().await.unwrap();
    let auth = AuthClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()
        .unwrap();
    let SignupOutcome::SignedIn(session) = auth
        .signup("ada@example.com", "analytical-engine", Some("Ada"))
        .await
        .unwrap()
    else {
        panic!("signed in at once");
    };
    let signed_in = ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .session(auth.clone())
        .build()
        .unwrap();
    let conversation = signed_in
        .create_conversation("Billing", "Charged twice")
        .await
        .unwrap();
    // Listing needs an identified customer: the signed-in one is.
    let mine = signed_in.conversations().await.unwrap().data;
    assert_eq!(
        mine.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [conversation.id.as_str()]
    );
    let sent = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path.ends_with("/conversations"))
        .and_then(|r| r.header("authorization"))
        .unwrap();
    assert_eq!(
        sent,
        format!("Bearer {}", session.access_token.expose_secret())
    );

    // The agent sees the ticket on the signed-in customer's record.
    let ticket = cstar_e2e::client(&server)
        .tickets()
        .get(conversation.id.as_str())
        .await
        .unwrap();
    assert_eq!(
        ticket.customer_id.as_ref().map(|id| id.as_str()),
        Some(session.customer.id.as_str())
    );

    // The same customer identified by the backend's signature (matched by email) sees it too.
    let widget = chat(&server);
    let identity = Identity::now("ada@example.com", "ada-1");
    widget
        .identify(&identity, &sign(&identity, server.identity_secret()))
        .await
        .unwrap();
    let theirs = widget.conversations().await.unwrap().data;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].id, conversation.id);

    // Signed out: the chat has no customer to act as.
    auth.logout().await.unwrap();
    let err = signed_in.conversations().await.unwrap_err();
    assert!(matches!(err, Error::NotSignedIn), "{err:?}");
}
