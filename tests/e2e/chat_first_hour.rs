//! What a new user of the chat meets first, against the emulator's defaults: the identity
//! secret is not the API key (and the emulator says so when the key was used).

use cstar_chat::identity::{Identity, sign};
use cstar_chat::{ChatClient, Error};
use cstar_mock::MockServer;

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
