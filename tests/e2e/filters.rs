//! List filters reach the server and narrow the result.

use cstar_admin::{
    CStarClient, CreateTicket, ListTickets, Priority, Ticket, TicketExpand, TicketStatus,
};
use cstar_e2e::{assert_no_unexpected_requests, client, start_mock};

async fn list(cstar: &CStarClient, params: ListTickets) -> Vec<Ticket> {
    cstar.tickets().list(params).await.unwrap().data
}

fn titles(tickets: &[Ticket]) -> Vec<&str> {
    let mut titles: Vec<&str> = tickets.iter().map(|t| t.title.as_str()).collect();
    titles.sort_unstable();
    titles
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let server = start_mock().await;
    let cstar = client(&server);
    let seed = [
        CreateTicket::new("Login broken")
            .priority(Priority::Urgent)
            .customer_name("Ada"),
        CreateTicket::new("Invoice wrong")
            .status(TicketStatus::Open)
            .customer_id("cus_42")
            .customer_name("Grace"),
        CreateTicket::new("Feature idea")
            .priority(Priority::Low)
            .assigned_to("mem_1"),
        CreateTicket::new("LOGIN slow")
            .status(TicketStatus::Open)
            .priority(Priority::Urgent),
    ];
    for ticket in seed {
        cstar.tickets().create(ticket).await.unwrap();
    }

    let open = list(&cstar, ListTickets::new().status(TicketStatus::Open)).await;
    assert_eq!(titles(&open), ["Invoice wrong", "LOGIN slow"]);

    let urgent = list(&cstar, ListTickets::new().priority(Priority::Urgent)).await;
    assert_eq!(titles(&urgent), ["LOGIN slow", "Login broken"]);

    let login = list(&cstar, ListTickets::new().search("login")).await;
    assert_eq!(titles(&login), ["LOGIN slow", "Login broken"]);

    let by_name = list(&cstar, ListTickets::new().search("grace")).await;
    assert_eq!(titles(&by_name), ["Invoice wrong"]);

    let mine = list(&cstar, ListTickets::new().assigned_to("mem_1")).await;
    assert_eq!(titles(&mine), ["Feature idea"]);

    let hers = list(&cstar, ListTickets::new().customer_id("cus_42")).await;
    assert_eq!(titles(&hers), ["Invoice wrong"]);

    let both = list(
        &cstar,
        ListTickets::new()
            .status(TicketStatus::Open)
            .priority(Priority::Urgent),
    )
    .await;
    assert_eq!(titles(&both), ["LOGIN slow"]);

    let plain = list(&cstar, ListTickets::new()).await;
    assert!(plain.iter().all(|t| t.customer.is_none()));
    assert_eq!(
        plain.first().map(|t| t.title.as_str()),
        Some("LOGIN slow"),
        "newest first"
    );

    let expanded = list(&cstar, ListTickets::new().expand(TicketExpand::Customer)).await;
    let grace = expanded
        .iter()
        .find(|t| t.title == "Invoice wrong")
        .unwrap();
    let summary = grace
        .customer
        .as_ref()
        .expect("expand=customer inlines the customer");
    assert_eq!(summary.name.as_deref(), Some("Grace"));

    assert_no_unexpected_requests(&server);
}
