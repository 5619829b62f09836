//! The cheat sheet's "Errors": each class from its status, with the whole story attached.

use cstar_admin::{
    CStarClient, CreateTicket, Error, ErrorCode, ErrorType, ListTickets, Priority, TicketStatus,
};
use cstar_e2e::{client, fast_retries, start_mock};

fn variant(err: &Error) -> &'static str {
    match err {
        Error::Authentication(_) => "Authentication",
        Error::Permission(_) => "Permission",
        Error::NotFound(_) => "NotFound",
        Error::Validation(_) => "Validation",
        Error::Conflict(_) => "Conflict",
        Error::RateLimit(_) => "RateLimit",
        Error::Server(_) => "Server",
        Error::Api(_) => "Api",
        _ => "other",
    }
}

#[tokio::test]
async fn each_status_maps_to_its_class() {
    let server = start_mock().await;
    let cstar = client(&server);
    let table = [
        (400, "Validation"),
        (401, "Authentication"),
        (403, "Permission"),
        (404, "NotFound"),
        (409, "Conflict"),
        (422, "Validation"),
        (429, "RateLimit"),
        (500, "Server"),
        (503, "Server"),
        (418, "Api"),
    ];
    for (status, expected) in table {
        server.fail_next(1, status);
        let err = cstar
            .tickets()
            .list(ListTickets::new())
            .max_retries(0)
            .await
            .unwrap_err();
        assert_eq!(variant(&err), expected, "HTTP {status}: {err:?}");
        let api = err.api_error().unwrap();
        assert_eq!(api.status(), status);
        assert!(
            api.request_id().is_some_and(|id| id.starts_with("req_")),
            "{api:?}"
        );
        assert!(api.doc_url().is_some(), "{api:?}");
        assert!(!api.message().is_empty());
    }
}

#[tokio::test]
async fn a_validation_error_names_the_field() {
    let server = start_mock().await;
    let err = client(&server)
        .tickets()
        .create(CreateTicket::new(""))
        .await
        .unwrap_err();
    let Error::Validation(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.param(), Some("title"));
    assert_eq!(api.code(), Some(&ErrorCode::ParameterMissing));
    assert_eq!(api.error_type(), Some(&ErrorType::InvalidRequestError));
    assert!(
        api.doc_url()
            .is_some_and(|u| u.ends_with("#parameter_missing"))
    );
    let id = api.request_id().unwrap().to_owned();
    assert!(
        err.to_string().contains(&id),
        "Display carries the request id: {err}"
    );
    assert!(
        api.rate_limit().is_some(),
        "error responses keep their headers"
    );

    let bad_enum = client(&server)
        .tickets()
        .create(CreateTicket::new("x").priority(Priority::Unknown("bogus".into())))
        .await
        .unwrap_err();
    assert_eq!(bad_enum.code(), Some(&ErrorCode::ParameterInvalid));
    assert_eq!(
        bad_enum.api_error().and_then(|e| e.param()),
        Some("priority")
    );
}

#[tokio::test]
async fn real_auth_and_permission_failures() {
    let server = start_mock().await;
    let builder = || {
        CStarClient::builder()
            .base_url(server.base_url())
            .retry_policy(fast_retries())
    };

    let unknown_key = builder()
        .api_key("sk_test_ThisKeyIsWellFormedButUnknown00")
        .team_id(server.team_id())
        .build()
        .unwrap();
    let err = unknown_key
        .tickets()
        .list(ListTickets::new())
        .await
        .unwrap_err();
    assert_eq!(variant(&err), "Authentication");
    assert_eq!(err.code(), Some(&ErrorCode::InvalidApiKey));
    assert_eq!(server.requests().len(), 1, "401 is not retried");

    let publishable = builder()
        .api_key(server.publishable_key())
        .team_id(server.team_id())
        .build()
        .unwrap();
    assert!(
        publishable.tickets().list(ListTickets::new()).await.is_ok(),
        "pk may read"
    );
    let err = publishable
        .tickets()
        .create(CreateTicket::new("nope"))
        .await
        .unwrap_err();
    assert_eq!(variant(&err), "Permission");
    assert_eq!(err.code(), Some(&ErrorCode::PublishableKeyWrite));

    let other_team = builder()
        .api_key(server.secret_key())
        .team_id("00000000-0000-4000-8000-000000000000")
        .build()
        .unwrap();
    let err = other_team
        .tickets()
        .list(ListTickets::new())
        .await
        .unwrap_err();
    assert_eq!(variant(&err), "Permission");
    assert_eq!(err.code(), Some(&ErrorCode::TeamAccessDenied));
}

#[tokio::test]
async fn not_found_is_caught_by_variant() {
    let server = start_mock().await;
    let err = client(&server)
        .tickets()
        .get("tkt_00000000000000000000000000000000")
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.code(), Some(&ErrorCode::ResourceMissing));
    assert_eq!(
        err.api_error().and_then(|e| e.error_type()),
        Some(&ErrorType::NotFoundError)
    );
    assert!(err.request_id().is_some());
    let bad_filter = client(&server)
        .tickets()
        .list(ListTickets::new().status(TicketStatus::Unknown("sideways".into())))
        .await
        .unwrap_err();
    assert_eq!(variant(&bad_filter), "Validation");
}

#[test]
fn a_malformed_key_is_a_config_error_before_any_request() {
    let err = CStarClient::new("sk_live_has spaces", "team").unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let err = CStarClient::builder()
        .api_key("sk_test_abcdefgh")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("team_id"), "{err}");
}
