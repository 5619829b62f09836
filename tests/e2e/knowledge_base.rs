//! `articles()` and `categories()`: every method, slugs, publishing, category ordering and
//! what deleting a category does to its articles.

use futures_util::TryStreamExt;

use cstar_admin::{
    ArticleStatus, CategoryFields, CreateArticle, Error, ListArticles, ListCategories,
    UpdateArticle,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

#[tokio::test]
async fn articles_round_trip_with_slugs_and_publishing() {
    let server = start_mock().await;
    let cstar = client(&server);

    let draft = cstar
        .articles()
        .create(
            CreateArticle::new("Reset your password")
                .content("# Steps\n\n1. Open **Settings**\n2. Choose *Security*")
                .tags(["account"])
                .meta_description("How to reset it")
                .metadata("owner", "docs-team"),
        )
        .await
        .unwrap();
    assert!(draft.id.as_str().starts_with("art_"), "{}", draft.id);
    assert_eq!(draft.status, ArticleStatus::Draft, "draft by default");
    assert_eq!(draft.slug, "reset-your-password");
    assert_eq!(draft.read_time.as_deref(), Some("1 min"));
    assert!(
        draft
            .excerpt
            .as_deref()
            .is_some_and(|e| e.contains("Settings"))
    );
    assert!(!draft.is_public);
    assert_eq!(draft.published_at, None);

    // A second article with the same title gets its own slug.
    let twin = cstar
        .articles()
        .create(CreateArticle::new("Reset your password"))
        .await
        .unwrap();
    assert_eq!(twin.slug, "reset-your-password-2");

    let published = cstar
        .articles()
        .update(
            &draft.id,
            UpdateArticle::patch()
                .status(ArticleStatus::Published)
                .is_public(true)
                .remove_metadata("owner"),
        )
        .await
        .unwrap();
    assert_eq!(published.status, ArticleStatus::Published);
    assert!(published.is_public);
    assert!(published.published_at.is_some());
    assert!(published.metadata.is_empty());
    let types: Vec<String> = server
        .events()
        .iter()
        .filter_map(|e| e["type"].as_str().map(str::to_owned))
        .filter(|t| t.starts_with("article."))
        .collect();
    assert_eq!(
        types,
        [
            "article.created",
            "article.created",
            "article.updated",
            "article.published"
        ]
    );

    let fetched = cstar.articles().get(&draft.id).await.unwrap();
    assert_eq!(
        fetched.content.as_deref(),
        draft.content.as_deref(),
        "full Markdown"
    );

    assert!(cstar.articles().delete(&twin.id).await.unwrap().deleted);
    assert!(matches!(
        cstar.articles().get(&twin.id).await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(server.article_count(), 1);
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn article_errors_name_the_field() {
    let server = start_mock().await;
    let cstar = client(&server);
    let err = cstar
        .articles()
        .create(CreateArticle::patch().content("no title"))
        .await
        .unwrap_err();
    let Error::Validation(api) = &err else {
        panic!("expected Validation, got {err:?}")
    };
    assert_eq!(api.param(), Some("title"));

    let err = cstar
        .articles()
        .create(CreateArticle::new("Orphan").category_id("00000000-0000-4000-8000-000000000000"))
        .await
        .unwrap_err();
    assert_eq!(
        err.api_error().and_then(|e| e.param()),
        Some("categoryId"),
        "{err:?}"
    );
    assert!(matches!(
        cstar
            .articles()
            .update(
                "art_00000000000000000000000000000000",
                UpdateArticle::patch().title("x")
            )
            .await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        cstar.articles().delete("art_missing").await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(server.article_count(), 0);
}

#[tokio::test]
async fn article_filters_and_list_all() {
    let server = start_mock().await;
    let cstar = client(&server);
    let billing = cstar
        .categories()
        .create(CategoryFields::new("Billing"))
        .await
        .unwrap();
    for n in 0..105 {
        let mut article = CreateArticle::new(format!("Article {n}"))
            .content(format!("Body of article number {n}"));
        if n % 3 == 0 {
            article = article.category_id(billing.id.clone());
        }
        if n % 5 == 0 {
            article = article
                .status(ArticleStatus::Published)
                .is_public(true)
                .tags(["faq"]);
        }
        cstar.articles().create(article).await.unwrap();
    }
    let count = |params: ListArticles| {
        let cstar = cstar.clone();
        async move {
            cstar
                .articles()
                .list_all(params)
                .try_collect::<Vec<_>>()
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(count(ListArticles::new()).await, 105);
    assert_eq!(
        count(ListArticles::new().category(billing.id.clone())).await,
        35
    );
    assert_eq!(
        count(ListArticles::new().category("billing")).await,
        0,
        "a slug matches nothing"
    );
    assert_eq!(
        count(ListArticles::new().status(ArticleStatus::Published)).await,
        21
    );
    assert_eq!(count(ListArticles::new().is_public(false)).await, 84);
    assert_eq!(count(ListArticles::new().tag("faq")).await, 21);
    assert_eq!(
        count(ListArticles::new().search("NUMBER 10")).await,
        6,
        "10, 100..104"
    );
    let page = cstar
        .articles()
        .list(ListArticles::new().page(2).page_size(100))
        .await
        .unwrap();
    assert_eq!(page.data.len(), 5);
    assert!(!page.has_more);
}

#[tokio::test]
async fn categories_round_trip_order_and_delete_keeps_articles() {
    let server = start_mock().await;
    let cstar = client(&server);
    let categories = cstar.categories();

    let faq = categories
        .create(CategoryFields::new("FAQ").sort_order(2))
        .await
        .unwrap();
    let billing = categories
        .create(
            CategoryFields::new("Billing & Plans")
                .sort_order(1)
                .icon("credit-card")
                .color("#7c3aed")
                .description("Money matters"),
        )
        .await
        .unwrap();
    let accounts = categories
        .create(
            CategoryFields::new("Accounts")
                .sort_order(2)
                .is_public(false),
        )
        .await
        .unwrap();
    assert_eq!(billing.slug, "billing-plans");
    assert!(billing.is_public, "public by default");
    assert_eq!(billing.icon.as_deref(), Some("credit-card"));

    let names = |page: cstar_admin::Page<cstar_admin::Category>| {
        page.data.into_iter().map(|c| c.name).collect::<Vec<_>>()
    };
    let listed = categories.list(ListCategories::new()).await.unwrap();
    assert_eq!(
        names(listed),
        ["Billing & Plans", "Accounts", "FAQ"],
        "sortOrder, then name"
    );
    let public = categories
        .list(ListCategories::new().is_public(true))
        .await
        .unwrap();
    assert_eq!(names(public), ["Billing & Plans", "FAQ"]);

    let moved = categories
        .update(
            &faq.id,
            CategoryFields::patch().sort_order(0).name("Questions"),
        )
        .await
        .unwrap();
    assert_eq!((moved.sort_order, moved.name.as_str()), (0, "Questions"));
    assert_eq!(moved.slug, "questions");
    let fetched = categories.get(&faq.id).await.unwrap();
    assert_eq!(fetched, moved);
    let all: Vec<_> = categories
        .list_all(ListCategories::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].name, "Questions");

    let article = cstar
        .articles()
        .create(CreateArticle::new("Refunds").category_id(accounts.id.clone()))
        .await
        .unwrap();
    assert_eq!(article.category_id.as_ref(), Some(&accounts.id));
    assert!(categories.delete(&accounts.id).await.unwrap().deleted);
    let orphan = cstar.articles().get(&article.id).await.unwrap();
    assert_eq!(
        orphan.category_id, None,
        "the article stays, without a category"
    );
    assert!(matches!(
        categories.get(&accounts.id).await,
        Err(Error::NotFound(_))
    ));

    let err = categories
        .create(CategoryFields::patch().icon("x"))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("name"));
    assert_no_unexpected_requests(&server);
}
