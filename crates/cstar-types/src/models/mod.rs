//! The objects more than one crate shows: one type per concept.
//!
//! Every field but the object's own `id` is `#[serde(default)]` and reads `null` as absent
//! ([`crate::de::null_as_default`]); each field's documentation says what absence reads as.
//! Field names are camelCase on the wire; the snake_case names of webhook payloads and older
//! answers are read too.

mod article;
mod customer;
mod post;
mod ticket;

pub use article::{Article, ArticleStatus};
pub use customer::{Customer, CustomerStatus, Sentiment};
pub use post::{Post, PostStatus, Visibility};
pub use ticket::{Message, Priority, Sender, Ticket, TicketCustomerSummary, TicketStatus};

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::CustomerId;
    use crate::testing::drift_check;

    fn decodes<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> serde_json::Result<T> {
        serde_json::from_value(value.clone())
    }

    pub(crate) fn message() -> serde_json::Value {
        json!({"id": "msg_1", "ticketId": "tkt_1", "content": "Hi", "sender": "agent",
            "senderName": "Ana", "isInternal": false, "createdAt": "2026-03-30T10:00:00Z"})
    }

    #[test]
    fn every_model_survives_drift() {
        drift_check(
            &json!({
                "id": "tkt_1", "prefixedId": "CST-1", "title": "Help", "status": "open",
                "priority": "high", "channel": "widget", "customerId": "cus_1", "customerName": "Bo",
                "customer": {"id": "cus_1", "name": "Bo", "email": "bo@example.com"},
                "assignedTo": "mem_1", "tags": ["a"], "notes": "n", "messageCount": 1,
                "responseDeadline": "2026-03-30T11:00:00Z", "resolutionDeadline": "2026-03-31T10:00:00Z",
                "firstResponseAt": "2026-03-30T10:05:00Z", "responseTier": "gold",
                "resolutionTier": {"x": 1}, "slaPaused": true, "dashboardUrl": "https://x",
                "metadata": {"k": 1}, "createdAt": "2026-03-30T10:00:00Z",
                "updatedAt": "2026-03-30T10:00:00.123Z", "closedAt": "2026-03-30T12:00:00Z",
                "resolvedAt": "2026-03-30T12:00:00Z", "messages": [message()]
            }),
            decodes::<Ticket>,
        );
        drift_check(&message(), decodes::<Message>);
        drift_check(
            &json!({
                "id": "cus_1", "name": "Bo", "email": "bo@example.com", "status": "active",
                "sentiment": "happy", "tags": ["vip"], "notes": "n", "customFields": {"plan": "pro"},
                "ticketCount": 3, "metadata": {"k": 1}, "createdAt": "2026-03-30T10:00:00Z",
                "updatedAt": "2026-03-30T10:00:00Z"
            }),
            decodes::<Customer>,
        );
        drift_check(
            &json!({
                "id": "art_1", "title": "T", "slug": "t", "excerpt": "e", "content": "# c",
                "categoryId": "cat_1", "category": "Billing", "categorySlug": "billing",
                "status": "published", "tags": ["a"], "notes": "n", "viewCount": 1, "useCount": 2,
                "helpfulCount": 3, "notHelpfulCount": 0, "readTime": "2 min", "isPublic": true,
                "publishedAt": "2026-03-30T10:00:00Z", "metaDescription": "m", "metadata": {},
                "createdAt": "2026-03-30T10:00:00Z", "updatedAt": "2026-03-30T10:00:00Z"
            }),
            decodes::<Article>,
        );
        drift_check(
            &json!({
                "id": "post_1", "title": "Dark mode", "slug": "dark-mode", "body": "please",
                "topic_id": "top_1", "status": "planned", "visibility": "public", "vote_count": 4,
                "comment_count": 1, "is_pinned": false, "is_locked": false, "author_name": "Bo",
                "created_at": "2026-03-30T10:00:00Z"
            }),
            decodes::<Post>,
        );
    }

    #[test]
    fn webhook_snake_case_reads_into_the_same_ticket() {
        let ticket: Ticket = serde_json::from_value(json!({
            "id": "tkt_1", "prefixed_id": "CST-1", "customer_id": "cus_1",
            "created_at": "2026-03-30T10:00:00+00:00", "status": "escalated"
        }))
        .unwrap();
        assert_eq!(ticket.prefixed_id.as_deref(), Some("CST-1"));
        assert_eq!(ticket.customer_id, Some(CustomerId::from("cus_1")));
        assert_eq!(ticket.status, TicketStatus::Unknown("escalated".into()));
        assert_eq!(ticket.priority, Priority::default());
    }
}
