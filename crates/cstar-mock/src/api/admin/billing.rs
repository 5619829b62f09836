//! `/billing/*` (secret key only): the subscription (one active `team` plan, a seat per
//! member) and a billing-portal session URL.

use jiff::{Span, Timestamp};
use serde_json::json;

use super::Ctx;
use super::doc_crud::secret_only;
use super::fields::opt_string;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;
use crate::model::ids::alphanumeric;
use crate::store::documents::Kind;

pub(super) fn subscription(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    secret_only(ctx)?;
    // The members list makes sure the starting members exist before they are counted.
    super::members::ensure_seeded(ctx);
    let env = ctx.caller.env;
    let seats = ctx.state.data(env).table(Kind::Members).len();
    let period_end = Timestamp::now()
        .checked_add(Span::new().hours(24 * 30))
        .unwrap_or(Timestamp::MAX);
    Ok(success(
        200,
        json!({
            "object": "subscription", "status": "active", "plan": "team",
            "memberCount": seats, "currentPeriodEnd": period_end.to_string(),
            "cancelAtPeriodEnd": false,
        }),
    ))
}

pub(super) fn portal(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    secret_only(ctx)?;
    let body = ctx.json_object()?;
    let return_url = opt_string(&body, "returnUrl")?;
    if return_url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")))
    {
        return Err(ApiFailure::invalid(
            "returnUrl",
            "returnUrl must be an http(s) URL",
        ));
    }
    Ok(success(
        200,
        json!({
            "object": "billing_portal_session",
            "url": format!("https://billing.stripe.com/p/session/test_{}", alphanumeric(24)),
            "returnUrl": return_url,
        }),
    ))
}
