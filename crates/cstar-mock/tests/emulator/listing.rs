//! `GET /tickets`: order, pages in both layouts, filters, search and `expand`.

use cstar_mock::{MockServer, PaginationLayout};
use serde_json::json;

use crate::support::{create_ticket, ids, sk};

async fn numbered(server: &MockServer, n: usize) -> Vec<String> {
    let mut created = Vec::new();
    for i in 0..n {
        let ticket = create_ticket(server, &json!({"title": format!("T{i}")}).to_string()).await;
        created.push(ticket["id"].as_str().unwrap().to_owned());
    }
    created
}

#[tokio::test]
async fn pages_walk_every_ticket_newest_first_once() {
    let server = MockServer::start().await.unwrap();
    let mut created = numbered(&server, 25).await;
    created.reverse();
    let mut walked = Vec::new();
    for (page, has_more, len) in [(1, true, 10), (2, true, 10), (3, false, 5)] {
        let answer = sk(&server, "GET", &format!("/tickets?page={page}&pageSize=10"))
            .send()
            .await;
        assert_eq!(
            answer.body["pagination"],
            json!({"page": page, "pageSize": 10, "total": 25, "totalPages": 3, "hasMore": has_more})
        );
        assert_eq!(answer.body["data"].as_array().unwrap().len(), len);
        walked.extend(ids(&answer));
    }
    assert_eq!(walked, created, "newest first, stable, no duplicates");
    let past = sk(&server, "GET", "/tickets?page=4&pageSize=10")
        .send()
        .await;
    assert_eq!(past.body["data"], json!([]));
    assert_eq!(past.body["pagination"]["hasMore"], false);

    let default = sk(&server, "GET", "/tickets").send().await;
    assert_eq!(default.body["pagination"]["pageSize"], 20);
    assert_eq!(default.body["pagination"]["page"], 1);
    assert_eq!(default.body["data"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn the_legacy_layout_puts_pagination_in_meta() {
    let server = MockServer::builder()
        .pagination_layout(PaginationLayout::Legacy)
        .start()
        .await
        .unwrap();
    numbered(&server, 3).await;
    let answer = sk(&server, "GET", "/tickets?pageSize=2").send().await;
    assert!(answer.body.get("pagination").is_none());
    assert_eq!(
        answer.body["meta"]["pagination"],
        json!({"page": 1, "pageSize": 2, "total": 3, "totalPages": 2})
    );
    assert_eq!(
        answer.body["meta"]["requestId"],
        answer.header("x-request-id").unwrap()
    );
    assert!(answer.body["meta"]["timestamp"].is_string());

    server.set_pagination_layout(PaginationLayout::Current);
    let current = sk(&server, "GET", "/tickets?pageSize=2").send().await;
    assert_eq!(current.body["pagination"]["hasMore"], true);
    assert!(current.body["meta"].get("pagination").is_none());
}

#[tokio::test]
async fn bad_paging_values_name_the_parameter() {
    let server = MockServer::start().await.unwrap();
    for (query, param) in [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("page=abc", "page"),
        ("page=", "page"),
        ("pageSize=0", "pageSize"),
        ("pageSize=101", "pageSize"),
        ("pageSize=ten", "pageSize"),
        ("status=sideways", "status"),
        ("priority=critical", "priority"),
        ("expand=assignee", "expand"),
    ] {
        let answer = sk(&server, "GET", &format!("/tickets?{query}"))
            .send()
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "parameter_invalid"),
            "{query}"
        );
        assert_eq!(answer.param(), Some(param), "{query}");
    }
    let max = sk(&server, "GET", "/tickets?pageSize=100").send().await;
    assert_eq!(max.status, 200);
}

#[tokio::test]
async fn filters_narrow_the_list_and_combine() {
    let server = MockServer::start().await.unwrap();
    let a = create_ticket(
        &server,
        r#"{"title":"Refund please","status":"open","priority":"high","customerId":"cus_a","customerName":"Ada Lovelace","assignedTo":"mem_1"}"#,
    )
    .await;
    let b = create_ticket(
        &server,
        r#"{"title":"Login broken","status":"open","priority":"low","customerId":"cus_b","customerName":"Bob"}"#,
    )
    .await;
    let c = create_ticket(
        &server,
        r#"{"title":"Invoice question","status":"pending","priority":"high","assignedTo":"mem_1"}"#,
    )
    .await;
    let id = |t: &serde_json::Value| t["id"].as_str().unwrap().to_owned();
    for (query, expected) in [
        ("status=open", vec![id(&b), id(&a)]),
        ("status=closed", vec![]),
        ("priority=high", vec![id(&c), id(&a)]),
        ("customerId=cus_b", vec![id(&b)]),
        ("assignedTo=mem_1", vec![id(&c), id(&a)]),
        ("status=open&priority=high", vec![id(&a)]),
        ("search=REFUND", vec![id(&a)]),
        ("search=lovelace", vec![id(&a)]),
        ("search=o", vec![id(&c), id(&b), id(&a)]),
        ("search=Invoice%20q", vec![id(&c)]),
        ("search=nothing", vec![]),
    ] {
        let answer = sk(&server, "GET", &format!("/tickets?{query}"))
            .send()
            .await;
        assert_eq!(ids(&answer), expected, "{query}");
        assert_eq!(
            answer.body["pagination"]["total"],
            expected.len(),
            "{query}"
        );
    }
}

#[tokio::test]
async fn expand_customer_inlines_a_summary() {
    let server = MockServer::start().await.unwrap();
    create_ticket(&server, r#"{"title":"Anonymous"}"#).await;
    create_ticket(
        &server,
        r#"{"title":"Known","customerId":"cus_1","customerName":"Ada"}"#,
    )
    .await;
    let plain = sk(&server, "GET", "/tickets").send().await;
    assert!(plain.body["data"][0].get("customer").is_none());
    let expanded = sk(&server, "GET", "/tickets?expand=customer").send().await;
    assert_eq!(
        expanded.body["data"][0]["customer"],
        json!({"id": "cus_1", "name": "Ada", "email": null})
    );
    assert!(expanded.body["data"][1]["customer"].is_null());
    assert!(expanded.body["data"][1].get("customer").is_some());
}
