//! The first hour of a new user, against the emulator's defaults (its `sk_test_` key, no
//! environment trick): the admin client feeds and sees what the customer-facing clients see, and
//! a miss across environments says why.

use cstar_admin::{ArticleStatus, CStarClient, CreateArticle, CreateMessage};
use cstar_chat::ChatClient;
use cstar_library::LibraryClient;
use cstar_mock::MockServer;

fn admin(server: &MockServer) -> CStarClient {
    cstar_e2e::client(server)
}

#[tokio::test]
async fn library_search_finds_what_the_default_key_published() -> cstar_core::Result<()> {
    // `?` on the emulator's start, in a test returning the SDK's Result.
    let server = MockServer::start().await?;
    assert!(server.secret_key().starts_with("sk_test_"));
    let cstar = admin(&server);
    let library = LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()?;
    assert!(library.search("password", None).await?.data.is_empty());
    cstar
        .articles()
        .create(
            CreateArticle::new("Resetting your password")
                .content("Open settings")
                .status(ArticleStatus::Published)
                .is_public(true),
        )
        .await?;
    let found = library.search("password", None).await?;
    assert_eq!(
        found
            .data
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["Resetting your password"]
    );
    Ok(())
}

#[tokio::test]
async fn an_admin_reply_reaches_a_chat_conversation() -> cstar_core::Result<()> {
    let server = MockServer::start().await?;
    let chat = ChatClient::builder(server.team_slug())
        .base_url(server.base_url())
        .build()?;
    let conversation = chat
        .create_conversation("Order #1042", "Where is my parcel?")
        .await?;
    let ticket = admin(&server)
        .tickets()
        .get(conversation.id.as_str())
        .await?;
    assert_eq!(ticket.title, "Order #1042");
    admin(&server)
        .tickets()
        .messages(conversation.id.as_str())
        .create(CreateMessage::new("On its way!"))
        .await?;
    let thread = chat.messages(&conversation.id).await?.data;
    assert_eq!(
        thread
            .iter()
            .map(|m| m.content.as_str())
            .collect::<Vec<_>>(),
        ["Where is my parcel?", "On its way!"]
    );
    Ok(())
}

#[tokio::test]
async fn a_miss_across_environments_names_the_other_one() -> cstar_core::Result<()> {
    let server = MockServer::builder()
        .secret_key("sk_live_FirstHourFirstHourFirstHour0000")
        .start()
        .await?;
    let ticket = admin(&server)
        .tickets()
        .create(cstar_admin::CreateTicket::new("In production"))
        .await?;
    // The emulator's publishable key is a test key: it reads the test environment.
    let reader = CStarClient::builder()
        .api_key(server.publishable_key())
        .team_id(server.team_id())
        .base_url(server.base_url())
        .build()?;
    let err = reader.tickets().get(ticket.id).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert!(
        err.to_string()
            .contains("exists in the live environment; this key is a test key"),
        "{err}"
    );
    Ok(())
}
