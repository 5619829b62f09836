//! Every response model of the admin API survives an API that moved on: for a valid fixture
//! with every field set, each field `null`, removed, or (strings) given a value no SDK knows
//! still decodes, a new field anywhere is ignored, and only the object's own `id` stays
//! required. `drift_check` walks the fixture's fields, so a field added to a model and its
//! fixture is covered without a new test.
//!
//! The fixtures follow the API reference's objects (the shapes the emulator answers with).

use cstar_admin::{
    AnalyticsOverview, Article, AuditEntry, Automation, BillingSubscription, BulkResult, Category,
    CommunityPost, CreatedWebhook, CustomField, Customer, CustomerGroup, ExportResult,
    ImportResult, Member, Message, Notification, PlayerStats, PortalSession, SavedView,
    SearchResult, SlaRule, Tag, TeamSettings, Ticket, TriggerTestResult, UnreadCount, Webhook,
    WebhookTestResult, WhoAmI,
};
use cstar_types::testing::drift_check;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `value` as a `T`, the way a call's answer is decoded.
fn decode<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
    serde_json::from_value(value.clone())
}

fn check<T: DeserializeOwned>(fixture: Value) {
    drift_check(&fixture, decode::<T>);
}

const AT: &str = "2026-03-30T10:00:00Z";

fn message() -> Value {
    json!({"id": "msg_1", "ticketId": "tkt_1", "content": "It broke", "sender": "customer",
        "senderName": "Ada", "isInternal": false, "createdAt": AT})
}

fn webhook() -> Value {
    json!({"id": "whk_1", "name": "Ops", "url": "https://example.com/hook",
        "events": ["ticket.*"], "isActive": true, "createdAt": AT, "updatedAt": AT})
}

fn record_error() -> Value {
    json!({"id": "tkt_9", "index": 3, "code": "resource_missing", "message": "no such ticket",
        "param": "ids"})
}

#[test]
fn ticket() {
    check::<Ticket>(json!({
        "id": "tkt_1", "prefixedId": "CST-1", "title": "Printer on fire", "status": "open",
        "priority": "high", "channel": "email", "customerId": "cus_1", "customerName": "Ada",
        "customer": {"id": "cus_1", "name": "Ada", "email": "ada@example.com"},
        "assignedTo": "mem_1", "tags": ["hardware"], "notes": "call back", "messageCount": 1,
        "responseDeadline": AT, "resolutionDeadline": AT, "firstResponseAt": AT,
        "responseTier": "gold", "resolutionTier": {"name": "gold"}, "slaPaused": false,
        "metadata": {"source": "api"}, "createdAt": AT, "updatedAt": AT, "closedAt": AT,
        "resolvedAt": AT, "messages": [message()]
    }));
}

#[test]
fn ticket_message() {
    check::<Message>(message());
}

#[test]
fn customer() {
    check::<Customer>(json!({
        "id": "cus_1", "name": "Ada", "email": "ada@example.com", "status": "active",
        "sentiment": "happy", "tags": ["vip"], "notes": "n", "customFields": {"plan": "pro"},
        "ticketCount": 3, "metadata": {"k": 1}, "createdAt": AT, "updatedAt": AT
    }));
}

#[test]
fn article() {
    check::<Article>(json!({
        "id": "art_1", "title": "Reset your password", "slug": "reset-your-password",
        "excerpt": "How to", "content": "# Steps", "categoryId": "cat_1", "category": "Account",
        "status": "published", "tags": ["auth"], "notes": "n", "viewCount": 10, "useCount": 2,
        "readTime": "2 min", "isPublic": true, "publishedAt": AT, "metaDescription": "m",
        "metadata": {"k": 1}, "createdAt": AT, "updatedAt": AT
    }));
}

#[test]
fn category() {
    check::<Category>(json!({
        "id": "cat_1", "name": "Billing", "slug": "billing", "description": "Plans",
        "icon": "credit-card", "color": "#7c3aed", "sortOrder": 1, "isPublic": true,
        "createdAt": AT, "updatedAt": AT
    }));
}

#[test]
fn member() {
    check::<Member>(json!({
        "id": "mem_1", "userId": "usr_1", "name": "Ana", "email": "ana@example.com",
        "avatarUrl": "https://example.com/a.png", "role": "agent", "roleDisplayName": "The Hero",
        "permissions": ["tickets.read"], "level": 4, "xp": 1200, "joinedAt": AT
    }));
}

#[test]
fn webhook_and_test_results() {
    check::<Webhook>(webhook());
    check::<WebhookTestResult>(json!({
        "deliveryId": "dlv_1", "event": "ticket.created", "url": "https://example.com/hook",
        "success": true, "status": 200, "responseTimeMs": 12, "error": "none"
    }));
    check::<TriggerTestResult>(json!({"event": "ticket.created", "deliveredTo": 2}));
}

#[test]
fn a_webhook_is_active_unless_paused() {
    let mut sent = webhook();
    sent["isActive"] = Value::Null;
    assert!(decode::<Webhook>(&sent).unwrap().is_active);
    sent["isActive"] = json!(false);
    assert!(!decode::<Webhook>(&sent).unwrap().is_active);
}

/// The create answer exists to carry the signing secret: every other field drifts freely, a
/// create answer without a secret is an error that says so (the webhook is then unusable).
#[test]
fn created_webhook() {
    let mut fixture = webhook();
    fixture["secret"] = json!("whsec_0123456789abcdefghijklmnopqrstuv");
    drift_check(&fixture, |value| {
        let mut value = value.clone();
        if value.get("secret").and_then(Value::as_str).is_none() {
            value["secret"] = json!("whsec_kept");
        }
        decode::<CreatedWebhook>(&value)
    });
    fixture["secret"] = Value::Null;
    let err = decode::<CreatedWebhook>(&fixture).unwrap_err();
    assert!(err.to_string().contains("signing secret"), "{err}");
}

#[test]
fn whoami() {
    check::<WhoAmI>(json!({
        "teamId": "8b7f3c1e-0000-4000-8000-000000000000", "teamName": "Acme",
        "teamSlug": "acme", "keyType": "secret", "environment": "test"
    }));
}

#[test]
fn analytics_overview() {
    check::<AnalyticsOverview>(json!({
        "period": "week", "tickets": {"total": 10, "open": 4, "resolved": 6},
        "customers": {"total": 5, "active": 4, "new": 1},
        "csat": {"average": 4.5, "totalResponses": 8}
    }));
}

#[test]
fn audit_entry() {
    check::<AuditEntry>(json!({
        "id": "aud_1", "action": "ticket.deleted", "resourceType": "ticket",
        "resourceId": "tkt_1", "actorId": "mem_1", "actorName": "Ana",
        "details": {"title": "Old"}, "createdAt": AT
    }));
}

#[test]
fn automation() {
    check::<Automation>(json!({
        "id": "rule_1", "name": "Escalate VIPs", "triggerEvent": "ticket.created",
        "conditions": {"all": []}, "actions": [{"type": "set_priority", "value": "urgent"}],
        "enabled": true, "executionCount": 3
    }));
}

#[test]
fn billing() {
    check::<BillingSubscription>(json!({
        "status": "active", "plan": "team", "memberCount": 5, "currentPeriodEnd": AT,
        "cancelAtPeriodEnd": false
    }));
    check::<PortalSession>(json!({"url": "https://billing.example.com/session"}));
}

#[test]
fn bulk_and_import_results() {
    check::<BulkResult>(json!({
        "action": "update", "resource": "tickets", "total": 2, "succeeded": 1, "failed": 1,
        "errors": [record_error()]
    }));
    check::<ImportResult>(json!({
        "resource": "customers", "total": 3, "created": 1, "updated": 1, "skipped": 0,
        "errors": [record_error()]
    }));
}

#[test]
fn community_post() {
    check::<CommunityPost>(json!({
        "id": "7c1e0000-0000-4000-8000-000000000001", "title": "Dark mode", "slug": "dark-mode",
        "body": "please", "topic_id": "7c1e0000-0000-4000-8000-000000000002",
        "status": "planned", "visibility": "public", "vote_count": 4, "comment_count": 1,
        "is_pinned": false, "is_locked": false, "custom_fields": {"area": "ui"},
        "attachments": [{"url": "https://example.com/a.png"}], "created_at": AT
    }));
}

#[test]
fn custom_field() {
    check::<CustomField>(json!({
        "id": "cf_1", "name": "Plan", "key": "plan", "type": "select",
        "entityType": "customers", "required": false, "options": ["free", "pro"], "position": 1
    }));
}

#[test]
fn customer_group() {
    check::<CustomerGroup>(json!({
        "id": "grp_1", "name": "Acme Corp", "slug": "acme-corp", "description": "d",
        "externalId": "zd_1", "customFields": {"tier": "gold"}, "customerCount": 3,
        "createdAt": AT, "updatedAt": AT
    }));
}

#[test]
fn export_result() {
    check::<ExportResult>(json!({
        "format": "json", "totalRows": 1, "resources": {"tickets": [{"id": "tkt_1"}]},
        "content": "id\ntkt_1\n"
    }));
}

#[test]
fn player_stats() {
    check::<PlayerStats>(json!({
        "memberId": "mem_1", "name": "Ana", "avatarUrl": "https://example.com/a.png",
        "season": {"id": "2026-Q2", "name": "Spring", "endsAt": AT}, "level": 4, "xp": 1200,
        "xpToNextLevel": 300, "xpInCurrentLevel": 200, "xpProgress": 0.4, "gold": 50,
        "prestigeLevel": 1, "streaks": {"current": 2, "max": 9},
        "stats": {"ticketsClosed": 40}, "skills": {"speed": {"level": 1}},
        "availableSkillPoints": 2, "cosmetics": {"avatarFrame": "gold"}
    }));
}

#[test]
fn notifications() {
    check::<Notification>(json!({
        "id": "ntf_1", "type": "ticket_assigned", "title": "Assigned to you", "body": "tkt_1",
        "read": false, "createdAt": AT
    }));
    check::<UnreadCount>(json!({"count": 3}));
}

#[test]
fn search_result() {
    check::<SearchResult>(json!({
        "type": "ticket", "id": "tkt_1", "title": "Refund please", "snippet": "…refund…"
    }));
}

#[test]
fn team_settings() {
    check::<TeamSettings>(json!({
        "teamName": "Acme Support", "teamSlug": "acme", "timezone": "Europe/Paris"
    }));
}

#[test]
fn sla_rule() {
    check::<SlaRule>(json!({
        "id": "sla_1", "name": "Urgent", "priority": "urgent", "responseTarget": 15,
        "resolutionTarget": 240, "businessHoursOnly": false, "enabled": true
    }));
}

#[test]
fn tag() {
    check::<Tag>(json!({"name": "vip", "count": 3}));
}

#[test]
fn saved_view() {
    check::<SavedView>(json!({
        "id": "view_1", "name": "Urgent and open", "entityType": "tickets",
        "filters": {"priority": "urgent"}, "sortBy": "createdAt", "sortOrder": "desc",
        "visibility": "team"
    }));
}
