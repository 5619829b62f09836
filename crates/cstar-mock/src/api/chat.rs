//! The chat widget's API, `/api/chat/{team}/...` (the emulator's design: cStar documents the
//! SDK, not these routes). A session token (`cst_...`) is the Bearer of every call: anonymous
//! from `POST sessions`, or identified by `POST identify` with an identity signed by the
//! customer's backend (HMAC-SHA256 over the canonical JSON, within 300 s). Conversations are
//! tickets of the live environment; their customer-visible messages stream as Server-Sent
//! Events from `GET conversations/{id}/stream`.
//!
//! Routes: `POST sessions`, `POST identify`, `GET|POST conversations`, `GET conversations/{id}`,
//! `GET|POST conversations/{id}/messages`, `GET|POST conversations/{id}/typing`,
//! `GET conversations/{id}/stream`.

use std::collections::{HashMap, HashSet};

use axum::body::Bytes;
use ring::hmac;
use serde_json::{Map, Value, json};

use crate::api::admin::{opt_string, required_string, run_route};
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::keys::Caller;
use crate::http::pipeline::{Answer, Incoming};
use crate::http::public;
use crate::model::clock::unix_now;
use crate::model::ids::{alphanumeric, decode_hex, parse_id};
use crate::model::{Env, KeyKind};
use crate::store::State;

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

/// The secret caller the widget's writes go through: they are the team's own records.
fn team_caller() -> Caller {
    Caller {
        key: String::new(),
        kind: KeyKind::Secret,
        env: Env::Live,
    }
}

fn chat_auth(code: &'static str, message: &str) -> ApiFailure {
    ApiFailure::new(401, "authentication_error", code, message)
}

/// What a request under `/api/chat/` turns into.
pub(crate) enum Outcome {
    /// A JSON answer.
    Answer(Answer),
    /// A stream of the conversation's new customer-visible messages.
    Stream {
        conversation: String,
        headers: axum::http::HeaderMap,
    },
}

/// Answers a chat request (streams are opened by the handler from [`Outcome::Stream`]).
pub(crate) fn answer(
    state: &mut State,
    incoming: &Incoming<'_>,
    request_id: &str,
    ip: &str,
) -> Outcome {
    let Some((team, below)) = public::split(incoming.path, "/api/chat/") else {
        return Outcome::Answer(public::no_route(incoming, request_id));
    };
    let known = matches!(
        (incoming.method, below.as_slice()),
        ("POST", ["sessions" | "identify"])
            | ("GET" | "POST", ["conversations"])
            | ("GET", ["conversations", _])
            | ("GET" | "POST", ["conversations", _, "messages" | "typing"])
            | ("GET", ["conversations", _, "stream"])
    );
    if !known || below.iter().any(|s| s.is_empty()) {
        return Outcome::Answer(public::no_route(incoming, request_id));
    }
    let headers = match public::admit(state, team, request_id, ip, None) {
        Ok(headers) => headers,
        Err(answer) => return Outcome::Answer(answer),
    };
    let token = public::bearer(incoming.headers).map(str::to_owned);
    let body = incoming.body;
    let result = match (incoming.method, below.as_slice()) {
        ("POST", ["sessions"]) => Ok(new_session(state)),
        ("POST", ["identify"]) => identify(state, token.as_deref(), body),
        (method, rest) => match session(state, token.as_deref()) {
            Err(failure) => Err(failure),
            Ok(session) => match (method, rest) {
                ("GET", ["conversations"]) => list(state, &session),
                ("POST", ["conversations"]) => {
                    create(state, token.as_deref().unwrap_or_default(), &session, body)
                }
                ("GET", ["conversations", id]) => {
                    conversation(state, &session, id).map(|(_, c)| success(200, c))
                }
                ("GET", ["conversations", id, "messages"]) => messages(state, &session, id),
                ("POST", ["conversations", id, "messages"]) => send(state, &session, id, body),
                ("GET", ["conversations", id, "typing"]) => typing(state, &session, id),
                ("POST", ["conversations", id, "typing"]) => set_typing(state, &session, id, body),
                ("GET", ["conversations", id, "stream"]) => {
                    return match conversation(state, &session, id) {
                        Ok((_, c)) => Outcome::Stream {
                            conversation: c["id"].as_str().unwrap_or_default().to_owned(),
                            headers,
                        },
                        Err(failure) => {
                            Outcome::Answer(Answer::failure(&failure, request_id, headers))
                        }
                    };
                }
                _ => Err(ApiFailure::no_route(incoming.method, incoming.path)),
            },
        },
    };
    let reply = result.unwrap_or_else(|failure| failure.reply(request_id));
    Outcome::Answer(Answer::new(reply, request_id, headers))
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
    state
        .chat
        .sessions
        .get(token)
        .cloned()
        .ok_or_else(|| chat_auth("invalid_session", "The chat session is unknown or ended"))
}

/// The signed identity, its fields in alphabetical order: serialized, it is the canonical JSON
/// (`{"email":..,"externalId":..,"name":..,"timestamp":..}`, compact, `name` only when given).
#[derive(serde::Serialize)]
struct SignedIdentity<'a> {
    email: &'a str,
    #[serde(rename = "externalId")]
    external_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    timestamp: i64,
}

/// The canonical JSON the identity's signature covers.
pub(crate) fn canonical_identity(
    email: &str,
    external_id: &str,
    name: Option<&str>,
    timestamp: i64,
) -> String {
    let identity = SignedIdentity {
        email,
        external_id,
        name,
        timestamp,
    };
    // Strings and an integer always serialize.
    serde_json::to_string(&identity).unwrap_or_default()
}

fn identify(state: &mut State, token: Option<&str>, body: &[u8]) -> Result<Reply, ApiFailure> {
    let body = object(body)?;
    let email = required_string(&body, "email")?;
    let external_id = match body.get("externalId") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => return Err(ApiFailure::missing("externalId")),
        Some(_) => {
            return Err(ApiFailure::invalid(
                "externalId",
                "externalId must be a string",
            ));
        }
    };
    let name = opt_string(&body, "name")?;
    let timestamp = body
        .get("timestamp")
        .and_then(Value::as_i64)
        .ok_or_else(|| ApiFailure::invalid("timestamp", "timestamp must be Unix seconds"))?;
    let signature = required_string(&body, "signature")?;
    let now = i64::try_from(unix_now()).unwrap_or(i64::MAX);
    if now.abs_diff(timestamp) > IDENTITY_WINDOW_SECS {
        return Err(chat_auth(
            "identity_expired",
            "The identity's timestamp is more than 300 s from now: sign it again",
        ));
    }
    let canonical = canonical_identity(&email, &external_id, name.as_deref(), timestamp);
    let key = hmac::Key::new(hmac::HMAC_SHA256, state.team.identity_secret.as_bytes());
    let valid = decode_hex(&signature)
        .is_some_and(|tag| hmac::verify(&key, canonical.as_bytes(), &tag).is_ok());
    if !valid {
        return Err(chat_auth(
            "invalid_signature",
            "The identity signature does not match: sign the canonical JSON with the identity secret",
        ));
    }
    let customer_id = customer_for(state, &email, name.as_deref(), &external_id)?;
    let display = name.clone().unwrap_or_else(|| email.clone());
    let upgraded = token.and_then(|t| state.chat.sessions.get(t).map(|_| t.to_owned()));
    let token = upgraded.unwrap_or_else(|| format!("cst_{}", alphanumeric(40)));
    let session = state.chat.sessions.entry(token.clone()).or_default();
    session.customer_id = Some(customer_id.clone());
    session.customer_name = Some(display.clone());
    // Conversations the anonymous session started become the customer's.
    let started: Vec<String> = session.started.iter().cloned().collect();
    for ticket in started {
        run_route(
            state,
            &team_caller(),
            "PATCH",
            &format!("tickets/{ticket}"),
            &[],
            &json!({"customerId": customer_id, "customerName": display}),
        )?;
    }
    Ok(success(
        200,
        json!({
            "sessionToken": token, "anonymous": false,
            "customer": {"id": customer_id, "email": email, "name": name, "externalId": external_id},
        }),
    ))
}

/// The customer with this email, made when there is none.
fn customer_for(
    state: &mut State,
    email: &str,
    name: Option<&str>,
    external_id: &str,
) -> Result<String, ApiFailure> {
    let caller = team_caller();
    let query = [
        ("search".to_owned(), email.to_owned()),
        ("pageSize".to_owned(), "100".to_owned()),
    ];
    let found = run_route(state, &caller, "GET", "customers", &query, &Value::Null)?;
    let existing = found.body["data"].as_array().and_then(|rows| {
        rows.iter()
            .find(|c| {
                c["email"]
                    .as_str()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
            })
            .and_then(|c| c["id"].as_str().map(str::to_owned))
    });
    if let Some(id) = existing {
        return Ok(id);
    }
    let body = json!({
        "name": name.unwrap_or(email), "email": email,
        "metadata": {"externalId": external_id},
    });
    let created = run_route(state, &caller, "POST", "customers", &[], &body)?;
    Ok(created.body["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
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
        .data(Env::Live)
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

fn list(state: &mut State, session: &ChatSession) -> Result<Reply, ApiFailure> {
    let Some(customer) = session.customer_id.as_deref() else {
        return Err(chat_auth(
            "identify_required",
            "Listing conversations needs an identified customer: call identify first",
        ));
    };
    let caller = team_caller();
    let query = [
        ("customerId".to_owned(), customer.to_owned()),
        ("pageSize".to_owned(), "100".to_owned()),
    ];
    let found = run_route(state, &caller, "GET", "tickets", &query, &Value::Null)?;
    let rows: Vec<Value> = found.body["data"]
        .as_array()
        .map(|rows| rows.iter().map(conversation_json).collect())
        .unwrap_or_default();
    Ok(success(200, Value::Array(rows)))
}

fn create(
    state: &mut State,
    token: &str,
    session: &ChatSession,
    body: &[u8],
) -> Result<Reply, ApiFailure> {
    let body = object(body)?;
    let subject = match (opt_string(&body, "subject")?, opt_string(&body, "title")?) {
        (Some(s), _) | (None, Some(s)) if !s.trim().is_empty() => s,
        _ => return Err(ApiFailure::missing("subject")),
    };
    let message = required_string(&body, "message")?;
    let caller = team_caller();
    let name = session
        .customer_name
        .clone()
        .unwrap_or_else(|| "Visitor".into());
    let ticket = run_route(
        state,
        &caller,
        "POST",
        "tickets",
        &[],
        &json!({"title": subject, "customerId": session.customer_id, "customerName": name, "status": "open", "tags": ["chat"]}),
    )?;
    let id = ticket.body["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    run_route(
        state,
        &caller,
        "POST",
        &format!("tickets/{id}/messages"),
        &[],
        &json!({"content": message, "sender": "customer", "senderName": name}),
    )?;
    if let Some(stored) = state.chat.sessions.get_mut(token) {
        stored.started.insert(id);
    }
    Ok(success(201, conversation_json(&ticket.body["data"])))
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

fn messages(state: &mut State, session: &ChatSession, id: &str) -> Result<Reply, ApiFailure> {
    let (uuid, _) = conversation(state, session, id)?;
    let ticket = state
        .data(Env::Live)
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

fn send(
    state: &mut State,
    session: &ChatSession,
    id: &str,
    body: &[u8],
) -> Result<Reply, ApiFailure> {
    let (_, conversation) = conversation(state, session, id)?;
    let body = object(body)?;
    let content = required_string(&body, "content")?;
    let name = session
        .customer_name
        .clone()
        .unwrap_or_else(|| "Visitor".into());
    let ticket_id = conversation["id"].as_str().unwrap_or_default().to_owned();
    let created = run_route(
        state,
        &team_caller(),
        "POST",
        &format!("tickets/{ticket_id}/messages"),
        &[],
        &json!({"content": content, "sender": "customer", "senderName": name}),
    )?;
    state.chat.customer_typing.remove(&ticket_id);
    Ok(success(201, widget_message(&created.body["data"])))
}

fn typing(state: &mut State, session: &ChatSession, id: &str) -> Result<Reply, ApiFailure> {
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

fn set_typing(
    state: &mut State,
    session: &ChatSession,
    id: &str,
    body: &[u8],
) -> Result<Reply, ApiFailure> {
    let (_, conversation) = conversation(state, session, id)?;
    let body = object(body)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector in the spec (`spec/public-apis.md`, identity verification).
    #[test]
    fn the_spec_test_vector_verifies() {
        let canonical =
            canonical_identity("jane@example.com", "42", Some("Jane Doe"), 1_700_000_000);
        assert_eq!(
            canonical,
            r#"{"email":"jane@example.com","externalId":"42","name":"Jane Doe","timestamp":1700000000}"#
        );
        let key = hmac::Key::new(hmac::HMAC_SHA256, b"sk_test_identity");
        let signature = "5be393ed500de8f70fccdeac73a1a5a07f7dab39a3b39f74ea8db9470a426366";
        let tag = decode_hex(signature).unwrap();
        assert!(hmac::verify(&key, canonical.as_bytes(), &tag).is_ok());
        let signed = format!("+{}", &signature[1..]);
        assert!(decode_hex(&signed).is_none(), "a sign is not a hex digit");
        assert_eq!(
            canonical_identity("a@b.c", "x", None, 1),
            r#"{"email":"a@b.c","externalId":"x","timestamp":1}"#
        );
    }
}
