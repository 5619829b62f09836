//! Billing (secret key only): `cstar.billing()` with `subscription` and `portal` (a Stripe
//! billing-portal session for your admins).
//!
//! ```no_run
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let sub = cstar.billing().subscription().await?;
//! let portal = cstar.billing().portal(Some("https://example.com/settings")).await?;
//! println!("{:?} plan, {} seats; manage at {}", sub.plan, sub.member_count, portal.url);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;

/// The team's subscription.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BillingSubscription {
    /// E.g. `active` (the value set is undocumented); empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub status: String,
    /// E.g. `team`; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub plan: Option<String>,
    /// Paid seats; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "member_count"
    )]
    pub member_count: u64,
    /// When the period ends; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "current_period_end"
    )]
    pub current_period_end: Option<Timestamp>,
    /// Whether it ends then; false when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "cancel_at_period_end"
    )]
    pub cancel_at_period_end: bool,
}

/// A billing-portal session.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PortalSession {
    /// Where to send the admin; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PortalBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    return_url: Option<&'a str>,
}

/// The billing resource; from [`CStarClient::billing`](crate::CStarClient::billing).
#[derive(Clone, Debug)]
pub struct Billing {
    scope: TeamScope,
}

impl Billing {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// The subscription.
    #[inline]
    pub fn subscription(&self) -> Call<BillingSubscription> {
        let spec = self.scope.spec(Method::GET, "/billing/subscription");
        self.scope.single(spec)
    }

    /// A portal session that returns to `return_url` when done.
    #[inline]
    pub fn portal(&self, return_url: Option<&str>) -> Call<PortalSession> {
        let spec = self
            .scope
            .spec(Method::POST, "/billing/portal")
            .json_body(&PortalBody { return_url });
        self.scope.single(spec)
    }
}
