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

cstar_core::open_enum! {
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
    /// All tickets.
    #[serde(default)]
    pub total: u64,
    /// Not yet resolved or closed.
    #[serde(default)]
    pub open: u64,
    /// Resolved or closed.
    #[serde(default)]
    pub resolved: u64,
}

/// Customer counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomerCounts {
    /// All customers.
    #[serde(default)]
    pub total: u64,
    /// Active ones.
    #[serde(default)]
    pub active: u64,
    /// Created within the period.
    #[serde(default)]
    pub new: u64,
}

/// Satisfaction survey figures.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CsatFigures {
    /// The average score.
    #[serde(default)]
    pub average: Option<f64>,
    /// How many answered.
    #[serde(default, alias = "total_responses")]
    pub total_responses: u64,
}

/// The team at a glance.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct AnalyticsOverview {
    /// The span covered.
    pub period: Period,
    /// Tickets.
    #[serde(default)]
    pub tickets: TicketCounts,
    /// Customers.
    #[serde(default)]
    pub customers: CustomerCounts,
    /// Satisfaction.
    #[serde(default)]
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
    pub fn overview(&self, period: Option<Period>) -> Call<AnalyticsOverview> {
        let spec = self
            .scope
            .spec(Method::GET, "/analytics/overview")
            .query_params(&PeriodQuery { period });
        self.scope.single(spec)
    }
}
