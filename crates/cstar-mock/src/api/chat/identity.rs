//! Identity verification: the customer's backend signs `{email, externalId, name?, timestamp}`
//! with the identity secret (HMAC-SHA256, lowercase hex, over the canonical JSON), and
//! `POST identify` checks it, finds or makes the customer, and upgrades the session.

use ring::hmac;
use serde_json::{Value, json};

use super::{IDENTITY_WINDOW_SECS, chat_auth, object};
use crate::api::admin::services;
use crate::api::admin::{opt_string, required_string};
use crate::http::context::Ctx;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::clock::unix_now;
use crate::model::ids::{alphanumeric, decode_hex};
use crate::store::State;

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

/// `POST identify`: verifies a signed identity and upgrades (or starts) the session.
pub(super) fn identify(ctx: &mut Ctx<'_>, token: Option<&str>) -> Result<Reply, ApiFailure> {
    let body = object(ctx.body)?;
    let state = &mut *ctx.state;
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
    let tag = decode_hex(&signature);
    let signed_with = |secret: &str| {
        let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
        tag.as_ref()
            .is_some_and(|tag| hmac::verify(&key, canonical.as_bytes(), tag).is_ok())
    };
    if !signed_with(&state.team.identity_secret) {
        // The mistake a new user makes most: the API key where the identity secret belongs.
        let message = if signed_with(&state.team.secret_key) {
            "The identity was signed with the API secret key: sign it with the chat identity \
             secret (a setting of its own), not the API key"
        } else {
            "The identity signature does not match: sign the canonical JSON with the identity secret"
        };
        return Err(chat_auth("invalid_signature", message));
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
        services::update_ticket(
            state,
            state.customer_env(),
            &ticket,
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
    if let Some(id) = services::customer_with_email(state, state.customer_env(), email) {
        return Ok(id);
    }
    let body = json!({
        "name": name.unwrap_or(email), "email": email,
        "metadata": {"externalId": external_id},
    });
    let created = services::create_customer(state, state.customer_env(), &body)?;
    Ok(created["id"].as_str().unwrap_or_default().to_owned())
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
