//! Search, bulk changes, import, export and the audit log, with their error cases.

use futures_util::TryStreamExt;
use serde_json::{Value, json};

use cstar_admin::{
    BulkAction, BulkRequest, CreateArticle, CreateCustomer, CreateTicket, Error, ExportFormat,
    ExportRequest, ImportRequest, ListAuditLog, ListTickets, MergeStrategy, RecordType,
    SearchQuery, SearchResultType, SearchType, TicketStatus,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

#[tokio::test]
async fn search_finds_across_types_with_limits() {
    let server = start_mock().await;
    let cstar = client(&server);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Refund for order 42"))
        .await
        .unwrap();
    cstar
        .customers()
        .create(CreateCustomer::new("Rita Refundsson", "rita@example.com"))
        .await
        .unwrap();
    cstar
        .articles()
        .create(CreateArticle::new("Returns").content("How a refund works, step by step"))
        .await
        .unwrap();

    let hits = cstar.search(SearchQuery::new("REFUND")).await.unwrap().data;
    let types: Vec<_> = hits.iter().map(|h| h.result_type.clone()).collect();
    assert_eq!(
        types,
        [
            SearchResultType::Ticket,
            SearchResultType::Customer,
            SearchResultType::Article
        ]
    );
    assert_eq!(hits[0].id, ticket.id.as_str());
    assert!(
        hits[2]
            .snippet
            .as_deref()
            .is_some_and(|s| s.contains("refund"))
    );
    let only = cstar
        .search(
            SearchQuery::new("refund")
                .types([SearchType::Customers, SearchType::Articles])
                .limit(1),
        )
        .await
        .unwrap()
        .data;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].result_type, SearchResultType::Customer);

    let err = cstar.search(SearchQuery::new("")).await.unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("q"));
    let err = cstar
        .search(SearchQuery::new("x").limit(500))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("limit"));
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn bulk_updates_and_deletes_each_record_on_its_own() {
    let server = start_mock().await;
    let cstar = client(&server);
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            cstar
                .tickets()
                .create(CreateTicket::new(format!("t{n}")))
                .await
                .unwrap()
                .id,
        );
    }
    let mut targets: Vec<String> = ids.iter().map(|id| id.as_str().to_owned()).collect();
    targets.push("tkt_00000000000000000000000000000000".into());

    let closed = cstar
        .bulk(BulkRequest::update(
            RecordType::Tickets,
            targets.clone(),
            json!({"status": "closed"}),
        ))
        .await
        .unwrap();
    assert_eq!(
        (closed.action, closed.total, closed.succeeded, closed.failed),
        (BulkAction::Update, 4, 3, 1)
    );
    assert_eq!(closed.errors[0].id.as_deref(), Some(targets[3].as_str()));
    assert_eq!(closed.errors[0].code.as_deref(), Some("resource_missing"));
    let listed = cstar
        .tickets()
        .list(ListTickets::new().status(TicketStatus::Closed))
        .await
        .unwrap();
    assert_eq!(
        listed.data.len(),
        3,
        "the updates went through the ticket rules"
    );

    let bad = cstar
        .bulk(BulkRequest::update(
            RecordType::Tickets,
            &targets[..1],
            json!({"status": "melted"}),
        ))
        .await
        .unwrap();
    assert_eq!((bad.succeeded, bad.failed), (0, 1));
    assert_eq!(bad.errors[0].param.as_deref(), Some("status"));

    let deleted = cstar
        .bulk(BulkRequest::delete(RecordType::Tickets, &targets[..2]))
        .await
        .unwrap();
    assert_eq!(deleted.succeeded, 2);
    assert_eq!(server.ticket_count(), 1);

    let too_many: Vec<String> = (0..101).map(|n| format!("tkt_{n}")).collect();
    let before = server.requests().len();
    let err = cstar
        .bulk(BulkRequest::delete(RecordType::Tickets, too_many))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_eq!(server.requests().len(), before, "refused before sending");
    let err = cstar
        .request(cstar_admin::Method::POST, "/bulk")
        .json(&json!({"action": "update", "resource": "tickets", "ids": ["tkt_1"]}))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("data"));
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn import_creates_skips_or_updates_by_email() {
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();
    let records = vec![
        json!({"name": "Ada Lovelace", "email": "ADA@example.com"}),
        json!({"name": "Grace", "email": "grace@example.com"}),
        json!({"name": "No email"}),
    ];
    let skipped = cstar
        .import(ImportRequest::new(RecordType::Customers, records.clone()))
        .await
        .unwrap();
    assert_eq!(
        (
            skipped.total,
            skipped.created,
            skipped.updated,
            skipped.skipped
        ),
        (3, 1, 0, 1)
    );
    assert_eq!(skipped.errors.len(), 1);
    assert_eq!(skipped.errors[0].index, Some(2));
    assert_eq!(skipped.errors[0].param.as_deref(), Some("email"));

    let updated = cstar
        .import(
            ImportRequest::new(RecordType::Customers, records[..1].to_vec())
                .merge(MergeStrategy::Update),
        )
        .await
        .unwrap();
    assert_eq!(updated.updated, 1);
    let ada = cstar
        .customers()
        .list(cstar_admin::ListCustomers::new().search("ada@"))
        .await
        .unwrap();
    assert_eq!(ada.data[0].name, "Ada Lovelace");
    assert_eq!(server.customer_count(), 2);

    let tickets = cstar
        .import(ImportRequest::new(
            RecordType::Tickets,
            vec![json!({"title": "Imported"})],
        ))
        .await
        .unwrap();
    assert_eq!(tickets.created, 1);
    let too_many = vec![json!({}); 501];
    let err = cstar
        .import(ImportRequest::new(RecordType::Tickets, too_many))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn export_json_several_types_and_csv_one() {
    let server = start_mock().await;
    let cstar = client(&server);
    for n in 0..130 {
        let status = if n % 2 == 0 {
            TicketStatus::Closed
        } else {
            TicketStatus::Open
        };
        cstar
            .tickets()
            .create(CreateTicket::new(format!("Ticket, \"{n}\"")).status(status))
            .await
            .unwrap();
    }
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();

    let export = cstar
        .export(
            ExportRequest::json()
                .resource(RecordType::Tickets, json!({"status": "closed"}))
                .resource(RecordType::Customers, Value::Null),
        )
        .await
        .unwrap();
    assert_eq!(export.format, ExportFormat::Json);
    assert_eq!(
        export.resources["tickets"].len(),
        65,
        "more than one list page"
    );
    assert_eq!(export.resources["customers"].len(), 1);
    assert_eq!(export.total_rows, 66);

    let csv = cstar
        .export(ExportRequest::csv(
            RecordType::Tickets,
            json!({"status": "open"}),
        ))
        .await
        .unwrap();
    let content = csv.content.unwrap();
    let lines: Vec<&str> = content.lines().collect();
    assert_eq!(lines.len(), 66, "a header and 65 rows");
    let header: Vec<&str> = lines[0].split(',').collect();
    assert!(
        header.contains(&"id") && header.contains(&"title"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("\"Ticket, \"\""), "quoted: {}", lines[1]);

    let err = cstar
        .export(
            ExportRequest::csv(RecordType::Tickets, Value::Null)
                .resource(RecordType::Customers, Value::Null),
        )
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("resources"));
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn the_audit_log_records_every_change_newest_first() {
    let server = start_mock().await;
    let cstar = client(&server);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Audit me"))
        .await
        .unwrap();
    cstar.tickets().delete(&ticket.id).await.unwrap();
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();

    let all: Vec<_> = cstar
        .audit_log()
        .list_all(ListAuditLog::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    let actions: Vec<&str> = all.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["customer.created", "ticket.deleted", "ticket.created"]
    );
    assert!(all.iter().all(|e| e.id.starts_with("aud_")));
    assert_eq!(all[1].resource_id.as_deref(), Some(ticket.id.as_str()));
    assert_eq!(all[1].resource_type.as_deref(), Some("ticket"));

    let deletions = cstar
        .audit_log()
        .list(ListAuditLog::new().action("ticket.deleted"))
        .await
        .unwrap();
    assert_eq!(deletions.data.len(), 1);
    let later = cstar
        .audit_log()
        .list(ListAuditLog::new().start_date("2999-01-01"))
        .await
        .unwrap();
    assert!(later.data.is_empty());
    let err = cstar
        .audit_log()
        .list(ListAuditLog::new().end_date("yesterday"))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("endDate"));
    assert_no_unexpected_requests(&server);
}
