//! `GET /analytics/overview` (secret key only): ticket and customer counts, and the period's
//! new customers. The emulator collects no surveys, so CSAT is 0 over 0 responses.

use jiff::{Span, Timestamp};
use serde_json::json;

use super::Ctx;
use super::doc_crud::secret_only;
use super::fields::check_enum;
use crate::http::envelope::{Reply, success};
use crate::http::error::ApiFailure;

/// The emulator's periods (only `week`, the default, is documented).
pub(crate) const PERIODS: &[&str] = &["day", "week", "month", "quarter", "year"];

fn hours(period: &str) -> i64 {
    match period {
        "day" => 24,
        "month" => 24 * 30,
        "quarter" => 24 * 91,
        "year" => 24 * 365,
        _ => 24 * 7,
    }
}

pub(super) fn overview(ctx: &mut Ctx<'_>) -> Result<Reply, ApiFailure> {
    secret_only(ctx)?;
    check_enum("period", ctx.query("period"), PERIODS)?;
    let period = ctx.query("period").unwrap_or("week").to_owned();
    let since = Timestamp::now()
        .checked_sub(Span::new().hours(hours(&period)))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let env = ctx.caller.env;
    let data = ctx.state.data(env);
    let tickets = data.tickets.values();
    let (mut total, mut open, mut resolved) = (0, 0, 0);
    for t in tickets {
        total += 1;
        match t.status.as_str() {
            "resolved" | "closed" => resolved += 1,
            _ => open += 1,
        }
    }
    let customers = data.customers.newest_first();
    let active = customers
        .iter()
        .filter(|c| c.str("status") == "active")
        .count();
    let new = customers
        .iter()
        .filter(|c| {
            c.str("createdAt")
                .parse::<Timestamp>()
                .is_ok_and(|t| t >= since)
        })
        .count();
    Ok(success(
        200,
        json!({
            "object": "analytics_overview",
            "period": period,
            "tickets": {"total": total, "open": open, "resolved": resolved},
            "customers": {"total": customers.len(), "active": active, "new": new},
            "csat": {"average": 0.0, "totalResponses": 0},
        }),
    ))
}
