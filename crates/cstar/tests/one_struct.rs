//! One model per concept: the same object is the same Rust type in every crate that shows it.
//!
//! These checks are compile-time: each function below takes the shared `cstar_types` type, and
//! is fed the type each crate names for that object. A crate that grew its own copy of a ticket
//! (a `String` status where the others have `TicketStatus`) stops this file from compiling.

#![cfg(all(
    feature = "webhook",
    feature = "realtime",
    feature = "chat",
    feature = "library",
    feature = "community",
    feature = "quickhelp",
    feature = "proactive"
))]

use cstar_types::{Article, Customer, Message, Post, Priority, Sender, TicketId, TicketStatus};
use serde_json::json;

fn ticket(ticket: &cstar_types::Ticket) -> (&TicketStatus, &Priority) {
    (&ticket.status, &ticket.priority)
}

fn message(message: &Message) -> &Sender {
    &message.sender
}

fn customer(customer: &Customer) -> &str {
    &customer.email
}

fn article(article: &Article) -> &str {
    &article.slug
}

fn post(post: &Post) -> &str {
    &post.title
}

fn ticket_id(id: &TicketId) -> &str {
    id.as_str()
}

fn event(raw: serde_json::Value) -> serde_json::Result<cstar::webhook::Event> {
    serde_json::from_value(raw)
}

#[test]
fn webhook_and_realtime_events_carry_the_shared_models() {
    let delivered = event(
        json!({"id": "evt_1", "type": "ticket.message_added", "data": {
        "ticket": {"id": "tkt_1", "status": "open", "priority": "urgent"},
        "customer": {"id": "cus_1", "email": "ada@example.com"},
        "message": {"id": "msg_1", "sender": "customer", "content": "hi"}}}),
    )
    .unwrap();
    let cstar::webhook::EventData::Ticket(data) = delivered.typed() else {
        panic!("a ticket event reads as one")
    };
    // Webhook payload types are the shared ones.
    let webhook_ticket: &cstar::webhook::TicketData = &data.ticket;
    assert_eq!(
        ticket(webhook_ticket),
        (&TicketStatus::Open, &Priority::Urgent)
    );
    let customer_data: Option<&cstar::webhook::CustomerData> = data.customer.as_ref();
    assert_eq!(customer_data.map(customer), Some("ada@example.com"));
    let message_data: Option<&cstar::webhook::MessageData> = data.message.as_ref();
    assert_eq!(message_data.map(message), Some(&Sender::Customer));

    // The realtime stream's event is the webhook's event, so the same types again.
    let realtime: cstar::admin::realtime::Event = delivered.clone();
    assert_eq!(realtime.typed(), delivered.typed());

    let published = event(json!({"id": "evt_2", "type": "article.published",
        "data": {"article": {"id": "art_1", "slug": "reset"}}}))
    .unwrap();
    let cstar::webhook::EventData::Article(data) = published.typed() else {
        panic!("an article event reads as one")
    };
    let article_data: &cstar::webhook::ArticleData = &data.article;
    assert_eq!(article(article_data), "reset");
}

#[test]
fn the_customer_crates_show_the_shared_models() {
    let chat_message: cstar::chat::ChatMessage =
        serde_json::from_value(json!({"id": "msg_1", "sender": "agent", "content": "Hi"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(message(&chat_message), &Sender::Agent);

    let conversation: cstar::chat::Conversation =
        serde_json::from_value(json!({"id": "tkt_1", "subject": "Order", "status": "open"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ticket_id(&conversation.id), "tkt_1");
    let _: &TicketStatus = &conversation.status;

    let library_article: cstar::library::LibraryArticle =
        serde_json::from_value(json!({"id": "art_1", "slug": "reset"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(article(&library_article), "reset");
    let answer_article: Option<&cstar::quickhelp::ArticleRef> = Some(&library_article);
    let suggested: Option<&cstar::proactive::SuggestedArticle> = answer_article;
    assert_eq!(suggested.map(article), Some("reset"));

    let forum_post: cstar::community::Post =
        serde_json::from_value(json!({"id": "p1", "title": "Dark mode"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post(&forum_post), "Dark mode");
}

#[test]
fn the_admin_api_shows_the_same_types() {
    let admin_ticket: cstar::admin::Ticket = serde_json::from_value(
        json!({"id": "tkt_1", "status": "pending", "priority": "low", "title": "Refund"}),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ticket(&admin_ticket),
        (&TicketStatus::Pending, &Priority::Low)
    );
    let admin_message: cstar::admin::Message =
        serde_json::from_value(json!({"id": "msg_1", "sender": "agent", "content": "On it"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(message(&admin_message), &Sender::Agent);
    let admin_customer: cstar::admin::Customer =
        serde_json::from_value(json!({"id": "cus_1", "email": "ada@example.com"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(customer(&admin_customer), "ada@example.com");
    let admin_article: cstar::admin::Article =
        serde_json::from_value(json!({"id": "art_1", "slug": "reset"}))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(article(&admin_article), "reset");
    let admin_id: &cstar::admin::TicketId = &admin_ticket.id;
    assert_eq!(ticket_id(admin_id), "tkt_1");
}
