//! The SDK against an emulator that drifts on purpose (`cstar_mock::Drift`): every read
//! operation still succeeds, and one unreadable record does not take a list with it.

use cstar_admin::{ListArticles, ListCategories, ListCustomers, ListMembers, ListTickets};
use cstar_e2e::client;
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

/// Every read below, under `mode`; the first failure names its operation.
async fn reads_succeed(mode: DriftMode) {
    let server = drifting(mode).await;
    let cstar = client(&server);
    let tickets = cstar.tickets().list(ListTickets::new()).await;
    let tickets = tickets.unwrap_or_else(|e| panic!("{mode:?} tickets.list: {e}"));
    let first = tickets.data[0].id.clone();
    cstar
        .tickets()
        .get(first)
        .await
        .unwrap_or_else(|e| panic!("{mode:?} tickets.get: {e}"));
    cstar
        .customers()
        .list(ListCustomers::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} customers.list: {e}"));
    cstar
        .articles()
        .list(ListArticles::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} articles.list: {e}"));
    cstar
        .categories()
        .list(ListCategories::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} categories.list: {e}"));
    cstar
        .members()
        .list(ListMembers::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} members.list: {e}"));
    let library = LibraryClient::builder(server.team_slug())
        .base_url(server.base_url())
        .publishable_key(server.publishable_key())
        .build()
        .unwrap();
    library
        .categories()
        .await
        .unwrap_or_else(|e| panic!("{mode:?} library.categories: {e}"));
    library
        .articles(cstar_library::ListArticles::new())
        .await
        .unwrap_or_else(|e| panic!("{mode:?} library.articles: {e}"));
}

#[tokio::test]
async fn reads_survive_extra_fields() {
    reads_succeed(DriftMode::ExtraFields).await;
}

#[tokio::test]
async fn reads_survive_unknown_values() {
    reads_succeed(DriftMode::UnknownValues).await;
}

#[tokio::test]
async fn reads_survive_timestamps_with_an_offset() {
    reads_succeed(DriftMode::Timestamps).await;
}

#[tokio::test]
#[ignore = "needs null tolerance from the models branch, not landed by 05:00 UTC"]
async fn reads_survive_nulls() {
    reads_succeed(DriftMode::Nulls).await;
}

#[tokio::test]
#[ignore = "needs missing-field tolerance from the models branch, not landed by 05:00 UTC"]
async fn reads_survive_missing_fields() {
    reads_succeed(DriftMode::Missing).await;
}

#[tokio::test]
#[ignore = "library.categories answers a Vec, which cannot keep an unreadable record: it becomes a Page with the customer-crate models"]
async fn reads_survive_one_bad_record() {
    reads_succeed(DriftMode::OneBadRecord).await;
}
