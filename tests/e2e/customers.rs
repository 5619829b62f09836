//! `customers()`: every method, the unique email, metadata removal, ticketCount, filters and
//! `list_all` across pages.

use futures_util::TryStreamExt;
use std::collections::HashSet;

use cstar_admin::{
    CreateCustomer, CreateTicket, CustomerStatus, Error, ListCustomers, ListTickets, Sentiment,
    TicketExpand, UpdateCustomer,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

#[tokio::test]
async fn create_get_update_delete_round_trip() {
    let server = start_mock().await;
    let cstar = client(&server);

    let ada = cstar
        .customers()
        .create(
            CreateCustomer::new("Ada Lovelace", "ada@example.com")
                .sentiment(Sentiment::Happy)
                .tag("vip")
                .notes("prefers email")
                .custom_field("plan", "enterprise")
                .metadata("trial", true)
                .metadata("region", "eu"),
        )
        .await
        .unwrap();
    assert!(ada.id.as_str().starts_with("cus_"), "{}", ada.id);
    assert_eq!(
        ada.status,
        Some(CustomerStatus::Active),
        "active by default"
    );
    assert_eq!(ada.sentiment, Some(Sentiment::Happy));
    assert_eq!(ada.tags, ["vip"]);
    assert_eq!(ada.custom_fields["plan"], "enterprise");
    assert_eq!(ada.ticket_count, 0);
    assert_eq!(server.customer_count(), 1);

    // ticketCount counts the tickets that name the customer.
    for title in ["Login fails", "Invoice wrong"] {
        cstar
            .tickets()
            .create(CreateTicket::new(title).customer_id(ada.id.as_str()))
            .await
            .unwrap();
    }
    let fetched = cstar.customers().get(&ada.id).await.unwrap();
    assert_eq!(fetched.ticket_count, 2);
    let expanded = cstar
        .tickets()
        .list(ListTickets::new().expand(TicketExpand::Customer))
        .await
        .unwrap();
    let summary = expanded.data[0].customer.clone().unwrap();
    assert_eq!(
        summary.email.as_deref(),
        Some("ada@example.com"),
        "expand reads the customer"
    );
    assert_eq!(summary.id.as_ref(), Some(&ada.id));
    assert_eq!(fetched.email, "ada@example.com");

    let updated = cstar
        .customers()
        .update(
            &ada.id,
            UpdateCustomer::patch()
                .sentiment(Sentiment::Frustrated)
                .status(CustomerStatus::Inactive)
                .remove_metadata("trial")
                .metadata("seats", 40),
        )
        .await
        .unwrap();
    assert_eq!(updated.sentiment, Some(Sentiment::Frustrated));
    assert_eq!(updated.status, Some(CustomerStatus::Inactive));
    assert!(
        !updated.metadata.contains_key("trial"),
        "null removes the key"
    );
    assert_eq!(updated.metadata["region"], "eu", "other keys stay");
    assert_eq!(updated.metadata["seats"], 40);
    assert_eq!(updated.name, "Ada Lovelace", "unset fields are unchanged");
    assert!(updated.updated_at >= ada.updated_at);

    let deleted = cstar.customers().delete(&ada.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.id, ada.id.as_str());
    assert!(matches!(
        cstar.customers().get(&ada.id).await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(server.customer_count(), 0);
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_naming_the_field() {
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();
    let grace = cstar
        .customers()
        .create(CreateCustomer::new("Grace", "grace@example.com"))
        .await
        .unwrap();

    let err = cstar
        .customers()
        .create(CreateCustomer::new("Ada again", "ADA@example.com"))
        .await
        .unwrap_err();
    let Error::Conflict(api) = &err else {
        panic!("expected Conflict, got {err:?}")
    };
    assert_eq!(api.status(), 409);
    assert_eq!(api.param(), Some("email"));
    assert!(api.request_id().is_some());

    // Changing an email onto a taken one is refused the same way, and changes nothing.
    let err = cstar
        .customers()
        .update(&grace.id, UpdateCustomer::patch().email("ada@example.com"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    let grace_now = cstar.customers().get(&grace.id).await.unwrap();
    assert_eq!(grace_now.email, "grace@example.com");
    assert_eq!(server.customer_count(), 2);
}

#[tokio::test]
async fn bad_input_and_missing_customers_get_typed_errors() {
    let server = start_mock().await;
    let cstar = client(&server);

    let err = cstar
        .customers()
        .create(CreateCustomer::new("No email", ""))
        .await
        .unwrap_err();
    let Error::Validation(api) = &err else {
        panic!("expected Validation, got {err:?}")
    };
    assert_eq!(api.param(), Some("email"));

    let err = cstar
        .customers()
        .create(CreateCustomer::new("Bad email", "not-an-email"))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("email"));

    for result in [
        cstar
            .customers()
            .get("cus_00000000000000000000000000000000")
            .await,
        cstar
            .customers()
            .update(
                "cus_00000000000000000000000000000000",
                UpdateCustomer::patch().name("x"),
            )
            .await,
    ] {
        assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
    }
    assert!(matches!(
        cstar.customers().delete("cus_nope").await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        cstar.customers().get("").await,
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(server.customer_count(), 0);
}

#[tokio::test]
async fn filters_and_list_all_across_pages() {
    let server = start_mock().await;
    let cstar = client(&server);
    for n in 0..130 {
        let mut params = CreateCustomer::new(format!("Customer {n}"), format!("c{n}@example.com"));
        if n % 10 == 0 {
            params = params.tag("vip").sentiment(Sentiment::Angry);
        }
        if n % 2 == 1 {
            params = params.status(CustomerStatus::Inactive);
        }
        cstar.customers().create(params).await.unwrap();
    }

    let vip = cstar
        .customers()
        .list(ListCustomers::new().tag("vip"))
        .await
        .unwrap();
    assert_eq!(vip.data.len(), 13);
    assert!(vip.data.iter().all(|c| c.tags.contains(&"vip".to_owned())));
    let angry = cstar
        .customers()
        .list(
            ListCustomers::new()
                .sentiment(Sentiment::Angry)
                .page_size(100),
        )
        .await
        .unwrap();
    assert_eq!(angry.data.len(), 13);
    let inactive = cstar
        .customers()
        .list(
            ListCustomers::new()
                .status(CustomerStatus::Inactive)
                .page_size(100),
        )
        .await
        .unwrap();
    assert_eq!(inactive.data.len(), 65);
    let found = cstar
        .customers()
        .list(ListCustomers::new().search("C12"))
        .await
        .unwrap();
    let emails: Vec<&str> = found.data.iter().map(|c| c.email.as_str()).collect();
    assert_eq!(emails.len(), 11, "c12, c120..c129: {emails:?}");

    let page = cstar
        .customers()
        .list(ListCustomers::new().page_size(50))
        .await
        .unwrap();
    assert_eq!(page.data.len(), 50);
    assert!(page.has_more);

    let all: Vec<_> = cstar
        .customers()
        .list_all(ListCustomers::new().page_size(40))
        .try_collect()
        .await
        .unwrap();
    let distinct: HashSet<_> = all.iter().map(|c| c.id.clone()).collect();
    assert_eq!((all.len(), distinct.len()), (130, 130));
    assert_no_unexpected_requests(&server);
}
