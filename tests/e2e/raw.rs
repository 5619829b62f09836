//! The escape hatch `client.request(method, path)`: auth, errors, idempotency and metadata as
//! for typed calls, decoded as JSON or as the caller's type.

use serde::Deserialize;
use serde_json::{Value, json};

use cstar_admin::{Error, Method};
use cstar_e2e::{client, start_mock};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MyCustomer {
    id: String,
    email: String,
    ticket_count: u32,
}

#[tokio::test]
async fn raw_requests_reuse_auth_errors_idempotency_and_meta() {
    let server = start_mock().await;
    let cstar = client(&server);

    // A body and an idempotency key: sent twice, created once.
    let body = json!({"name": "Ada", "email": "ada@example.com"});
    let mut ids = Vec::new();
    for _ in 0..2 {
        let (created, meta) = cstar
            .request(Method::POST, "/customers")
            .json(&body)
            .send::<MyCustomer>()
            .idempotency_key("raw-ada")
            .with_meta()
            .await
            .unwrap();
        assert_eq!(meta.status, 201);
        assert!(meta.request_id.is_some());
        ids.push(created.id);
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(server.customer_count(), 1);

    let fetched: MyCustomer = cstar
        .request(Method::GET, &format!("customers/{}", ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (fetched.email.as_str(), fetched.ticket_count),
        ("ada@example.com", 0)
    );

    // A list, with query parameters, decoded as a page.
    let page = cstar
        .request(Method::GET, "/customers")
        .query_params(&json!({"search": "ada", "pageSize": 5}))
        .send_page::<Value>()
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.pagination.map(|p| p.page_size), Some(5));

    // Absolute paths reach routes outside the team scope.
    let whoami = cstar
        .request(Method::GET, "/api/v1/auth/whoami")
        .await
        .unwrap();
    assert_eq!(whoami["teamId"], server.team_id());

    // API errors keep their class; a route nobody serves is a 404.
    let err = cstar
        .request(Method::POST, "/customers")
        .json(&json!({"name": "No email"}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e.param() == Some("email")),
        "{err:?}"
    );
    let err = cstar
        .request(Method::GET, "/no-such-family")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(server.unexpected_requests().len(), 1);

    // A path that could escape its route is refused before anything is sent.
    let before = server.requests().len();
    for bad in ["/customers/../tickets", "/customers?x=1", "//"] {
        let err = cstar.request(Method::GET, bad).await.unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{bad}: {err:?}");
    }
    assert_eq!(server.requests().len(), before, "nothing was sent");
}
