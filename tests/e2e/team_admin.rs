//! Analytics, notifications, settings, billing, the community forum and player stats, and the
//! secret-key-only rule.

use futures_util::TryStreamExt;

use cstar_admin::{
    CStarClient, CreateCustomer, CreateTicket, Error, ListMembers, ListNotifications, ListPosts,
    MemberRole, Period, PostSort, PostStatus, TicketStatus, UpdateSettings, UpdateTicket,
};
use cstar_e2e::{assert_no_unexpected_requests, client, client_builder, start_mock};
use cstar_mock::MockServer;

fn publishable(server: &MockServer) -> CStarClient {
    client_builder(server)
        .api_key(server.publishable_key())
        .build()
        .unwrap()
}

#[tokio::test]
async fn analytics_count_tickets_and_customers() {
    let server = start_mock().await;
    let cstar = client(&server);
    for status in [
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::Resolved,
    ] {
        cstar
            .tickets()
            .create(CreateTicket::new("t").status(status))
            .await
            .unwrap();
    }
    cstar
        .customers()
        .create(CreateCustomer::new("Ada", "ada@example.com"))
        .await
        .unwrap();
    let week = cstar.analytics().overview(None).await.unwrap();
    assert_eq!(week.period, Period::Week);
    assert_eq!(
        (week.tickets.total, week.tickets.open, week.tickets.resolved),
        (3, 2, 1)
    );
    assert_eq!(
        (
            week.customers.total,
            week.customers.active,
            week.customers.new
        ),
        (1, 1, 1)
    );
    let day = cstar.analytics().overview(Some(Period::Day)).await.unwrap();
    assert_eq!(day.period, Period::Day);

    let err = publishable(&server)
        .analytics()
        .overview(None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Permission(_)),
        "secret key only: {err:?}"
    );
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn assignments_notify_and_settings_rename_the_team() {
    let server = start_mock().await;
    let cstar = client(&server);
    let ticket = cstar
        .tickets()
        .create(CreateTicket::new("Help"))
        .await
        .unwrap();
    cstar
        .tickets()
        .update(&ticket.id, UpdateTicket::patch().assigned_to("mem_1"))
        .await
        .unwrap();
    let count = cstar.notifications().unread_count().await.unwrap();
    assert_eq!(count.count, 1);
    let page = cstar
        .notifications()
        .list(ListNotifications::new().unread_only(true))
        .await
        .unwrap();
    assert_eq!(page.data[0].notification_type, "ticket_assigned");
    assert_eq!(page.data[0].body.as_deref(), Some("Help"));
    let all: Vec<_> = cstar
        .notifications()
        .list_all(ListNotifications::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);

    let before = cstar.settings().get().await.unwrap();
    assert_eq!(before.team_slug, server.team_slug());
    let after = cstar
        .settings()
        .update(
            UpdateSettings::patch()
                .team_name("Acme Support")
                .team_slug("acme-support"),
        )
        .await
        .unwrap();
    assert_eq!(
        (after.team_name.as_str(), after.team_slug.as_str()),
        ("Acme Support", "acme-support")
    );
    assert!(
        after.other.contains_key("timezone"),
        "undocumented keys are kept"
    );
    let whoami = cstar.whoami().await.unwrap();
    assert_eq!(whoami.team_slug.as_deref(), Some("acme-support"));
    let err = cstar
        .settings()
        .update(UpdateSettings::patch().team_slug("Not A Slug"))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("teamSlug"));
    let err = publishable(&server).settings().get().await.unwrap_err();
    assert!(matches!(err, Error::Permission(_)), "{err:?}");
    assert_no_unexpected_requests(&server);
}

#[tokio::test]
async fn billing_community_and_player_stats() {
    let server = MockServer::builder().seed(20).start().await.unwrap();
    let cstar = client(&server);

    let sub = cstar.billing().subscription().await.unwrap();
    assert_eq!(sub.status, "active");
    assert_eq!(sub.member_count, 8, "one seat per member");
    assert!(sub.current_period_end.is_some());
    let portal = cstar
        .billing()
        .portal(Some("https://example.com/back"))
        .await
        .unwrap();
    assert!(portal.url.starts_with("https://"));
    let err = cstar
        .billing()
        .portal(Some("javascript:alert(1)"))
        .await
        .unwrap_err();
    assert_eq!(err.api_error().and_then(|e| e.param()), Some("returnUrl"));

    let posts: Vec<_> = cstar
        .community()
        .list_all(ListPosts::new().page_size(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(posts.len(), 10);
    let by_votes = cstar
        .community()
        .list(ListPosts::new().sort(PostSort::Votes))
        .await
        .unwrap();
    let votes: Vec<u64> = by_votes.data.iter().map(|p| p.vote_count).collect();
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    let planned = cstar
        .community()
        .list(
            ListPosts::new()
                .status(PostStatus::Planned)
                .topic("feature-requests"),
        )
        .await
        .unwrap();
    assert!(planned.data.iter().all(|p| p.status == PostStatus::Planned));

    let agents = cstar
        .members()
        .list(ListMembers::new().role(MemberRole::Agent))
        .await
        .unwrap();
    let agent = &agents.data[0];
    let stats = cstar
        .game()
        .player(agent.user_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(stats.member_id, agent.id.as_str());
    assert_eq!(stats.level, agent.level);
    assert!((0.0..=1.0).contains(&stats.xp_progress));
    assert!(matches!(
        cstar.game().player("usr_nobody").await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        cstar.game().player(" ").await,
        Err(Error::InvalidArgument(_))
    ));
    assert_no_unexpected_requests(&server);
}
