//! Customer accounts, `/api/auth/{team}/...` (the emulator's design: cStar documents the SDK
//! but not these routes): `POST signup`, `POST login`, `POST refresh`, `POST logout`, `GET me`.
//! Accounts live in the secret key's environment (`State::customer_env`); each is a customer
//! record; tokens are opaque (`cat_` access, `crt_` refresh), the access token expiring after the
//! configured TTL; a refresh rotates both; logout revokes both.

use std::collections::HashMap;
use std::num::NonZeroU32;

use jiff::Timestamp;
use ring::pbkdf2;
use serde_json::{Value, json};

use crate::api::admin::opt_string;
use crate::api::admin::services;
use crate::http::context::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::http::route::Admission::Customer;
use crate::http::route::{Route, route, with_bearer};
use crate::model::clock::unix_now;
use crate::model::ids::alphanumeric;
use crate::store::State;

/// The prefix of a customer's access token.
pub(crate) const ACCESS_TOKEN_PREFIX: &str = "cat_";

/// The shortest password accepted.
const MIN_PASSWORD: usize = 8;
/// PBKDF2 rounds: an emulator needs a real hash, not a slow one.
const ROUNDS: u32 = 1_000;

/// One customer's account.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    customer_id: String,
    email: String,
    name: Option<String>,
    salt: String,
    hash: Vec<u8>,
    pub(crate) confirmed: bool,
}

/// One signed-in session.
#[derive(Debug, Clone)]
struct SessionRecord {
    email: String,
    refresh_token: String,
    expires_at: u64,
}

/// Accounts by lowercased email, sessions by access token.
#[derive(Debug, Default)]
pub(crate) struct Accounts {
    pub(crate) by_email: HashMap<String, Account>,
    sessions: HashMap<String, SessionRecord>,
    /// Refresh token → access token.
    refresh: HashMap<String, String>,
}

fn hash(salt: &str, password: &str) -> Vec<u8> {
    let mut out = vec![0u8; 32];
    let rounds = NonZeroU32::new(ROUNDS).unwrap_or(NonZeroU32::MIN);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        salt.as_bytes(),
        password.as_bytes(),
        &mut out,
    );
    out
}

/// Whether `password` is the one hashed (compared in constant time by ring).
fn verify(salt: &str, password: &str, hashed: &[u8]) -> bool {
    let rounds = NonZeroU32::new(ROUNDS).unwrap_or(NonZeroU32::MIN);
    pbkdf2::verify(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        salt.as_bytes(),
        password.as_bytes(),
        hashed,
    )
    .is_ok()
}

/// Customer auth's routes.
#[rustfmt::skip]
pub(crate) const ROUTES: &[Route] = &[
    route("POST", "/api/auth/{team}/signup", Customer, with_bearer!(signup)),
    route("POST", "/api/auth/{team}/login", Customer, with_bearer!(login)),
    route("POST", "/api/auth/{team}/refresh", Customer, with_bearer!(refresh)),
    route("POST", "/api/auth/{team}/logout", Customer, with_bearer!(logout)),
    route("GET", "/api/auth/{team}/me", Customer, with_bearer!(me)),
];

fn auth_error(code: &'static str, message: &str) -> ApiFailure {
    ApiFailure::new(401, "authentication_error", code, message)
}

/// Starts a session for an account: the session object the SDK keeps.
fn start_session(state: &mut State, account: &Account) -> Value {
    let ttl = state.settings.customer_token_ttl.as_secs().max(1);
    let access = format!("{ACCESS_TOKEN_PREFIX}{}", alphanumeric(40));
    let refresh = format!("crt_{}", alphanumeric(40));
    let expires_at = unix_now() + ttl;
    let accounts = &mut state.accounts;
    accounts.refresh.insert(refresh.clone(), access.clone());
    accounts.sessions.insert(
        access.clone(),
        SessionRecord {
            email: account.email.to_lowercase(),
            refresh_token: refresh.clone(),
            expires_at,
        },
    );
    let expires = Timestamp::from_second(i64::try_from(expires_at).unwrap_or(i64::MAX))
        .unwrap_or(Timestamp::MAX);
    json!({
        "customer": customer_json(account),
        "accessToken": access,
        "refreshToken": refresh,
        "expiresAt": expires.to_string(),
        "expiresIn": ttl,
    })
}

fn customer_json(account: &Account) -> Value {
    json!({"id": account.customer_id, "email": account.email, "name": account.name})
}

fn signup(ctx: &mut Ctx<'_>, _token: Option<&str>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let email = crate::api::admin::required_string(&body, "email")?
        .trim()
        .to_owned();
    let password = crate::api::admin::required_string(&body, "password")?;
    let name = opt_string(&body, "name")?;
    if !email.contains('@') {
        return Err(ApiFailure::invalid(
            "email",
            "email must be an email address",
        ));
    }
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiFailure::invalid(
            "password",
            format!("password must be at least {MIN_PASSWORD} characters"),
        ));
    }
    let key = email.to_lowercase();
    if ctx.state.accounts.by_email.contains_key(&key) {
        return Err(ApiFailure::new(
            409,
            "invalid_request_error",
            "resource_already_exists",
            "An account with this email already exists",
        )
        .param("email"));
    }
    // The account is a customer record: an existing customer with this email gets the account.
    let customer_id =
        match services::customer_with_email(ctx.state, ctx.state.customer_env(), &email) {
            Some(id) => id,
            None => {
                let display = name
                    .clone()
                    .unwrap_or_else(|| email.split('@').next().unwrap_or("").to_owned());
                let body = json!({"name": display, "email": email});
                let created =
                    services::create_customer(ctx.state, ctx.state.customer_env(), &body)?;
                created["id"].as_str().unwrap_or_default().to_owned()
            }
        };
    let salt = alphanumeric(16);
    let account = Account {
        customer_id,
        email: email.clone(),
        name,
        hash: hash(&salt, &password),
        salt,
        confirmed: !ctx.state.settings.require_email_confirmation,
    };
    ctx.state.accounts.by_email.insert(key, account.clone());
    if !account.confirmed {
        return Ok(success(
            202,
            json!({"status": "confirmation_pending", "email": email}),
        ));
    }
    let session = start_session(ctx.state, &account);
    Ok(success(201, session))
}

fn login(ctx: &mut Ctx<'_>, _token: Option<&str>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let email = crate::api::admin::required_string(&body, "email")?;
    let password = crate::api::admin::required_string(&body, "password")?;
    let wrong = || auth_error("invalid_credentials", "The email or password is wrong");
    let account = ctx
        .state
        .accounts
        .by_email
        .get(&email.trim().to_lowercase())
        .cloned()
        .ok_or_else(wrong)?;
    if !verify(&account.salt, &password, &account.hash) {
        return Err(wrong());
    }
    if !account.confirmed {
        return Err(ApiFailure::new(
            403,
            "authentication_error",
            "email_not_confirmed",
            "Confirm your email address before logging in",
        ));
    }
    Ok(success(200, start_session(ctx.state, &account)))
}

/// Ends a session by its access token.
fn revoke(state: &mut State, access: &str) -> Option<SessionRecord> {
    let record = state.accounts.sessions.remove(access)?;
    state.accounts.refresh.remove(&record.refresh_token);
    Some(record)
}

fn refresh(ctx: &mut Ctx<'_>, _token: Option<&str>) -> Result<Reply, ApiFailure> {
    let body = ctx.json_object()?;
    let refresh_token = crate::api::admin::required_string(&body, "refreshToken")?;
    let invalid = || {
        auth_error(
            "invalid_refresh_token",
            "The refresh token is invalid or was revoked",
        )
    };
    let access = ctx
        .state
        .accounts
        .refresh
        .get(&refresh_token)
        .cloned()
        .ok_or_else(invalid)?;
    let record = revoke(ctx.state, &access).ok_or_else(invalid)?;
    let account = ctx
        .state
        .accounts
        .by_email
        .get(&record.email)
        .cloned()
        .ok_or_else(invalid)?;
    Ok(success(200, start_session(ctx.state, &account)))
}

/// The live session of a bearer token.
fn session<'s>(state: &'s State, token: Option<&str>) -> Result<&'s SessionRecord, ApiFailure> {
    let token = token.ok_or_else(|| {
        auth_error(
            "authentication_required",
            "Send the customer's access token as 'Authorization: Bearer <token>'",
        )
    })?;
    let record = state.accounts.sessions.get(token).ok_or_else(|| {
        auth_error(
            "invalid_token",
            "The access token is invalid or was revoked",
        )
    })?;
    if unix_now() >= record.expires_at {
        return Err(auth_error(
            "token_expired",
            "The access token expired: refresh it",
        ));
    }
    Ok(record)
}

/// The signed-in customer behind a bearer token: `(customer id, display name)`, for the other
/// customer-facing routes (the community).
pub(crate) fn customer_of(
    state: &State,
    token: Option<&str>,
) -> Result<(String, String), ApiFailure> {
    let email = session(state, token)?.email.clone();
    let account = state
        .accounts
        .by_email
        .get(&email)
        .ok_or_else(|| auth_error("invalid_token", "The account is gone"))?;
    let name = account
        .name
        .clone()
        .unwrap_or_else(|| account.email.clone());
    Ok((account.customer_id.clone(), name))
}

fn logout(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    session(ctx.state, token)?;
    revoke(ctx.state, token.unwrap_or_default());
    Ok(success(200, json!({"loggedOut": true})))
}

fn me(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let email = session(ctx.state, token)?.email.clone();
    let account = ctx
        .state
        .accounts
        .by_email
        .get(&email)
        .ok_or_else(|| auth_error("invalid_token", "The account is gone"))?;
    Ok(success(200, customer_json(account)))
}
