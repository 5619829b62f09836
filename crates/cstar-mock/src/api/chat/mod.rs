//! The chat widget's API, `/api/chat/{team}/...` (the emulator's design: cStar documents the
//! SDK, not these routes). A session token (`cst_...`) is the Bearer of every call: anonymous
//! from `POST sessions`, or identified by `POST identify` with an identity signed by the
//! customer's backend (HMAC-SHA256 over the canonical JSON, within 300 s). A signed-in
//! customer's access token (`cat_...`, customer auth) serves too, as that customer's session. Conversations are
//! tickets of the secret key's environment; their customer-visible messages stream as Server-Sent
//! Events from `GET conversations/{id}/stream`.
//!
//! Routes: `POST sessions`, `POST identify`, `GET|POST conversations`, `GET conversations/{id}`,
//! `GET|POST conversations/{id}/messages`, `GET|POST conversations/{id}/typing`,
//! `GET conversations/{id}/stream`.

use std::collections::{HashMap, HashSet};

use axum::body::Bytes;
use serde_json::{Map, Value, json};

use crate::api::admin::services;
use crate::api::admin::{opt_string, required_string};
use crate::api::auth::{ACCESS_TOKEN_PREFIX, customer_of};
use crate::http::context::{Ctx, StreamStart};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Customer;
use crate::http::route::{Route, route, with_bearer};
use crate::model::ids::{alphanumeric, parse_id};
use crate::store::State;

mod identity;

/// How far an identity's timestamp may be from the emulator's clock, either way.
pub(crate) const IDENTITY_WINDOW_SECS: u64 = 300;

/// One widget session.
#[derive(Debug, Clone, Default)]
pub(crate) struct ChatSession {
    /// The identified customer (`cus_...`); `None` while anonymous.
    customer_id: Option<String>,
    customer_name: Option<String>,
    /// Conversations this session started (what an anonymous session may read).
    started: HashSet<String>,
}

/// Sessions by token, and who is typing where.
#[derive(Debug, Default)]
pub(crate) struct ChatState {
    sessions: HashMap<String, ChatSession>,
    /// Conversation id → agents shown as typing.
    pub(crate) agent_typing: HashMap<String, Vec<String>>,
    /// Conversation id → whether the customer is typing.
    pub(crate) customer_typing: HashMap<String, bool>,
}

fn chat_auth(code: &'static str, message: &str) -> ApiFailure {
    ApiFailure::new(401, "authentication_error", code, message)
}

/// The chat widget's routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("POST", "/api/chat/{team}/sessions", Customer, start),
    route("POST", "/api/chat/{team}/identify", Customer, with_bearer!(identity::identify)),
    route("GET", "/api/chat/{team}/conversations", Customer, in_session!(list)),
    route("POST", "/api/chat/{team}/conversations", Customer, in_session!(create)),
    route("GET", "/api/chat/{team}/conversations/{id}", Customer, in_session!(get)),
    route("GET", "/api/chat/{team}/conversations/{id}/messages", Customer, in_session!(messages)),
    route("POST", "/api/chat/{team}/conversations/{id}/messages", Customer, in_session!(send)),
    route("GET", "/api/chat/{team}/conversations/{id}/typing", Customer, in_session!(typing)),
    route("POST", "/api/chat/{team}/conversations/{id}/typing", Customer, in_session!(set_typing)),
    route("GET", "/api/chat/{team}/conversations/{id}/stream", Customer, in_session!(stream)),
];

/// Wraps a handler that needs the session the Bearer token names (401 without one) into the
/// one handler signature; it gets the session and its token.
macro_rules! in_session {
    ($handler:path) => {
        |ctx: &mut Ctx<'_>| {
            let token = ctx.bearer().unwrap_or_default();
            let session = session(ctx.state, Some(token.as_str()).filter(|t| !t.is_empty()))?;
            $handler(ctx, &session, &token)
        }
    };
}
use in_session;

/// `POST sessions`: a new anonymous session.
fn start(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    Ok(new_session(ctx.state))
}

fn get(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = ctx.id();
    conversation(ctx.state, session, &id).map(|(_, c)| success(200, c))
}

/// `GET conversations/{id}/stream`: each new customer-visible message, as Server-Sent Events.
fn stream(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = ctx.id();
    let (_, found) = conversation(ctx.state, session, &id)?;
    let conversation = found["id"].as_str().unwrap_or_default().to_owned();
    ctx.stream = Some(StreamStart {
        greeting: ": connected\n\n".to_owned(),
        next: ctx.state.events.next_seq(),
        select: Box::new(move |event| message_frame(&conversation, event)),
    });
    Ok(success(200, Value::Null))
}

fn new_session(state: &mut State) -> Reply {
    let token = format!("cst_{}", alphanumeric(40));
    state
        .chat
        .sessions
        .insert(token.clone(), ChatSession::default());
    success(
        201,
        json!({"sessionToken": token, "anonymous": true, "customer": null}),
    )
}

fn session(state: &State, token: Option<&str>) -> Result<ChatSession, ApiFailure> {
    let token = token.ok_or_else(|| {
        chat_auth(
            "authentication_required",
            "Send the chat session token as 'Authorization: Bearer <token>'",
        )
    })?;
    if let Some(session) = state.chat.sessions.get(token) {
        return Ok(session.clone());
    }
    // A signed-in customer's access token (customer auth) is an identified session of that
    // customer: the account is a customer record, the one `identify` finds by email.
    match customer_of(state, Some(token)) {
        Ok((customer_id, name)) => Ok(ChatSession {
            customer_id: Some(customer_id),
            customer_name: Some(name),
            started: HashSet::new(),
        }),
        Err(expired) if token.starts_with(ACCESS_TOKEN_PREFIX) => Err(expired),
        Err(_) => Err(chat_auth(
            "invalid_session",
            "The chat session is unknown or ended",
        )),
    }
}

fn object(body: &[u8]) -> Result<Map<String, Value>, ApiFailure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiFailure::new(
            400,
            "invalid_request_error",
            "invalid_json",
            "The body must be a JSON object",
        )),
    }
}

/// The conversation shape of a ticket.
fn conversation_json(ticket: &Value) -> Value {
    json!({
        "id": ticket["id"], "object": "conversation", "subject": ticket["title"], "title": ticket["title"],
        "status": ticket["status"], "createdAt": ticket["createdAt"], "updatedAt": ticket["updatedAt"],
    })
}

/// A ticket this session may see: `(stored uuid, conversation)`; anything else is 404.
fn conversation(
    state: &mut State,
    session: &ChatSession,
    id: &str,
) -> Result<(String, Value), ApiFailure> {
    let missing = || ApiFailure::not_found("Conversation");
    let uuid = parse_id("tkt_", id).ok_or_else(missing)?;
    let ticket = state
        .data(state.customer_env())
        .tickets
        .get(&uuid)
        .ok_or_else(missing)?;
    let public_id = ticket.public_id();
    let mine = session.started.contains(&public_id)
        || session.customer_id.as_deref().is_some_and(|c| {
            ticket
                .customer_id
                .as_deref()
                .and_then(|t| parse_id("cus_", t))
                == parse_id("cus_", c)
        });
    if !mine {
        return Err(missing());
    }
    Ok((uuid, conversation_json(&ticket.to_json())))
}

fn list(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let state = &mut *ctx.state;
    let Some(customer) = session.customer_id.as_deref() else {
        return Err(chat_auth(
            "identify_required",
            "Listing conversations needs an identified customer: call identify first",
        ));
    };
    let query = [
        ("customerId".to_owned(), customer.to_owned()),
        ("pageSize".to_owned(), "100".to_owned()),
    ];
    let found = services::list_tickets(state, state.customer_env(), &query)?;
    let rows: Vec<Value> = found.iter().map(conversation_json).collect();
    Ok(success(200, Value::Array(rows)))
}

fn create(ctx: &mut Ctx<'_>, session: &ChatSession, token: &str) -> Result<Reply, ApiFailure> {
    let body = object(ctx.body)?;
    let state = &mut *ctx.state;
    let subject = match (opt_string(&body, "subject")?, opt_string(&body, "title")?) {
        (Some(s), _) | (None, Some(s)) if !s.trim().is_empty() => s,
        _ => return Err(ApiFailure::missing("subject")),
    };
    let message = required_string(&body, "message")?;
    let name = session
        .customer_name
        .clone()
        .unwrap_or_else(|| "Visitor".into());
    let ticket = services::create_ticket(
        state,
        state.customer_env(),
        &json!({"title": subject, "customerId": session.customer_id, "customerName": name, "status": "open", "tags": ["chat"]}),
    )?;
    let id = ticket["id"].as_str().unwrap_or_default().to_owned();
    services::post_message(
        state,
        state.customer_env(),
        &id,
        &json!({"content": message, "sender": "customer", "senderName": name}),
    )?;
    if let Some(stored) = state.chat.sessions.get_mut(token) {
        stored.started.insert(id);
    }
    Ok(success(201, conversation_json(&ticket)))
}

/// A message as the widget shows it (snake_case, as documented).
pub(crate) fn widget_message(message: &Value) -> Value {
    let field = |camel: &str, snake: &str| {
        message
            .get(camel)
            .or_else(|| message.get(snake))
            .cloned()
            .unwrap_or(Value::Null)
    };
    json!({
        "id": field("id", "id"),
        "sender": field("sender", "sender"),
        "sender_name": field("senderName", "sender_name"),
        "content": field("content", "content"),
        "created_at": field("createdAt", "created_at"),
    })
}

fn messages(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = &ctx.id();
    let state = &mut *ctx.state;
    let (uuid, _) = conversation(state, session, id)?;
    let ticket = state
        .data(state.customer_env())
        .tickets
        .get(&uuid)
        .ok_or_else(|| ApiFailure::not_found("Conversation"))?;
    let rows: Vec<Value> = ticket
        .messages
        .iter()
        .filter(|m| !m.is_internal)
        .map(|m| widget_message(&m.to_json(ticket)))
        .collect();
    Ok(success(200, Value::Array(rows)))
}

fn send(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = &ctx.id();
    let state = &mut *ctx.state;
    let (_, conversation) = conversation(state, session, id)?;
    let body = object(ctx.body)?;
    let content = required_string(&body, "content")?;
    let name = session
        .customer_name
        .clone()
        .unwrap_or_else(|| "Visitor".into());
    let ticket_id = conversation["id"].as_str().unwrap_or_default().to_owned();
    let created = services::post_message(
        state,
        state.customer_env(),
        &ticket_id,
        &json!({"content": content, "sender": "customer", "senderName": name}),
    )?;
    state.chat.customer_typing.remove(&ticket_id);
    Ok(success(201, widget_message(&created)))
}

fn typing(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = &ctx.id();
    let state = &mut *ctx.state;
    let (_, conversation) = conversation(state, session, id)?;
    let key = conversation["id"].as_str().unwrap_or_default();
    let agents: Vec<Value> = state
        .chat
        .agent_typing
        .get(key)
        .map(|names| names.iter().map(|n| json!({"name": n})).collect())
        .unwrap_or_default();
    Ok(success(200, json!({"agents": agents})))
}

fn set_typing(ctx: &mut Ctx<'_>, session: &ChatSession, _token: &str) -> Result<Reply, ApiFailure> {
    let id = &ctx.id();
    let state = &mut *ctx.state;
    let (_, conversation) = conversation(state, session, id)?;
    let body = object(ctx.body)?;
    let typing = match body.get("typing") {
        Some(Value::Bool(b)) => *b,
        _ => {
            return Err(ApiFailure::invalid(
                "typing",
                "typing must be true or false",
            ));
        }
    };
    let key = conversation["id"].as_str().unwrap_or_default().to_owned();
    state.chat.customer_typing.insert(key, typing);
    Ok(success(200, json!({"typing": typing})))
}

/// The frame for a logged event, when it is a customer-visible message of this conversation.
pub(crate) fn message_frame(conversation: &str, event: &Value) -> Option<Bytes> {
    if event["type"] != "ticket.message_added" || event["data"]["ticket"]["id"] != conversation {
        return None;
    }
    let message = &event["data"]["message"];
    if message["is_internal"].as_bool().unwrap_or(false) {
        return None;
    }
    let widget = widget_message(message);
    let id = widget["id"].as_str().unwrap_or_default().to_owned();
    Some(Bytes::from(format!(
        "id: {id}\nevent: message\ndata: {widget}\n\n"
    )))
}
