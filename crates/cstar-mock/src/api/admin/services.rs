//! What the customer-facing surfaces and the seed ask of the admin API, as functions: each runs
//! the resource's own handler (validation, events, webhooks) with the team's secret key in one
//! environment, never through a formatted URL.

use serde_json::Value;

use super::doc_crud::matching;
use super::{customers, members, messages, tickets};
use crate::http::context::{Ctx, call};
use crate::http::error::ApiFailure;
use crate::http::keys::Caller;
use crate::model::{Env, KeyKind};
use crate::store::State;
use crate::store::documents::Kind;

/// The team's own key in `env`: the surfaces' writes are the team's records.
pub(crate) fn team_caller(env: Env) -> Caller {
    Caller {
        key: String::new(),
        kind: KeyKind::Secret,
        env,
    }
}

/// The created or updated object (`data`) of a handler's reply.
fn data(reply: crate::http::envelope::Reply) -> Value {
    reply.body.get("data").cloned().unwrap_or(Value::Null)
}

/// The id of the customer with this email (any case), if any.
pub(crate) fn customer_with_email(state: &mut State, env: Env, email: &str) -> Option<String> {
    let mut ctx = Ctx::internal(state, team_caller(env), &[]);
    let email = email.to_lowercase();
    matching(&mut ctx, Kind::Customers, |d| {
        d.str("email").to_lowercase() == email
    })
    .first()
    .map(|d| d.str("id").to_owned())
}

/// Creates a customer (`POST /customers`): the new customer.
pub(crate) fn create_customer(
    state: &mut State,
    env: Env,
    body: &Value,
) -> Result<Value, ApiFailure> {
    call(state, team_caller(env), customers::create, &[], &[], body).map(data)
}

/// Lists tickets (`GET /tickets` with this query): one page of them.
pub(crate) fn list_tickets(
    state: &mut State,
    env: Env,
    query: &[(String, String)],
) -> Result<Vec<Value>, ApiFailure> {
    let reply = call(
        state,
        team_caller(env),
        tickets::list,
        &[],
        query,
        &Value::Null,
    )?;
    Ok(data(reply).as_array().cloned().unwrap_or_default())
}

/// Creates a ticket (`POST /tickets`): the new ticket.
pub(crate) fn create_ticket(
    state: &mut State,
    env: Env,
    body: &Value,
) -> Result<Value, ApiFailure> {
    call(state, team_caller(env), tickets::create, &[], &[], body).map(data)
}

/// Updates a ticket (`PATCH /tickets/{id}`): the ticket after.
pub(crate) fn update_ticket(
    state: &mut State,
    env: Env,
    id: &str,
    body: &Value,
) -> Result<Value, ApiFailure> {
    let update: crate::http::route::Handler = crate::http::route::by_id!(tickets::update);
    call(state, team_caller(env), update, &[id.to_owned()], &[], body).map(data)
}

/// Adds a message to a ticket (`POST /tickets/{id}/messages`): the message.
pub(crate) fn post_message(
    state: &mut State,
    env: Env,
    ticket_id: &str,
    body: &Value,
) -> Result<Value, ApiFailure> {
    let create: crate::http::route::Handler = crate::http::route::by_id!(messages::create);
    call(
        state,
        team_caller(env),
        create,
        &[ticket_id.to_owned()],
        &[],
        body,
    )
    .map(data)
}

/// Creates an article (`POST /articles`): the new article.
pub(crate) fn create_article(
    state: &mut State,
    env: Env,
    body: &Value,
) -> Result<Value, ApiFailure> {
    call(
        state,
        team_caller(env),
        super::articles::create,
        &[],
        &[],
        body,
    )
    .map(data)
}

/// Creates a category (`POST /categories`): the new category.
pub(crate) fn create_category(
    state: &mut State,
    env: Env,
    body: &Value,
) -> Result<Value, ApiFailure> {
    call(
        state,
        team_caller(env),
        super::categories::create,
        &[],
        &[],
        body,
    )
    .map(data)
}

/// Makes sure the team's starting members exist (they are made on first use).
pub(crate) fn ensure_members(state: &mut State, env: Env) {
    let mut ctx = Ctx::internal(state, team_caller(env), &[]);
    members::ensure_seeded(&mut ctx);
}
