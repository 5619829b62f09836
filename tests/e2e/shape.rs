//! One shape for the six customer-facing clients: each builder refuses a secret key and sends
//! every request through the user's own `reqwest::Client`; and a program mixing admin, auth,
//! chat and community calls needs no error conversion to `?` into `cstar::Result`.

use cstar_core::reqwest::header::{HeaderMap, HeaderValue};
use cstar_core::{ConfigError, Error};
use cstar_e2e::{client, start_mock};
use cstar_mock::MockServer;

const SECRET: &str = "sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6";
const HEADER: &str = "x-client-under-test";

fn refused<T: std::fmt::Debug>(what: &str, built: cstar_core::Result<T>) {
    let err = built.unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::SecretKeyRefused)),
        "{what}: {err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("must never ship to a customer's device"),
        "{what} says why: {message}"
    );
    assert!(!message.contains(SECRET), "{what} never repeats the key");
}

#[test]
fn every_customer_builder_refuses_a_secret_key() {
    refused(
        "library",
        cstar_library::LibraryClient::builder("acme")
            .publishable_key(SECRET)
            .build(),
    );
    refused(
        "auth",
        cstar_auth::AuthClient::builder("acme")
            .publishable_key(SECRET)
            .build(),
    );
    refused(
        "chat",
        cstar_chat::ChatClient::builder("acme")
            .publishable_key(SECRET)
            .build(),
    );
    refused(
        "community",
        cstar_community::CommunityClient::builder("acme")
            .publishable_key(SECRET)
            .build(),
    );
    refused(
        "quickhelp",
        cstar_quickhelp::QuickHelpClient::builder("acme")
            .publishable_key(SECRET)
            .build(),
    );
    refused(
        "proactive",
        cstar_proactive::ProactiveClient::builder("acme", "visitor")
            .publishable_key(SECRET)
            .build(),
    );
    let empty = cstar_chat::ChatClient::new(" ").unwrap_err();
    assert!(
        matches!(empty, Error::Config(ConfigError::Missing { name: "team" })),
        "{empty:?}"
    );
}

/// A user's client, recognisable by a default header the emulator records.
fn users_http_client(name: &'static str) -> cstar_core::reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(HEADER, HeaderValue::from_static(name));
    cstar_core::http_client_builder()
        .unwrap()
        .default_headers(headers)
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_customer_builder_sends_through_the_users_http_client() {
    let server = start_mock().await;
    let team = server.team_slug();
    let base = server.base_url();

    let library = cstar_library::LibraryClient::builder(team)
        .base_url(&base)
        .http_client(users_http_client("library"))
        .build()
        .unwrap();
    library.categories().await.unwrap();

    let auth = cstar_auth::AuthClient::builder(team)
        .base_url(&base)
        .http_client(users_http_client("auth"))
        .build()
        .unwrap();
    auth.signup("ada@example.com", "analytical-engine", None)
        .await
        .unwrap();
    auth.current_customer().await.unwrap();

    let chat = cstar_chat::ChatClient::builder(team)
        .base_url(&base)
        .http_client(users_http_client("chat"))
        .build()
        .unwrap();
    chat.create_conversation("Hello", "Anyone there?")
        .await
        .unwrap();

    let community = cstar_community::CommunityClient::builder(team)
        .base_url(&base)
        .http_client(users_http_client("community"))
        .build()
        .unwrap();
    community.topics().await.unwrap();

    let quickhelp = cstar_quickhelp::QuickHelpClient::builder(team)
        .base_url(&base)
        .http_client(users_http_client("quickhelp"))
        .build()
        .unwrap();
    quickhelp
        .answers(cstar_quickhelp::Context::asking("refund"))
        .await
        .unwrap();

    let proactive = cstar_proactive::ProactiveClient::builder(team, "visitor-1")
        .base_url(&base)
        .http_client(users_http_client("proactive"))
        .build()
        .unwrap();
    proactive.track(cstar_proactive::Signal::page_view("/checkout"));
    proactive.flush().await.unwrap();

    let requests = server.requests();
    for name in [
        "library",
        "auth",
        "chat",
        "community",
        "quickhelp",
        "proactive",
    ] {
        let prefix = format!("/api/{name}/");
        let sent: Vec<_> = requests
            .iter()
            .filter(|r| r.path.starts_with(&prefix))
            .collect();
        assert!(!sent.is_empty(), "{name} sent nothing");
        for request in sent {
            assert_eq!(
                request.header(HEADER).as_deref(),
                Some(name),
                "{} {} went through another client",
                request.method,
                request.path
            );
        }
    }
    cstar_e2e::assert_no_unexpected_requests(&server);
}

/// What an app's support screen might do: the agent side creates the forum's topic data, the
/// customer signs in, chats and posts. Every error is a `cstar::Error`: no conversion code.
async fn support_flow(server: &MockServer) -> cstar::Result<String> {
    let admin = client(server);
    let auth = cstar::auth::AuthClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()?;
    auth.signup("grace@example.com", "hopper1906", Some("Grace"))
        .await?;
    let me = auth.current_customer().await?;

    let chat = cstar::chat::ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .realtime(false)
        .build()?;
    let conversation = chat
        .create_conversation("Billing", "Where is my invoice?")
        .await?;
    let ticket = admin.tickets().get(conversation.id.as_str()).await?;

    let forum = cstar::community::CommunityClient::builder(server.team_slug())
        .base_url(server.base_url())
        .session(auth.clone())
        .build()?;
    let post = forum
        .create_post(cstar::community::NewPost::new(
            "Invoices by email",
            "Please",
            "feature-requests",
        ))
        .await?;
    Ok(format!("{} {} {}", me.email, ticket.title, post.title))
}

#[tokio::test]
async fn admin_auth_chat_and_community_share_one_result() -> cstar::Result<()> {
    let server = MockServer::builder()
        .secret_key("sk_live_ShapeTestsShapeTestsShapeTests000")
        .seed(20)
        .start()
        .await
        .unwrap();
    let summary = support_flow(&server).await?;
    assert_eq!(
        summary, "grace@example.com Billing Invoices by email",
        "every call succeeded"
    );
    // The same `?` carries a customer-side failure as the same error type.
    let signed_out = cstar::community::CommunityClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()?;
    let err = signed_out.vote("post").await.unwrap_err();
    assert!(matches!(err, cstar::Error::NotSignedIn), "{err:?}");
    Ok(())
}
