//! `/notifications`: in-app notifications. The emulator makes one for every ticket assignment
//! in the event log; marking read is undocumented, so all stay unread.

use serde_json::{Value, json};

use super::Ctx;
use super::doc_crud::bool_query;
use super::paging::page_reply;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

/// The notifications, newest first.
fn all(ctx: &Ctx<'_>) -> Vec<Value> {
    let mut items: Vec<Value> = ctx
        .state
        .events
        .all()
        .iter()
        .filter(|e| e["type"] == "ticket.assigned")
        .map(|e| {
            let id = e["id"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("evt_");
            json!({
                "id": format!("ntf_{id}"),
                "object": "notification",
                "type": "ticket_assigned",
                "title": "Ticket assigned",
                "body": e["data"]["ticket"]["title"],
                "read": false,
                "createdAt": e["created_at"],
            })
        })
        .collect();
    items.reverse();
    items
}

pub(super) fn list(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let unread_only = bool_query(ctx, "unreadOnly")?.unwrap_or(false);
    let items = all(ctx)
        .into_iter()
        .filter(|n| !unread_only || n["read"] == false)
        .collect();
    page_reply(ctx, items)
}

pub(super) fn unread_count(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    let count = all(ctx).iter().filter(|n| n["read"] == false).count();
    Ok(success(
        200,
        json!({"object": "unread_count", "count": count}),
    ))
}
