//! cstar-chat against the emulator: anonymous and identified sessions, identity signatures,
//! conversations and messages, live messages over SSE and by polling, typing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cstar_admin::{CStarClient, CreateMessage};
use cstar_chat::identity::{Identity, sign};
use cstar_chat::{ChatClient, ChatMessage, Error, FileStore};
use cstar_mock::MockServer;

/// An emulator whose secret key is a live one: the chat (no key) and the agent's admin client
/// then share the live environment.
async fn live_mock() -> MockServer {
    MockServer::builder()
        .secret_key("sk_live_ChatTestsChatTestsChatTests0000")
        .start()
        .await
        .unwrap()
}

fn chat(server: &MockServer, realtime: bool) -> ChatClient {
    ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .realtime(realtime)
        .polling_interval(Duration::from_millis(50))
        .max_retries(0)
        .build()
        .unwrap()
}

fn agent(server: &MockServer) -> CStarClient {
    cstar_e2e::client(server)
}

/// Waits until `on_message`'s feed for `conversation` has its live stream open on the emulator.
async fn stream_open(server: &MockServer, conversation: &str) {
    wait_for("the feed's stream", || {
        server.requests().iter().any(|r| {
            r.method == "GET"
                && r.path.ends_with(&format!("{conversation}/stream"))
                && r.status.is_some()
        })
    })
    .await;
}

async fn wait_for(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn anonymous_then_identified() {
    let server = live_mock().await;
    let chat = chat(&server, true);
    let conversation = chat
        .create_conversation("Order #1042", "Where is my parcel?")
        .await
        .unwrap();
    assert!(conversation.id.as_str().starts_with("tkt_"));
    assert_eq!(conversation.subject, "Order #1042");
    let thread = chat.messages(&conversation.id).await.unwrap().data;
    assert_eq!(thread.len(), 1);
    assert_eq!(
        (thread[0].sender.as_str(), thread[0].content.as_str()),
        ("customer", "Where is my parcel?")
    );

    // The cheat sheet's gotcha: listing needs an identified customer.
    let err = chat.conversations().await.unwrap_err();
    assert!(err.is_identify_required(), "{err:?}");
    let Error::Authentication(api) = &err else {
        panic!("an Authentication error, as the JS class, got {err:?}")
    };
    assert!(api.message().contains("identify"), "{}", api.message());
    assert!(
        err.to_string().contains("ChatClient::identify"),
        "says what to do: {err}"
    );

    let identity = Identity::now("jane@example.com", "42").name("Jane Doe");
    let wrong = chat
        .identify(&identity, &sign(&identity, "sk_test_not_the_secret"))
        .await
        .unwrap_err();
    assert!(
        matches!(wrong, Error::Authentication(_)) && !wrong.is_identify_required(),
        "{wrong:?}"
    );
    let stale = Identity::new(
        "jane@example.com",
        "42",
        jiff::Timestamp::now().as_second() - 3600,
    );
    let err = chat
        .identify(&stale, &sign(&stale, server.identity_secret()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("300 s"), "{err}");

    // A field changed after signing: the emulator recomputes the signature and refuses it.
    let signature = sign(&identity, server.identity_secret());
    let tampered = Identity::new("mallory@example.com", "42", identity.timestamp).name("Jane Doe");
    let err = chat.identify(&tampered, &signature).await.unwrap_err();
    assert!(matches!(err, Error::Authentication(_)), "{err:?}");

    let customer = chat.identify(&identity, &signature).await.unwrap();
    assert_eq!(
        chat.conversation(&conversation.id).await.unwrap().id,
        conversation.id
    );
    assert!(customer.id.as_str().starts_with("cus_"));
    assert_eq!(customer.external_id.as_deref(), Some("42"));
    assert_eq!(chat.customer().unwrap(), Some(customer.clone()));
    let mine = chat.conversations().await.unwrap().data;
    assert_eq!(
        mine.iter().map(|c| &c.id).collect::<Vec<_>>(),
        [&conversation.id],
        "kept on identify"
    );

    // Another visitor cannot read it.
    let stranger = self::chat(&server, true);
    assert!(matches!(
        stranger.messages(&conversation.id).await,
        Err(Error::NotFound(_))
    ));

    // The agent sees the conversation as a ticket of that customer.
    let ticket = agent(&server)
        .tickets()
        .get(conversation.id.as_str())
        .await
        .unwrap();
    assert_eq!(
        ticket.customer_id.map(|c| c.as_str().to_owned()),
        Some(customer.id.into_string())
    );
}

async fn live_messages(realtime: bool) {
    let server = live_mock().await;
    let chat = chat(&server, realtime);
    let conversation = chat.create_conversation("Help", "Hello?").await.unwrap();
    let received: Arc<Mutex<Vec<ChatMessage>>> = Arc::default();
    let sink = Arc::clone(&received);
    let feed = chat
        .on_message(&conversation.id, move |m| sink.lock().unwrap().push(m))
        .await
        .unwrap();
    // No waiting for the stream: a message sent the moment on_message returns is news, whether
    // it comes before the stream is open (the catch-up read) or after (the stream).

    let thread = agent(&server).tickets().messages(conversation.id.as_str());
    thread
        .create(CreateMessage::new("Internal: VIP").internal())
        .await
        .unwrap();
    thread
        .create(CreateMessage::new("Hi! Looking into it."))
        .await
        .unwrap();
    chat.send(&conversation.id, "Thanks").await.unwrap();
    wait_for("two messages", || received.lock().unwrap().len() >= 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let got: Vec<(String, String)> = received
        .lock()
        .unwrap()
        .iter()
        .map(|m| (m.sender.to_string(), m.content.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("agent".to_owned(), "Hi! Looking into it.".to_owned()),
            ("customer".to_owned(), "Thanks".to_owned()),
        ],
        "new messages once each, in order, never the internal note"
    );

    let requests = server.requests();
    let count = |suffix: &str| {
        requests
            .iter()
            .filter(|r| r.method == "GET" && r.path.ends_with(suffix))
            .count()
    };
    if realtime {
        assert_eq!(count("/stream"), 1, "one live stream");
        assert_eq!(
            count("/messages"),
            2,
            "no polling beside it: the history read and one catch-up when the stream opened"
        );
    } else {
        assert_eq!(count("/stream"), 0);
        assert!(count("/messages") > 2, "polled");
    }
    drop(feed);
    thread
        .create(CreateMessage::new("After the feed stopped"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        received.lock().unwrap().len(),
        2,
        "a dropped subscription hears nothing"
    );
}

#[tokio::test]
async fn new_messages_arrive_live_over_sse() {
    live_messages(true).await;
}

#[tokio::test]
async fn new_messages_arrive_by_polling_without_realtime() {
    live_messages(false).await;
}

/// The stream is held up on the emulator while an agent answers: the answer is sent after
/// `on_message` returned but before the stream carries anything, and still arrives, once.
#[tokio::test]
async fn a_message_sent_while_the_stream_connects_is_not_lost() {
    let server = live_mock().await;
    let chat = chat(&server, true);
    let conversation = chat.create_conversation("Gap", "Hello?").await.unwrap();
    let received: Arc<Mutex<Vec<ChatMessage>>> = Arc::default();
    let sink = Arc::clone(&received);
    // The next two API requests: the history read (undelayed), then the stream (held up).
    server.delay_next(1, Duration::ZERO);
    // Long enough that the agent's answer below lands inside it on a loaded machine too; the
    // assertion after the answer says so if it did not.
    server.delay_next(1, Duration::from_secs(2));
    let _feed = chat
        .on_message(&conversation.id, move |m| sink.lock().unwrap().push(m))
        .await
        .unwrap();
    let stream_held = |server: &MockServer| {
        server
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with("/stream") && r.status.is_none())
    };
    wait_for("the stream request, held up", || stream_held(&server)).await;
    agent(&server)
        .tickets()
        .messages(conversation.id.as_str())
        .create(CreateMessage::new("Sent while you were connecting"))
        .await
        .unwrap();
    assert!(stream_held(&server), "sent before the stream was answered");
    wait_for("the answer", || !received.lock().unwrap().is_empty()).await;
    stream_open(&server, conversation.id.as_str()).await;
    chat.send(&conversation.id, "And over the stream")
        .await
        .unwrap();
    wait_for("the second", || received.lock().unwrap().len() >= 2).await;
    let got: Vec<String> = received
        .lock()
        .unwrap()
        .iter()
        .map(|m| m.content.clone())
        .collect();
    assert_eq!(
        got,
        ["Sent while you were connecting", "And over the stream"],
        "each once, in order, history left out"
    );
}

#[tokio::test]
async fn typing_both_ways_and_disconnect() {
    let server = live_mock().await;
    let chat = chat(&server, true);
    let conversation = chat.create_conversation("Typing", "…").await.unwrap();
    assert!(
        chat.agents_typing(&conversation.id)
            .await
            .unwrap()
            .is_empty()
    );
    server.set_agent_typing(conversation.id.as_str(), "Sam", true);
    let agents = chat.agents_typing(&conversation.id).await.unwrap();
    assert_eq!(
        agents.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["Sam"]
    );
    assert!(!server.customer_is_typing(conversation.id.as_str()));
    chat.set_typing(&conversation.id, true).await.unwrap();
    assert!(
        server.customer_is_typing(conversation.id.as_str()),
        "the agent side sees it"
    );
    chat.send(&conversation.id, "here it is").await.unwrap();
    assert!(
        !server.customer_is_typing(conversation.id.as_str()),
        "sending ends typing"
    );

    let count = Arc::new(Mutex::new(0));
    let seen = Arc::clone(&count);
    let _feed = chat
        .on_message(&conversation.id, move |_| *seen.lock().unwrap() += 1)
        .await
        .unwrap();
    stream_open(&server, conversation.id.as_str()).await;
    chat.disconnect().await.unwrap();
    agent(&server)
        .tickets()
        .messages(conversation.id.as_str())
        .create(CreateMessage::new("after disconnect"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(*count.lock().unwrap(), 0, "disconnect stops every feed");
    // The session is gone too: the next call starts a new anonymous one.
    assert!(chat.messages(&conversation.id).await.is_err());
}

#[test]
fn on_message_outside_a_runtime_is_an_error_not_a_panic() {
    // A plain thread with no async runtime, as a GUI app's main thread may be.
    let outcome = std::thread::spawn(|| {
        let chat = ChatClient::new("acme").unwrap();
        // The first poll answers: the check comes before anything is sent.
        futures_util::FutureExt::now_or_never(chat.on_message("tkt_1", |_| {}))
            .expect("answers at once")
            .map(drop)
    })
    .join()
    .expect("on_message must not panic outside a runtime");
    let err = outcome.unwrap_err();
    assert!(matches!(err, Error::NoRuntime), "{err:?}");
    assert!(
        err.to_string().contains("Tokio runtime"),
        "says what to do: {err}"
    );
}

#[tokio::test]
async fn an_anonymous_session_in_a_file_store_survives_a_restart() {
    let server = live_mock().await;
    let dir = std::env::temp_dir().join(format!("cstar-chat-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("chat-session.json");
    let _ = std::fs::remove_file(&path);
    let open = || {
        ChatClient::builder(server.team_slug())
            .base_url(server.base_url())
            .store(FileStore::new(&path))
            .max_retries(0)
            .build()
            .unwrap()
    };

    let first = open();
    let conversation = first
        .create_conversation("Before the restart", "Still there?")
        .await
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "only the owner reads the session token"
        );
    }
    drop(first);

    // The app restarts: a new client with the same store is the same anonymous visitor.
    let second = open();
    let thread = second.messages(&conversation.id).await.unwrap().data;
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].content, "Still there?");
    let sessions_started = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/sessions"))
        .count();
    assert_eq!(
        sessions_started, 1,
        "the stored session token was used again"
    );
    let tokens: std::collections::HashSet<String> = server
        .requests()
        .iter()
        .filter(|r| r.path.contains("/conversations"))
        .filter_map(|r| r.header("authorization"))
        .collect();
    assert_eq!(
        tokens.len(),
        1,
        "one session token before and after: {}",
        tokens.len()
    );

    // A stranger with a fresh store cannot read it.
    let stranger = chat(&server, false);
    assert!(matches!(
        stranger.messages(&conversation.id).await,
        Err(Error::NotFound(_))
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}
