//! `--seed N` / `MockServerBuilder::seed`: a team with hundreds of records to explore, all of
//! them valid to the SDK's models.

use futures_util::TryStreamExt;
use std::collections::HashSet;

use cstar_admin::{
    ArticleStatus, ListArticles, ListCategories, ListCustomers, ListMembers, ListTickets,
};
use cstar_e2e::{assert_no_unexpected_requests, client};
use cstar_mock::MockServer;

#[tokio::test]
async fn a_seeded_team_has_hundreds_of_consistent_records() {
    let server = MockServer::builder()
        .rate_limit_secret(1_000_000)
        .seed(250)
        .start()
        .await
        .unwrap();
    let cstar = client(&server);

    let customers: Vec<_> = cstar
        .customers()
        .list_all(ListCustomers::new())
        .try_collect()
        .await
        .unwrap();
    let tickets: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new())
        .try_collect()
        .await
        .unwrap();
    let articles: Vec<_> = cstar
        .articles()
        .list_all(ListArticles::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        (customers.len(), tickets.len(), articles.len()),
        (250, 250, 250)
    );
    let emails: HashSet<_> = customers.iter().map(|c| c.email.as_str()).collect();
    assert_eq!(emails.len(), 250, "emails are unique");
    let counted: u32 = customers.iter().map(|c| c.ticket_count).sum();
    assert_eq!(counted, 250, "every ticket belongs to a seeded customer");
    assert!(tickets.iter().any(|t| t.message_count == 3));

    let categories = cstar
        .categories()
        .list(ListCategories::new())
        .await
        .unwrap();
    assert_eq!(categories.data.len(), 5);
    let category_ids: HashSet<_> = categories.data.iter().map(|c| c.id.clone()).collect();
    assert!(articles.iter().all(|a| {
        a.category_id
            .as_ref()
            .is_some_and(|id| category_ids.contains(id))
    }));
    let published = cstar
        .articles()
        .list(ListArticles::new().status(ArticleStatus::Published))
        .await
        .unwrap();
    assert!(
        published
            .pagination
            .and_then(|p| p.total)
            .is_some_and(|n| n > 100)
    );
    let members = cstar.members().list(ListMembers::new()).await.unwrap();
    assert_eq!(members.data.len(), 8);

    assert!(server.events().is_empty(), "the seed is not news");
    assert_no_unexpected_requests(&server);
}
