//! cstar-library against the emulator: only published, public articles; categories with counts;
//! views, popularity, feedback, search; no key reads the team's environment, a publishable key
//! its own; the per-IP limit.

use cstar_admin::{ArticleStatus, CategoryFields, CreateArticle};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};
use cstar_library::{Error, Feedback, LibraryClient, ListArticles};
use cstar_mock::MockServer;

fn library(server: &MockServer, team: &str) -> LibraryClient {
    LibraryClient::builder(team)
        .base_url(server.base_url())
        .publishable_key(server.publishable_key())
        .max_retries(0)
        .build()
        .unwrap()
}

/// Billing (public) with two visible articles, Internal (hidden) with one, and articles that
/// must stay invisible: a draft and a private one.
async fn knowledge_base(server: &MockServer) {
    let cstar = client(server);
    let billing = cstar
        .categories()
        .create(CategoryFields::new("Billing").sort_order(1))
        .await
        .unwrap();
    let internal = cstar
        .categories()
        .create(CategoryFields::new("Internal").is_public(false))
        .await
        .unwrap();
    let published = |title: &str| {
        CreateArticle::new(title)
            .status(ArticleStatus::Published)
            .is_public(true)
    };
    for article in [
        published("Refunds")
            .content("How a refund works")
            .category_id(billing.id.clone()),
        published("Invoices")
            .content("Where to find invoices")
            .category_id(billing.id.clone()),
        published("Escalations").category_id(internal.id.clone()),
        published("Getting started").content("Welcome"),
        CreateArticle::new("Draft refund policy")
            .content("refund")
            .is_public(true),
        CreateArticle::new("Private refund notes")
            .content("refund")
            .status(ArticleStatus::Published),
    ] {
        cstar.articles().create(article).await.unwrap();
    }
}

#[tokio::test]
async fn only_public_published_articles_and_public_categories_show() {
    let server = start_mock().await;
    knowledge_base(&server).await;
    let library = library(&server, server.team_slug());

    let categories = library.categories().await.unwrap().data;
    assert_eq!(categories.len(), 1, "the internal category is hidden");
    assert_eq!(
        (categories[0].slug.as_str(), categories[0].article_count),
        ("billing", 2)
    );

    let all = library.articles(ListArticles::new()).await.unwrap();
    let titles: Vec<&str> = all.data.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Getting started", "Escalations", "Invoices", "Refunds"]
    );
    let billing = library
        .articles(ListArticles::new().category("billing"))
        .await
        .unwrap();
    assert_eq!(billing.data.len(), 2);
    assert!(
        billing
            .data
            .iter()
            .all(|a| a.category.as_deref() == Some("Billing"))
    );
    let capped = library
        .articles(ListArticles::new().limit(1))
        .await
        .unwrap();
    assert_eq!(capped.data.len(), 1);

    let refunds = library.article("refunds").await.unwrap();
    assert_eq!(refunds.content.as_deref(), Some("How a refund works"));
    assert_eq!(refunds.category_slug.as_deref(), Some("billing"));
    for hidden in [
        "draft-refund-policy",
        "private-refund-notes",
        "no-such-article",
    ] {
        let err = library.article(hidden).await.unwrap_err();
        assert!(matches!(err, Error::NotFound(_)), "{hidden}: {err:?}");
        assert!(err.request_id().is_some());
    }

    let hits = library.search("REFUND", None).await.unwrap();
    assert_eq!(
        hits.data
            .iter()
            .map(|a| a.slug.as_str())
            .collect::<Vec<_>>(),
        ["refunds"]
    );
    assert_eq!(library.search("e", Some(2)).await.unwrap().data.len(), 2);
    let err = library.search("  ", None).await.unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn views_make_articles_popular_and_feedback_is_counted() {
    let server = start_mock().await;
    knowledge_base(&server).await;
    let library = library(&server, server.team_id());

    for _ in 0..3 {
        library.record_view("invoices").await.unwrap();
    }
    let last = library.record_view("refunds").await.unwrap();
    assert_eq!(last.view_count, 1);
    let popular = library.popular_articles(2).await.unwrap();
    let order: Vec<(&str, u64)> = popular
        .data
        .iter()
        .map(|a| (a.slug.as_str(), a.view_count))
        .collect();
    assert_eq!(order, [("invoices", 3), ("refunds", 1)]);
    // Views reach the admin object too.
    let admin = client(&server)
        .articles()
        .list(cstar_admin::ListArticles::new().search("Invoices"))
        .await
        .unwrap();
    assert_eq!(admin.data[0].view_count, 3);

    library
        .feedback("refunds", Feedback::Helpful, Some("clear, thanks"))
        .await
        .unwrap();
    let second = library
        .feedback("refunds", Feedback::NotHelpful, None)
        .await
        .unwrap();
    assert!(!second.helpful);
    assert_eq!((second.helpful_count, second.not_helpful_count), (1, 1));
    let article = library.article("refunds").await.unwrap();
    assert_eq!((article.helpful_count, article.not_helpful_count), (1, 1));
    let err = library
        .feedback("draft-refund-policy", Feedback::Helpful, None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
}

#[tokio::test]
async fn keys_teams_and_the_per_ip_limit() {
    let server = MockServer::builder()
        .rate_limit_library(8)
        .start()
        .await
        .unwrap();
    knowledge_base(&server).await;

    // No key reads the environment of the emulator's secret key (test, by default), where
    // everything above was written.
    let anonymous = LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    let names: Vec<String> = anonymous
        .categories()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Billing"]);

    let err = library(&server, "some-other-team")
        .categories()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");

    let err = LibraryClient::builder("acme")
        .publishable_key(server.secret_key())
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(_)),
        "a secret key is refused: {err:?}"
    );
    assert!(!err.to_string().contains(server.secret_key()), "{err}");
    assert!(matches!(
        LibraryClient::new(" ").unwrap_err(),
        Error::Config(_)
    ));

    let library = library(&server, server.team_slug());
    let mut limited = None;
    for _ in 0..10 {
        if let Err(err) = library.categories().await {
            limited = Some(err);
            break;
        }
    }
    let err = limited.expect("the per-IP limit answers 429");
    assert!(matches!(err, Error::RateLimit(_)), "{err:?}");
    assert!(err.retry_after().is_some());
}
