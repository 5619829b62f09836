//! `GET /api/v1/teams/{teamId}/webhooks/listen`: the realtime stream, as Server-Sent Events.
//!
//! Frames are `id:` (the event id), `event:` (the type) and `data:` (the webhook envelope). A
//! `types=` filter takes a comma-separated list of exact types, `resource.*` or `*`. A
//! `Last-Event-ID` header (or `lastEventId` query parameter) replays the logged events after
//! that id; an id the log no longer holds replays nothing and says so with a `cstar.gap` frame
//! (see [`gap_frame`]). A comment
//! line goes out every heartbeat interval so that clients can tell a quiet stream from a dead
//! one. Only secret keys may listen: events carry customer data.

use axum::body::Bytes;
use serde_json::Value;

use crate::http::context::{Ctx, StreamStart};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::sse::Select;
use crate::model::KeyKind;

/// Opens the stream once the request was admitted (secret keys only).
pub(super) fn listen(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    if ctx.caller.kind != KeyKind::Secret {
        return Err(ApiFailure::new(
            403,
            "authentication_error",
            "secret_key_required",
            "Listening to events needs a secret key",
        ));
    }
    let types = ctx.query("types").map(parse_types);
    let resume = ctx
        .headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| ctx.query("lastEventId").map(str::to_owned))
        .filter(|id| !id.is_empty());
    let mut greeting = String::from(": connected\n\n");
    let events = &ctx.state.events;
    let next = match resume.as_deref().map(|id| events.seq_after(id)) {
        Some(Some(seq)) => seq,
        Some(None) => {
            greeting.push_str(&gap_frame(resume.as_deref().unwrap_or_default()));
            events.next_seq()
        }
        None => events.next_seq(),
    };
    let select: Select = Box::new(move |event: &Value| {
        let event_type = event["type"].as_str().unwrap_or_default();
        let wanted = types
            .as_ref()
            .is_none_or(|types| types.iter().any(|p| type_matches(p, event_type)));
        wanted.then(|| frame(event))
    });
    ctx.stream = Some(StreamStart {
        greeting,
        next,
        select,
    });
    Ok(success(200, Value::Null))
}

fn parse_types(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `*` matches all; `resource.*` matches types whose part before the first `.` is `resource`
/// (so `customer.*` does not match `customer_group.created`); anything else matches exactly.
pub(crate) fn type_matches(pattern: &str, event_type: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_suffix(".*") {
        Some(resource) => event_type.split('.').next() == Some(resource),
        None => pattern == event_type,
    }
}

/// The stream cannot resume after `last_event_id` (older than the replay log, or never logged),
/// so events may have been missed. The documentation is silent on this case; our design: a
/// frame of type `cstar.gap` with no `id:` (so a client's resume point stays where it was),
/// whose data names the id that could not be resumed, next to a comment for people reading
/// the raw stream.
fn gap_frame(last_event_id: &str) -> String {
    let data = serde_json::json!({
        "type": "cstar.gap",
        "lastEventId": last_event_id,
        "reason": "unknown_last_event_id",
    });
    format!(
        ": unknown Last-Event-ID; nothing before now is replayed\nevent: cstar.gap\ndata: {data}\n\n"
    )
}

fn frame(event: &Value) -> Bytes {
    let id = event["id"].as_str().unwrap_or_default();
    let event_type = event["type"].as_str().unwrap_or_default();
    Bytes::from(format!("id: {id}\nevent: {event_type}\ndata: {event}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_is_a_typed_frame_without_an_id() {
        let gap = gap_frame("evt_gone");
        assert!(gap.contains("event: cstar.gap\n"), "{gap}");
        assert!(!gap.contains("\nid:"), "{gap}");
        assert!(gap.contains(r#""lastEventId":"evt_gone""#), "{gap}");
        assert!(gap.ends_with("\n\n"));
    }

    #[test]
    fn wildcards_stop_at_the_first_dot() {
        assert!(type_matches("*", "anything.at_all"));
        assert!(type_matches("ticket.*", "ticket.created"));
        assert!(type_matches("customer.*", "customer.updated"));
        assert!(!type_matches("customer.*", "customer_group.created"));
        assert!(type_matches("ticket.created", "ticket.created"));
        assert!(!type_matches("ticket.created", "ticket.updated"));
    }
}
