//! The SDK against an emulator that drifts on purpose (`cstar_mock::Drift`): every read
//! operation still succeeds, and one unreadable record does not take a list with it.

use cstar_admin::{
    CStarClient, CreateMessage, CreateTicket, CreateWebhook, ListArticles, ListAuditLog,
    ListCategories, ListCustomerGroups, ListCustomers, ListMembers, ListNotifications, ListPosts,
    ListTickets, ListWebhooks, SearchQuery,
};
use cstar_e2e::{client, raw_post_json};
use cstar_library::LibraryClient;
use cstar_mock::{Drift, DriftMode, MockServer};

async fn drifting(mode: DriftMode) -> MockServer {
    MockServer::builder()
        .rate_limit_secret(1_000_000)
        .rate_limit_publishable(1_000_000)
        .seed(4)
        .drift(Drift::new(mode, 11))
        .start()
        .await
        .unwrap()
}

/// Awaits a call; a failure names the drift mode and the operation.
macro_rules! read {
    ($mode:expr, $operation:literal, $call:expr) => {
        $call
            .await
            .unwrap_or_else(|e| panic!("{:?} {}: {e}", $mode, $operation))
    };
}

/// Every admin read operation, under `mode`; the first failure names its operation. The
/// emulator starts without drift so that a webhook exists and a player's user id is known, then
/// drifts every answer after.
async fn admin_reads_succeed(mode: DriftMode) {
    let server = MockServer::builder()
        .rate_limit_secret(1_000_000)
        .seed(4)
        .start()
        .await
        .unwrap();
    let cstar = client(&server);
    let hook = CreateWebhook::new("https://example.com/hooks", ["ticket.*"]);
    let hook = cstar.webhooks().create(hook).await.unwrap().webhook.id;
    let members = cstar.members().list(ListMembers::new()).await.unwrap();
    let user = members.data.iter().find_map(|m| m.user_id.clone()).unwrap();
    let body = format!(r#"{{"mode":"{}","seed":11}}"#, mode.name());
    let control = format!("{}/__cstar_mock/drift", server.base_url());
    assert_eq!(
        raw_post_json(&control, &body).await,
        200,
        "drift {mode:?} set"
    );
    reads(mode, &cstar, hook, &user).await;
}

async fn reads(mode: DriftMode, cstar: &CStarClient, hook: cstar_admin::WebhookId, user: &str) {
    let tickets = read!(
        mode,
        "tickets.list",
        cstar.tickets().list(ListTickets::new())
    );
    let first = tickets.data[0].id.clone();
    read!(mode, "tickets.get", cstar.tickets().get(&first));
    let new = CreateTicket::new("Drifted");
    read!(mode, "tickets.create", cstar.tickets().create(new));
    let thread = cstar.tickets().messages(&first);
    read!(
        mode,
        "messages.create",
        thread.create(CreateMessage::new("Hi"))
    );
    read!(mode, "messages.list", thread.list());
    let customers = read!(
        mode,
        "customers.list",
        cstar.customers().list(ListCustomers::new())
    );
    read!(
        mode,
        "customers.get",
        cstar.customers().get(&customers.data[0].id)
    );
    let articles = read!(
        mode,
        "articles.list",
        cstar.articles().list(ListArticles::new())
    );
    read!(
        mode,
        "articles.get",
        cstar.articles().get(&articles.data[0].id)
    );
    let categories = read!(
        mode,
        "categories.list",
        cstar.categories().list(ListCategories::new())
    );
    read!(
        mode,
        "categories.get",
        cstar.categories().get(&categories.data[0].id)
    );
    read!(
        mode,
        "webhooks.list",
        cstar.webhooks().list(ListWebhooks::new())
    );
    read!(mode, "webhooks.get", cstar.webhooks().get(hook));
    let members = read!(
        mode,
        "members.list",
        cstar.members().list(ListMembers::new())
    );
    read!(
        mode,
        "members.get",
        cstar.members().get(&members.data[0].id)
    );
    read!(mode, "tags.list", cstar.tags().list());
    read!(mode, "whoami", cstar.whoami());
    let groups = cstar.customer_groups();
    read!(
        mode,
        "customer_groups.list",
        groups.list(ListCustomerGroups::new())
    );
    read!(mode, "custom_fields.list", cstar.custom_fields().list(None));
    read!(mode, "views.list", cstar.views().list(None));
    read!(
        mode,
        "audit_log.list",
        cstar.audit_log().list(ListAuditLog::new())
    );
    read!(mode, "analytics.overview", cstar.analytics().overview(None));
    read!(mode, "sla.list", cstar.sla().list());
    read!(mode, "automations.list", cstar.automations().list());
    let notifications = cstar.notifications();
    read!(
        mode,
        "notifications.list",
        notifications.list(ListNotifications::new())
    );
    read!(
        mode,
        "notifications.unread_count",
        notifications.unread_count()
    );
    read!(mode, "settings.get", cstar.settings().get());
    read!(mode, "billing.subscription", cstar.billing().subscription());
    read!(mode, "game.player", cstar.game().player(user));
    read!(
        mode,
        "community.list",
        cstar.community().list(ListPosts::new())
    );
    read!(mode, "search", cstar.search(SearchQuery::new("a")));
}

/// The customer-facing library's reads, under `mode`.
async fn library_reads_succeed(mode: DriftMode) {
    let server = drifting(mode).await;
    let library = LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .publishable_key(server.publishable_key())
        .build()
        .unwrap();
    read!(mode, "library.categories", library.categories());
    let articles = cstar_library::ListArticles::new();
    read!(mode, "library.articles", library.articles(articles));
}

#[tokio::test]
async fn admin_reads_survive_extra_fields() {
    admin_reads_succeed(DriftMode::ExtraFields).await;
}

#[tokio::test]
async fn admin_reads_survive_unknown_values() {
    admin_reads_succeed(DriftMode::UnknownValues).await;
}

#[tokio::test]
async fn admin_reads_survive_timestamps_with_an_offset() {
    admin_reads_succeed(DriftMode::Timestamps).await;
}

#[tokio::test]
async fn admin_reads_survive_nulls() {
    admin_reads_succeed(DriftMode::Nulls).await;
}

#[tokio::test]
async fn admin_reads_survive_missing_fields() {
    admin_reads_succeed(DriftMode::Missing).await;
}

#[tokio::test]
async fn admin_reads_survive_one_bad_record() {
    admin_reads_succeed(DriftMode::OneBadRecord).await;
}

#[tokio::test]
async fn library_reads_survive_extra_fields() {
    library_reads_succeed(DriftMode::ExtraFields).await;
}

#[tokio::test]
async fn library_reads_survive_unknown_values() {
    library_reads_succeed(DriftMode::UnknownValues).await;
}

#[tokio::test]
async fn library_reads_survive_timestamps_with_an_offset() {
    library_reads_succeed(DriftMode::Timestamps).await;
}

#[tokio::test]
async fn library_reads_survive_nulls() {
    library_reads_succeed(DriftMode::Nulls).await;
}

#[tokio::test]
async fn library_reads_survive_missing_fields() {
    library_reads_succeed(DriftMode::Missing).await;
}

#[tokio::test]
async fn library_reads_survive_one_bad_record() {
    library_reads_succeed(DriftMode::OneBadRecord).await;
}

/// Every read of the customer-facing crates below, under `mode`, against a team seeded
/// before the drift starts; the first failure names its operation. Auth is left out: a session
/// without its customer or access token is no session, and `nulls` may pick either.
async fn customer_reads_succeed(mode: DriftMode) {
    let server = MockServer::builder()
        .rate_limit_publishable(1_000_000)
        .seed(4)
        .start()
        .await
        .unwrap();
    let team = server.team_slug().to_owned();
    let base = server.base_url().to_owned();
    let chat = cstar_chat::ChatClient::builder(&team)
        .base_url(&base)
        .build()
        .unwrap();
    let conversation = chat
        .create_conversation("Drifting", "Is anyone there?")
        .await
        .unwrap();
    let body = serde_json::json!({"mode": mode.name(), "seed": 11});
    cstar_core::http_client_builder()
        .unwrap()
        .build()
        .unwrap()
        .post(format!("{base}/__cstar_mock/drift"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();

    let library = LibraryClient::builder(&team)
        .base_url(&base)
        .build()
        .unwrap();
    let articles = library
        .articles(cstar_library::ListArticles::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} library.articles: {e}"));
    library
        .categories()
        .await
        .unwrap_or_else(|e| panic!("{mode:?} library.categories: {e}"));
    library
        .search("e", None)
        .await
        .unwrap_or_else(|e| panic!("{mode:?} library.search: {e}"));
    if let Some(article) = articles.data.iter().find(|a| !a.slug.is_empty()) {
        library
            .article(&article.slug)
            .await
            .unwrap_or_else(|e| panic!("{mode:?} library.article: {e}"));
    }

    chat.conversation(&conversation.id)
        .await
        .unwrap_or_else(|e| panic!("{mode:?} chat.conversation: {e}"));
    chat.messages(&conversation.id)
        .await
        .unwrap_or_else(|e| panic!("{mode:?} chat.messages: {e}"));

    let forum = cstar_community::CommunityClient::builder(&team)
        .base_url(&base)
        .build()
        .unwrap();
    forum
        .topics()
        .await
        .unwrap_or_else(|e| panic!("{mode:?} community.topics: {e}"));
    let posts = forum
        .posts(cstar_community::ListPosts::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} community.posts: {e}"));
    if let Some(post) = posts.data.first() {
        forum
            .post(&post.id)
            .await
            .unwrap_or_else(|e| panic!("{mode:?} community.post: {e}"));
        forum
            .comments(&post.id)
            .await
            .unwrap_or_else(|e| panic!("{mode:?} community.comments: {e}"));
    }

    cstar_quickhelp::QuickHelpClient::builder(&team)
        .base_url(&base)
        .build()
        .unwrap()
        .answers(cstar_quickhelp::Context::asking("password"))
        .await
        .unwrap_or_else(|e| panic!("{mode:?} quickhelp.answers: {e}"));
}

#[tokio::test]
async fn customer_reads_survive_every_drift() {
    for mode in DriftMode::ALL {
        customer_reads_succeed(mode).await;
    }
}
