//! The customer-facing crates in a real browser (headless Chromium, through wasm-bindgen-test)
//! against the emulator that `cargo xtask browser-tests` started on loopback: its URL and team
//! slug come in at build time as `CSTAR_MOCK_URL`, `CSTAR_MOCK_TEAM` and
//! `CSTAR_MOCK_PUBLISHABLE_KEY` (it runs with `--seed`, so the knowledge base has articles).

#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    reason = "tests: a failure should stop the test loudly"
)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cstar::auth::{AuthClient, LocalStorageStore, SessionStore, SignupOutcome};
use cstar::chat::{ChatClient, ChatMessage};
use cstar::library::{LibraryClient, ListArticles};
use cstar::webhook::{Verifier, sign};
use cstar_core::runtime;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn base_url() -> &'static str {
    match option_env!("CSTAR_MOCK_URL") {
        Some(value) => value,
        None => panic!("CSTAR_MOCK_URL is unset: run these tests with `cargo xtask browser-tests`"),
    }
}

fn team() -> &'static str {
    match option_env!("CSTAR_MOCK_TEAM") {
        Some(value) => value,
        None => {
            panic!("CSTAR_MOCK_TEAM is unset: run these tests with `cargo xtask browser-tests`")
        }
    }
}

fn publishable_key() -> &'static str {
    match option_env!("CSTAR_MOCK_PUBLISHABLE_KEY") {
        Some(value) => value,
        None => panic!(
            "CSTAR_MOCK_PUBLISHABLE_KEY is unset: run these tests with `cargo xtask browser-tests`"
        ),
    }
}

/// Something unique per test run (tests share one emulator, and a page's localStorage).
fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", js_sys::Math::random().to_bits())
}

/// Polls `check` every 20 ms until it holds, for at most `limit`.
async fn wait_for(limit: Duration, check: impl Fn() -> bool) -> bool {
    let deadline = runtime::monotonic_now() + limit;
    while !check() {
        if runtime::monotonic_now() > deadline {
            return false;
        }
        runtime::sleep(Duration::from_millis(20)).await;
    }
    true
}

#[wasm_bindgen_test]
async fn library_categories_search_and_an_article() {
    // The seeded knowledge base is the test environment's, which a publishable key reads.
    let library = LibraryClient::builder(team())
        .base_url(base_url())
        .publishable_key(publishable_key())
        .build()
        .unwrap();
    let categories = library.categories().await.unwrap().data;
    assert!(!categories.is_empty(), "the seeded team has categories");

    let articles = library.articles(ListArticles::new()).await.unwrap();
    let first = articles.data.first().expect("the seeded team has articles");
    let word = first
        .title
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap();
    let found = library.search(word, Some(20)).await.unwrap();
    assert!(
        found.data.iter().any(|a| a.slug == first.slug),
        "searching {word:?} finds {:?}: {:?}",
        first.title,
        found.data.iter().map(|a| &a.title).collect::<Vec<_>>()
    );

    let article = library.article(&first.slug).await.unwrap();
    assert_eq!(article.title, first.title);
    let missing = library.article("no-such-article").await.unwrap_err();
    assert!(matches!(missing, cstar::Error::NotFound(_)), "{missing:?}");
}

#[wasm_bindgen_test]
async fn auth_signup_login_refresh_logout_in_local_storage() {
    let key = unique("cstar.session");
    let store = LocalStorageStore::new(key.clone());
    let auth = |store: LocalStorageStore| {
        AuthClient::builder(team())
            .base_url(base_url())
            .store(store)
            .build()
            .unwrap()
    };
    let client = auth(store.clone());
    let email = format!("{}@example.com", unique("ada"));
    let SignupOutcome::SignedIn(signed_up) = client
        .signup(&email, "correct horse", Some("Ada"))
        .await
        .unwrap()
    else {
        panic!("signed in at once by default")
    };
    let kept = store
        .load()
        .unwrap()
        .expect("the session is in localStorage");
    assert!(kept.contains(signed_up.refresh_token.expose_secret()));

    // Another client over the same key (a reload) finds the customer signed in.
    let reloaded = auth(LocalStorageStore::new(key.clone()));
    assert!(reloaded.is_authenticated());
    assert_eq!(
        reloaded.current_customer().await.unwrap().id,
        signed_up.customer.id
    );

    let refreshed = reloaded.refresh().await.unwrap();
    assert_ne!(
        refreshed.access_token.expose_secret(),
        signed_up.access_token.expose_secret()
    );
    assert!(
        store
            .load()
            .unwrap()
            .unwrap()
            .contains(refreshed.access_token.expose_secret()),
        "the refreshed session replaced the stored one"
    );

    reloaded.logout().await.unwrap();
    assert_eq!(store.load().unwrap(), None, "logout clears localStorage");
    assert!(!reloaded.is_authenticated());

    let again = client.login(&email, "correct horse").await.unwrap();
    assert_eq!(again.customer.id, signed_up.customer.id);
    assert!(store.load().unwrap().is_some());
    client.logout().await.unwrap();
    assert_eq!(store.load().unwrap(), None);
    let wrong = client.login(&email, "wrong password").await.unwrap_err();
    assert!(
        matches!(wrong, cstar::Error::Authentication(_)),
        "{wrong:?}"
    );
}

fn chat(realtime: bool, polling: Duration) -> ChatClient {
    ChatClient::builder(team())
        .base_url(base_url())
        .realtime(realtime)
        .polling_interval(polling)
        .build()
        .unwrap()
}

async fn collect(
    chat: &ChatClient,
    conversation: &str,
) -> (Arc<Mutex<Vec<ChatMessage>>>, cstar::chat::Subscription) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let subscription = chat
        .on_message(conversation, move |m| sink.lock().unwrap().push(m))
        .await
        .unwrap();
    (seen, subscription)
}

fn has(seen: &Mutex<Vec<ChatMessage>>, content: &str) -> bool {
    seen.lock().unwrap().iter().any(|m| m.content == content)
}

/// Pings until one arrives (bounded): once one has, the live stream is open (the feed reads the
/// list to catch up only when the stream opens, and polls once an hour here).
async fn feed_started(
    chat: &ChatClient,
    conversation: &str,
    seen: &Mutex<Vec<ChatMessage>>,
) -> bool {
    for attempt in 0..20 {
        let ping = format!("ping {attempt}");
        chat.send(conversation, &ping).await.unwrap();
        if wait_for(Duration::from_millis(500), || has(seen, &ping)).await {
            return true;
        }
    }
    false
}

#[wasm_bindgen_test]
async fn chat_anonymous_conversation() {
    let chat = chat(true, Duration::from_secs(1));
    let conversation = chat
        .create_conversation("Order #1042", "Where is my parcel?")
        .await
        .unwrap();
    assert!(conversation.id.as_str().starts_with("tkt_"));
    let thread = chat.messages(&conversation.id).await.unwrap().data;
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].content, "Where is my parcel?");
    let sent = chat.send(&conversation.id, "Any news?").await.unwrap();
    assert_eq!(sent.content, "Any news?");
    assert_eq!(chat.messages(&conversation.id).await.unwrap().data.len(), 2);
}

/// Polling runs once an hour here, so a message that arrives within seconds came over the stream.
#[wasm_bindgen_test]
async fn chat_on_message_over_streaming_sse() {
    let chat = chat(true, Duration::from_secs(3600));
    let conversation = chat.create_conversation("Live", "Hello").await.unwrap();
    let (seen, _subscription) = collect(&chat, conversation.id.as_str()).await;

    assert!(
        feed_started(&chat, conversation.id.as_str(), &seen).await,
        "no message came over the stream: {:?}",
        seen.lock().unwrap()
    );
    chat.send(&conversation.id, "over the stream")
        .await
        .unwrap();
    assert!(
        wait_for(Duration::from_secs(10), || has(&seen, "over the stream")).await,
        "the message after the stream opened arrived: {:?}",
        seen.lock().unwrap()
    );
    let contents: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|m| m.content.clone())
        .collect();
    assert!(
        !contents.contains(&"Hello".to_owned()),
        "history is not news: {contents:?}"
    );
}

#[wasm_bindgen_test]
async fn chat_on_message_by_polling_when_realtime_is_off() {
    let chat = chat(false, Duration::from_millis(50));
    let conversation = chat.create_conversation("Polled", "Hello").await.unwrap();
    let (seen, subscription) = collect(&chat, conversation.id.as_str()).await;
    // Sent the moment the subscription exists: what on_message read before returning is history,
    // everything after it is news.
    chat.send(&conversation.id, "polled in").await.unwrap();
    assert!(
        wait_for(Duration::from_secs(10), || has(&seen, "polled in")).await,
        "{:?}",
        seen.lock().unwrap()
    );
    drop(subscription);
}

#[wasm_bindgen_test]
fn webhook_verified_with_construct_event_at_and_the_browser_clock() {
    const SECRET: &str = "whsec_browser_test";
    let body = br#"{"id":"evt_browser","type":"ticket.created","data":{}}"#;
    let verifier = Verifier::new(SECRET).unwrap();
    let signed_at = 1_700_000_000;
    let header = sign(body, SECRET, signed_at);
    let event = verifier
        .construct_event_at(body, &header, signed_at + 10)
        .unwrap();
    assert_eq!(event.id, "evt_browser");
    assert!(
        verifier
            .construct_event_at(body, &header, signed_at + 3600)
            .is_err()
    );

    // The clock-taking methods read `Date.now()` here (std's clock would panic).
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let fresh = sign(body, SECRET, now);
    assert!(verifier.construct_event(body, &fresh).is_ok());
    assert!(
        verifier.construct_event(body, &header).is_err(),
        "a 2023 signature is stale"
    );
}
