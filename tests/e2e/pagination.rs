//! Pages, both documented layouts, and the lazy `list_all` stream.

use futures_util::{StreamExt, TryStreamExt};
use std::collections::HashSet;

use cstar_admin::{CStarClient, CreateTicket, ListTickets, TicketStatus};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};
use cstar_mock::PaginationLayout;

async fn seed(cstar: &CStarClient, count: usize) {
    for n in 0..count {
        let status = if n % 2 == 0 {
            TicketStatus::Open
        } else {
            TicketStatus::Pending
        };
        cstar
            .tickets()
            .create(CreateTicket::new(format!("Ticket {n}")).status(status))
            .await
            .unwrap();
    }
}

fn list_requests(server: &cstar_mock::MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/tickets"))
        .count()
}

#[tokio::test]
async fn list_all_walks_250_tickets_lazily() {
    let server = start_mock().await;
    let cstar = client(&server);
    seed(&cstar, 250).await;

    let all: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    let distinct: HashSet<_> = all.iter().map(|t| t.id.clone()).collect();
    assert_eq!(distinct.len(), 250, "no ticket twice, none skipped");
    assert_eq!(list_requests(&server), 3, "pages of 100");

    // Lazy: reading five items asks for one page only.
    let before = list_requests(&server);
    let five: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new())
        .take(5)
        .collect()
        .await;
    assert_eq!(five.len(), 5);
    assert_eq!(list_requests(&server) - before, 1);

    // Filters hold across pages.
    let open: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new().status(TicketStatus::Open).page_size(30))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(open.len(), 125);
    assert!(open.iter().all(|t| t.status == TicketStatus::Open));
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn a_page_reports_where_it_is() {
    let server = start_mock().await;
    let cstar = client(&server);
    seed(&cstar, 45).await;

    let (page, meta) = cstar
        .tickets()
        .list(ListTickets::new().page(2).page_size(20))
        .with_meta()
        .await
        .unwrap();
    assert_eq!(page.data.len(), 20);
    assert!(page.has_more);
    let p = page.pagination.unwrap();
    assert_eq!((p.page, p.page_size, p.total), (2, 20, Some(45)));
    assert_eq!(meta.pagination, page.pagination);

    let last = cstar
        .tickets()
        .list(ListTickets::new().page(3).page_size(20))
        .await
        .unwrap();
    assert_eq!(last.data.len(), 5);
    assert!(!last.has_more);
}

#[tokio::test]
async fn the_legacy_layout_works_the_same() {
    let server = start_mock().await;
    let cstar = client(&server);
    seed(&cstar, 45).await;
    server.set_pagination_layout(PaginationLayout::Legacy);

    let page = cstar
        .tickets()
        .list(ListTickets::new().page_size(20))
        .await
        .unwrap();
    let p = page.pagination.expect("meta.pagination is read");
    assert_eq!((p.total, p.total_pages), (Some(45), Some(3)));
    assert!(page.has_more, "derived from page < totalPages");

    let all: Vec<_> = cstar
        .tickets()
        .list_all(ListTickets::new().page_size(20))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 45);
}

#[tokio::test]
async fn an_error_ends_the_stream_as_its_last_item() {
    let server = start_mock().await;
    let cstar = client(&server);
    seed(&cstar, 15).await;
    let mut stream = cstar.tickets().list_all(ListTickets::new().page_size(10));
    for _ in 0..10 {
        assert!(stream.next().await.unwrap().is_ok());
    }
    server.fail_next(10, 500);
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(err, cstar_admin::Error::Server(_)));
    assert!(stream.next().await.is_none());
    server.clear_faults();
}

/// One unreadable record per page (the emulator's `one-bad-record` drift) costs that record
/// alone: `list()` keeps it on the page, and `list_all` yields it as an `Err` in its place and
/// goes on, so every readable ticket arrives once and in order.
#[tokio::test]
async fn one_unreadable_record_per_page_does_not_end_list_all() {
    let server = start_mock().await;
    let cstar = client(&server);
    seed(&cstar, 25).await;
    let params = || ListTickets::new().page_size(10);
    let clean: Vec<_> = cstar
        .tickets()
        .list_all(params())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(clean.len(), 25);

    let turned_on = cstar_core::http_client_builder()
        .unwrap()
        .build()
        .unwrap()
        .post(format!("{}/__cstar_mock/drift", server.base_url()))
        .header("content-type", "application/json")
        .body(r#"{"mode": "one-bad-record", "seed": 3}"#)
        .send()
        .await
        .unwrap();
    assert!(turned_on.status().is_success(), "{}", turned_on.status());

    let page = cstar.tickets().list(params()).await.unwrap();
    assert_eq!(page.data.len(), 9, "the other nine of the first page");
    let [odd] = page.unreadable.as_slice() else {
        panic!("one unreadable record: {:?}", page.unreadable)
    };
    assert_eq!(odd.path, format!("data[{}].id", odd.position));
    assert_eq!(odd.raw["id"], 424_242);
    assert!(odd.request_id.is_some(), "the request id travels with it");

    let drifted: Vec<_> = cstar.tickets().list_all(params()).collect().await;
    assert_eq!(drifted.len(), clean.len(), "every record once: {drifted:?}");
    let mut errors = 0;
    for (got, want) in drifted.iter().zip(&clean) {
        match got {
            Ok(ticket) => assert_eq!(ticket.id, want.id, "in order"),
            Err(err) => {
                errors += 1;
                assert!(matches!(err, cstar_core::Error::Decode(_)), "{err}");
                assert!(err.request_id().is_some(), "{err}");
                assert!(err.to_string().contains(".id"), "names the field: {err}");
            }
        }
    }
    assert_eq!(errors, 3, "one per page of 10, 10, 5");
}
