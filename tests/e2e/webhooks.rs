//! `webhooks()`: every method, the one-time signing secret, and the emulator's signed
//! deliveries verified on a local receiver with cstar-webhook.

use std::time::Duration;

use futures_util::TryStreamExt;

use cstar_admin::{
    CreateCustomer, CreateTicket, CreateWebhook, Error, ListWebhooks, Method, UpdateTicket,
    UpdateWebhook,
};
use cstar_e2e::{Receiver, assert_no_unexpected_requests, client, client_builder};
use cstar_mock::MockServer;
use cstar_webhook::{EventData, EventType};

async fn mock_retrying_every(delay: Duration, retries: usize) -> MockServer {
    MockServer::builder()
        .rate_limit_secret(1_000_000)
        .webhook_retry_schedule(vec![delay; retries])
        .webhook_timeout(Duration::from_secs(5))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn crud_and_the_secret_is_shown_once() {
    let server = cstar_e2e::start_mock().await;
    let cstar = client(&server);
    let hooks = cstar.webhooks();

    let created = hooks
        .create(CreateWebhook::new("https://example.com/hooks", ["ticket.*"]).name("Ops"))
        .await
        .unwrap();
    assert!(created.id.as_str().starts_with("whk_"), "{}", created.id);
    let secret = created.secret.expose_secret();
    assert!(
        secret.starts_with("whsec_") && secret.len() == 38,
        "whsec_ + 32"
    );
    assert!(
        !format!("{:?}", created).contains(secret),
        "Debug redacts the secret"
    );
    assert!(created.is_active);
    assert_eq!(created.name.as_deref(), Some("Ops"));

    // No read shows the secret again, not even in the raw JSON.
    let raw = cstar
        .request(Method::GET, &format!("/webhooks/{}", created.id))
        .await
        .unwrap();
    assert!(
        raw.get("secret").is_none() && raw.get("signingSecret").is_none(),
        "{raw}"
    );
    assert!(!raw.to_string().contains(secret));
    let listed = hooks.list(ListWebhooks::new()).await.unwrap();
    assert!(
        !serde_json::to_string(&listed.data)
            .unwrap()
            .contains(secret)
    );

    let paused = hooks
        .update(
            &created.id,
            UpdateWebhook::patch()
                .pause()
                .events(["ticket.*", "customer.*"]),
        )
        .await
        .unwrap();
    assert!(!paused.is_active);
    assert_eq!(paused.events, ["ticket.*", "customer.*"]);
    let second = hooks
        .create(CreateWebhook::new("https://example.com/other", ["*"]))
        .await
        .unwrap();
    let active: Vec<_> = hooks
        .list_all(ListWebhooks::new().active(true))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        active.iter().map(|w| &w.id).collect::<Vec<_>>(),
        [&second.id]
    );
    let inactive = hooks.list(ListWebhooks::new().active(false)).await.unwrap();
    assert_eq!(inactive.data.len(), 1);
    assert_eq!(hooks.get(&created.id).await.unwrap(), paused);

    assert!(hooks.delete(&created.id).await.unwrap().deleted);
    assert!(matches!(
        hooks.get(&created.id).await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(server.webhook_count(), 1);

    for bad in [
        CreateWebhook::new("ftp://example.com", ["ticket.*"]),
        CreateWebhook::new("https://example.com", Vec::<String>::new()),
    ] {
        let err = hooks.create(bad).await.unwrap_err();
        assert!(matches!(err, Error::Validation(_)), "{err:?}");
    }
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn a_ticket_change_is_delivered_signed_and_verifies() {
    let server = mock_retrying_every(Duration::from_millis(20), 2).await;
    let cstar = client_builder(&server).build().unwrap();
    let receiver = Receiver::start(0).await;
    let created = cstar
        .webhooks()
        .create(CreateWebhook::new(&receiver.url, ["ticket.*"]))
        .await
        .unwrap();
    let secret = created.secret.expose_secret().to_owned();

    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Printer on fire"))
        .await
        .unwrap();
    // Not subscribed: customers do not reach this webhook.
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();
    cstar
        .tickets()
        .update(
            &ticket.id,
            UpdateTicket::patch().title("Printer still on fire"),
        )
        .await
        .unwrap();

    let got = receiver.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(receiver.received().len(), 2, "only the two ticket events");
    let first = &got[0];
    let signature = first.header("x-signature").unwrap();
    let event = cstar_webhook::construct_event(&first.body, signature, secret.as_str()).unwrap();
    assert_eq!(event.event_type, EventType::TicketCreated);
    assert_eq!(first.header("x-event-id"), Some(event.id.as_str()));
    assert_eq!(first.header("x-event-type"), Some("ticket.created"));
    assert_eq!(first.header("x-webhook-id"), Some(created.id.as_str()));
    assert_eq!(first.header("x-delivery-attempt"), Some("1"));
    assert_eq!(first.header("content-type"), Some("application/json"));
    assert!(first.header("x-timestamp").is_some());
    let EventData::Ticket(data) = event.typed() else {
        panic!("a ticket event carries ticket data")
    };
    assert_eq!(data.ticket.id.as_str(), ticket.id.as_str());

    let second = cstar_webhook::construct_event(
        &got[1].body,
        got[1].header("x-signature").unwrap(),
        secret.as_str(),
    )
    .unwrap();
    assert_eq!(second.event_type, EventType::TicketUpdated);
    // A wrong secret does not verify.
    assert!(cstar_webhook::construct_event(&first.body, signature, "whsec_wrong").is_err());

    let deliveries = server.deliveries();
    assert_eq!(deliveries.len(), 2);
    assert!(
        deliveries
            .iter()
            .all(|d| d.success && d.attempt == 1 && !d.test)
    );
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn failed_deliveries_are_retried_on_the_schedule_with_the_same_event_id() {
    let server = mock_retrying_every(Duration::from_millis(30), 3).await;
    let cstar = client_builder(&server).build().unwrap();
    let receiver = Receiver::start(2).await;
    let created = cstar
        .webhooks()
        .create(CreateWebhook::new(&receiver.url, ["customer.created"]))
        .await
        .unwrap();
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();

    let got = receiver.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(receiver.received().len(), 3, "no more attempts after a 2xx");
    let attempts: Vec<_> = got
        .iter()
        .map(|r| r.header("x-delivery-attempt").unwrap())
        .collect();
    assert_eq!(attempts, ["1", "2", "3"]);
    assert_eq!(
        got.iter().map(|r| r.answered).collect::<Vec<_>>(),
        [500, 500, 200]
    );
    let ids: Vec<_> = got
        .iter()
        .map(|r| r.header("x-event-id").unwrap())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one event id: {ids:?}");
    for received in &got {
        // Each attempt is signed on its own and verifies.
        cstar_webhook::construct_event(
            &received.body,
            received.header("x-signature").unwrap(),
            created.secret.expose_secret(),
        )
        .unwrap();
    }
    let log = server.deliveries();
    assert_eq!(
        log.iter()
            .map(|d| (d.attempt, d.status, d.success))
            .collect::<Vec<_>>(),
        [
            (1, Some(500), false),
            (2, Some(500), false),
            (3, Some(200), true)
        ]
    );
}

#[tokio::test]
async fn retries_stop_when_the_schedule_runs_out_or_the_webhook_is_paused() {
    let server = mock_retrying_every(Duration::from_millis(20), 2).await;
    let cstar = client_builder(&server).build().unwrap();
    let always_failing = Receiver::start(usize::MAX).await;
    cstar
        .webhooks()
        .create(CreateWebhook::new(&always_failing.url, ["ticket.created"]))
        .await
        .unwrap();
    cstar
        .tickets()
        .create(CreateTicket::new("a"))
        .await
        .unwrap();
    always_failing.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        always_failing.received().len(),
        3,
        "first attempt + 2 retries"
    );

    // The first retry would come 1 s after the first attempt: time enough to pause, even on a
    // loaded machine.
    let slow = mock_retrying_every(Duration::from_secs(1), 5).await;
    let cstar = client_builder(&slow).build().unwrap();
    let failing = Receiver::start(usize::MAX).await;
    let hook = cstar
        .webhooks()
        .create(CreateWebhook::new(&failing.url, ["ticket.created"]))
        .await
        .unwrap();
    cstar
        .tickets()
        .create(CreateTicket::new("b"))
        .await
        .unwrap();
    failing.wait_for(1).await;
    cstar
        .webhooks()
        .update(&hook.id, UpdateWebhook::patch().pause())
        .await
        .unwrap();
    // Past the first retry's time: it would have arrived by now.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        failing.received().len(),
        1,
        "a paused webhook gets no retries"
    );
    let log = slow.deliveries();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, Some(500));
}

#[tokio::test]
async fn test_and_trigger_test_deliver_synthetic_events() {
    let server = mock_retrying_every(Duration::from_millis(20), 0).await;
    let cstar = client_builder(&server).build().unwrap();
    let receiver = Receiver::start(0).await;
    let hook = cstar
        .webhooks()
        .create(CreateWebhook::new(&receiver.url, ["article.*"]))
        .await
        .unwrap();

    let result = cstar
        .webhooks()
        .test(&hook.id, "article.published")
        .await
        .unwrap();
    assert!(result.success, "{result:?}");
    assert_eq!(result.status, Some(200));
    assert_eq!(result.event, "article.published");
    assert_eq!(result.url.as_deref(), Some(receiver.url.as_str()));
    assert!(
        result
            .delivery_id
            .as_deref()
            .is_some_and(|id| id.starts_with("dlv_"))
    );
    let got = receiver.received();
    assert_eq!(got.len(), 1, "the answer waits for the delivery");
    let event = cstar_webhook::construct_event(
        &got[0].body,
        got[0].header("x-signature").unwrap(),
        hook.secret.expose_secret(),
    )
    .unwrap();
    assert_eq!(event.event_type, EventType::ArticlePublished);

    // A receiver that is gone: the test reports the failure instead of failing the call.
    let gone = cstar
        .webhooks()
        .create(CreateWebhook::new("http://127.0.0.1:9/hooks", ["*"]).active(false))
        .await
        .unwrap();
    let failed = cstar
        .webhooks()
        .test(&gone.id, "ticket.created")
        .await
        .unwrap();
    assert!(!failed.success);
    assert_eq!(failed.status, None);
    assert!(failed.error.is_some());

    let triggered = cstar
        .webhooks()
        .trigger_test("article.created")
        .await
        .unwrap();
    assert_eq!(triggered.event, "article.created");
    assert_eq!(
        triggered.delivered_to, 1,
        "the paused webhook does not count"
    );
    receiver.wait_for(2).await;
    let none = cstar
        .webhooks()
        .trigger_test("ticket.created")
        .await
        .unwrap();
    assert_eq!(none.delivered_to, 0);

    let err = cstar
        .webhooks()
        .test(&hook.id, "not an event")
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("event"));
    let err = cstar
        .webhooks()
        .test("whk_00000000000000000000000000000000", "ticket.created")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_no_unexpected_requests(&server);
}
