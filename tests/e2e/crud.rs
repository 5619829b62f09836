//! The cheat sheet's "Common moves" on tickets and messages, and the envelope around them.

use cstar_admin::{
    CreateMessage, CreateTicket, Error, MemberId, Priority, Sender, TicketId, TicketStatus,
    UpdateTicket,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

#[tokio::test]
async fn create_get_update_delete_round_trip() {
    let server = start_mock().await;
    let cstar = client(&server);

    let (ticket, meta) = cstar
        .tickets()
        .create(
            CreateTicket::new("Printer on fire")
                .priority(Priority::High)
                .customer_name("Ada Lovelace")
                .tag("hardware")
                .metadata("floor", 3),
        )
        .with_meta()
        .await
        .unwrap();
    assert!(ticket.id.as_str().starts_with("tkt_"), "{}", ticket.id);
    assert_eq!(ticket.title, "Printer on fire");
    assert_eq!(ticket.status, TicketStatus::New);
    assert_eq!(ticket.priority, Priority::High);
    assert_eq!(ticket.customer_name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(ticket.tags, vec!["hardware".to_owned()]);
    assert_eq!(ticket.metadata["floor"], 3);
    assert_eq!(meta.status, 201);
    assert!(
        meta.request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req_"))
    );
    assert!(meta.timestamp.is_some());
    let rate = meta
        .rate_limit
        .expect("rate-limit headers on every response");
    assert_eq!(rate.window, Some(3600));
    assert!(rate.limit.is_some() && rate.remaining.is_some() && rate.reset.is_some());
    assert_eq!(cstar.last_meta().unwrap().request_id, meta.request_id);

    let thread = cstar.tickets().messages(&ticket.id);
    let first = thread
        .create(CreateMessage::new("On it").sender(Sender::Agent))
        .await
        .unwrap();
    assert!(first.id.as_str().starts_with("msg_"));
    assert_eq!(first.ticket_id.as_ref(), Some(&ticket.id));
    assert_eq!(first.sender, Sender::Agent);
    thread
        .create(CreateMessage::new("Thanks!").sender(Sender::Customer))
        .await
        .unwrap();
    let note = thread
        .create(CreateMessage::new("VIP customer").internal())
        .await
        .unwrap();
    assert!(note.is_internal);

    // The message list has no pagination object on the wire: one page, no more.
    let listed = thread.list().await.unwrap();
    assert_eq!(listed.data.len(), 3);
    assert!(!listed.has_more);
    assert!(listed.pagination.is_none());
    assert_eq!(listed.data[0].content, "On it");
    assert_eq!(listed.data[1].sender, Sender::Customer);

    let fetched = cstar.tickets().get(&ticket.id).await.unwrap();
    assert_eq!(fetched.id, ticket.id);
    assert_eq!(fetched.messages.len(), 3);
    assert_eq!(fetched.message_count, 3);
    assert!(fetched.first_response_at.is_some());

    let updated = cstar
        .tickets()
        .update(
            &ticket.id,
            UpdateTicket::patch()
                .status(TicketStatus::Resolved)
                .assigned_to("mem_7")
                .tags(["a", "b"])
                .remove_metadata("floor"),
        )
        .await
        .unwrap();
    assert_eq!(updated.status, TicketStatus::Resolved);
    assert_eq!(updated.assigned_to, Some(MemberId::from("mem_7")));
    assert_eq!(updated.tags, vec!["a".to_owned(), "b".to_owned()]);
    assert!(!updated.metadata.contains_key("floor"));
    assert!(updated.resolved_at.is_some());
    assert!(updated.updated_at >= ticket.updated_at);

    let unassigned = cstar
        .tickets()
        .update(&ticket.id, UpdateTicket::patch().unassign())
        .await
        .unwrap();
    assert_eq!(unassigned.assigned_to, None);
    assert_eq!(
        unassigned.status,
        TicketStatus::Resolved,
        "a patch leaves the rest alone"
    );

    let deleted = cstar.tickets().delete(&ticket.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.id, ticket.id.as_str());
    assert!(matches!(
        cstar.tickets().get(&ticket.id).await,
        Err(Error::NotFound(_))
    ));
    assert_eq!(server.ticket_count(), 0);
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn the_uuid_form_of_an_id_reaches_the_same_ticket() {
    let server = start_mock().await;
    let cstar = client(&server);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Twin ids"))
        .await
        .unwrap();
    let hex = ticket.id.as_str().trim_start_matches("tkt_");
    assert_eq!(hex.len(), 32, "the emulator mints tkt_ + 32 hex digits");
    let uuid = format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    );
    let by_uuid = cstar.tickets().get(TicketId::from(uuid)).await.unwrap();
    assert_eq!(by_uuid.id, ticket.id);
}

#[tokio::test]
async fn whoami_names_the_team_and_the_key() {
    let server = start_mock().await;
    let who = client(&server).whoami().await.unwrap();
    assert_eq!(who.team_id, server.team_id());
    assert_eq!(who.team_slug.as_deref(), Some(server.team_slug()));
    assert_eq!(who.key_type, cstar_admin::KeyType::Secret);
    assert_eq!(who.environment, cstar_admin::KeyEnvironment::Test);
}

#[tokio::test]
async fn every_request_carries_the_sdk_headers() {
    let server = start_mock().await;
    let cstar = client(&server);
    cstar
        .tickets()
        .create(CreateTicket::new("Headers"))
        .await
        .unwrap();
    cstar.tickets().list(Default::default()).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(
            request.header("authorization").as_deref(),
            Some(format!("Bearer {}", server.secret_key()).as_str())
        );
        let agent = request.header("user-agent").unwrap_or_default();
        assert!(agent.starts_with("cstar-rs/"), "{agent}");
    }
    assert!(
        requests[0].header("idempotency-key").is_some(),
        "POST gets a key"
    );
    assert!(
        requests[1].header("idempotency-key").is_none(),
        "GET does not"
    );
}

#[tokio::test]
async fn blank_ids_fail_before_anything_is_sent() {
    let server = start_mock().await;
    let cstar = client(&server);
    for result in [
        cstar.tickets().get("").await.map(|_| ()),
        cstar.tickets().delete("  ").await.map(|_| ()),
        cstar.tickets().messages("").list().await.map(|_| ()),
    ] {
        assert!(
            matches!(result, Err(Error::InvalidArgument(_))),
            "{result:?}"
        );
    }
    assert!(server.requests().is_empty());
}
