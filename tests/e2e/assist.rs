//! cstar-quickhelp and cstar-proactive against the emulator: ranked contextual answers from the
//! public knowledge base, and signals turned into suggestions once per visitor.

use std::time::Duration;

use cstar_admin::{ArticleStatus, CStarClient, CreateArticle};
use cstar_core::{ConfigError, Error};
use cstar_e2e::{client, start_mock};
use cstar_mock::MockServer;
use cstar_proactive::{ProactiveClient, Signal, SuggestionKind};
use cstar_quickhelp::{Context, QuickHelpClient};

async fn publish(cstar: &CStarClient, title: &str, content: &str, tags: &[&str]) {
    cstar
        .articles()
        .create(
            CreateArticle::new(title)
                .content(content)
                .status(ArticleStatus::Published)
                .is_public(true)
                .tags(tags.iter().copied()),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn quickhelp_ranks_published_articles_for_the_context() {
    let server = start_mock().await;
    let cstar = client(&server);
    publish(
        &cstar,
        "Request a refund",
        "Open Billing. To get a refund, pick the invoice.",
        &["billing"],
    )
    .await;
    publish(
        &cstar,
        "Reset your password",
        "Use the link on the sign-in page.",
        &["account"],
    )
    .await;
    publish(
        &cstar,
        "Invoices",
        "Every invoice is under Billing, with refund notes.",
        &["billing"],
    )
    .await;
    cstar
        .articles()
        .create(
            CreateArticle::new("Refund policy draft")
                .content("refund refund refund")
                .is_public(true),
        )
        .await
        .unwrap();

    // A publishable key reads the test data the admin client wrote.
    let help = QuickHelpClient::builder(server.team_slug())
        .base_url(server.base_url())
        .publishable_key(server.publishable_key())
        .max_retries(0)
        .build()
        .unwrap();
    let answers = help
        .answers(Context::page("/settings/billing").question("How do I get a refund?"))
        .await
        .unwrap()
        .data;
    let titles: Vec<&str> = answers.iter().map(|a| a.article.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Request a refund", "Invoices"],
        "best first, never the draft"
    );
    assert!(answers[0].score > answers[1].score);
    assert!(
        answers[0].snippet.contains("refund"),
        "{}",
        answers[0].snippet
    );

    let tagged = help
        .answers(Context::asking("password help").tag("account").limit(1))
        .await
        .unwrap()
        .data;
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].article.slug, "reset-your-password");

    let err = help.answers(Context::default()).await.unwrap_err();
    assert!(matches!(&err, Error::Validation(_)), "{err:?}");
    let err = QuickHelpClient::builder("acme")
        .publishable_key(server.secret_key())
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(ConfigError::SecretKeyRefused)),
        "a secret key is refused: {err:?}"
    );
}

fn proactive(server: &MockServer, visitor: &str) -> ProactiveClient {
    ProactiveClient::builder(server.team_slug(), visitor)
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn signals_become_suggestions_once_per_visitor() {
    // The signals API reads the live knowledge base: write it with a live key.
    let server = MockServer::builder()
        .secret_key("sk_live_ProactiveTestsProactiveTests000")
        .start()
        .await
        .unwrap();
    publish(
        &client(&server),
        "Apply a coupon",
        "Coupon codes go in the checkout box.",
        &[],
    )
    .await;
    let visitor = proactive(&server, "visitor-1");

    for n in 0..3 {
        visitor.track(Signal::error("/checkout", format!("boom {n}")));
    }
    visitor.track(Signal::failed_action("/checkout", "coupon"));
    visitor.track(Signal::failed_action("/checkout", "coupon"));
    visitor.track(Signal::rage_click("/checkout"));
    visitor.track(Signal::time_on_page(
        "/help/coupon",
        Duration::from_secs(90),
    ));
    assert_eq!(visitor.queued(), 7);
    let suggestions = visitor.flush().await.unwrap();
    let kinds: Vec<(SuggestionKind, Option<String>)> = suggestions
        .iter()
        .map(|s| (s.kind.clone(), s.article.as_ref().map(|a| a.title.clone())))
        .collect();
    assert_eq!(
        kinds,
        [
            (SuggestionKind::OpenChat, None),
            (
                SuggestionKind::ShowArticle,
                Some("Apply a coupon".to_owned())
            ),
            (SuggestionKind::OfferHelp, None),
            (
                SuggestionKind::ShowArticle,
                Some("Apply a coupon".to_owned())
            ),
        ]
    );
    assert_eq!(visitor.queued(), 0);

    // Once per visitor: the same patterns again suggest nothing; another visitor starts afresh.
    for _ in 0..3 {
        visitor.track(Signal::error("/checkout", "boom"));
    }
    assert!(visitor.flush().await.unwrap().is_empty());
    let other = proactive(&server, "visitor-2");
    for _ in 0..3 {
        other.track(Signal::error("/checkout", "boom"));
    }
    assert_eq!(other.flush().await.unwrap().len(), 1);

    // A flush that cannot reach the API keeps the signals for the next one.
    server.shutdown().await;
    other.track(Signal::page_view("/pricing"));
    assert!(other.flush().await.is_err());
    assert_eq!(other.queued(), 1);
    server.start_again().await.unwrap();
    assert!(other.flush().await.unwrap().is_empty());
    assert_eq!(other.queued(), 0);
    assert_eq!(other.dropped(), 0);
}
