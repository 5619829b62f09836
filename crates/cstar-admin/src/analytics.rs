//! Analytics (secret key only): `cstar.analytics().overview(Some(Period::Month))`.
//!
//! ```no_run
//! use cstar_admin::Period;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let week = cstar.analytics().overview(None).await?;
//! println!("{} open of {} tickets", week.tickets.open, week.tickets.total);
//! # Ok(()) }
//! ```

use cstar_core::Call;
use cstar_core::reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::scope::TeamScope;

cstar_types::open_enum! {
    /// The span an overview covers (only `week`, the default, is documented).
    pub enum Period {
        /// The last day.
        Day => "day",
        /// The last week.
        Week => "week",
        /// The last month.
        Month => "month",
        /// The last quarter.
        Quarter => "quarter",
        /// The last year.
        Year => "year",
    }
}

/// Ticket counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TicketCounts {
    /// All tickets; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub total: u64,
    /// Not yet resolved or closed; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub open: u64,
    /// Resolved or closed; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub resolved: u64,
}

/// Customer counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomerCounts {
    /// All customers; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub total: u64,
    /// Active ones; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub active: u64,
    /// Created within the period; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub new: u64,
}

/// Satisfaction survey figures.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CsatFigures {
    /// The average score; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub average: Option<f64>,
    /// How many answered; 0 when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "total_responses"
    )]
    pub total_responses: u64,
}

/// The team at a glance.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct AnalyticsOverview {
    /// The span covered; `Unknown("")` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub period: Period,
    /// Tickets; all zero when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub tickets: TicketCounts,
    /// Customers; all zero when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub customers: CustomerCounts,
    /// Satisfaction; no figures when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub csat: CsatFigures,
}

#[derive(Serialize)]
struct PeriodQuery {
    period: Option<Period>,
}

/// The analytics resource; from [`CStarClient::analytics`](crate::CStarClient::analytics).
#[derive(Clone, Debug)]
pub struct Analytics {
    scope: TeamScope,
}

impl Analytics {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// Counts for a period (default a week).
    #[inline]
    pub fn overview(&self, period: Option<Period>) -> Call<AnalyticsOverview> {
        let spec = self
            .scope
            .spec(Method::GET, "/analytics/overview")
            .query_params(&PeriodQuery { period });
        self.scope.single(spec)
    }
}
