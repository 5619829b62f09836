//! In-app notifications: `cstar.notifications()` with `list`, `list_all` and `unread_count`.
//!
//! ```no_run
//! use cstar_admin::ListNotifications;
//!
//! # async fn demo(cstar: cstar_admin::CStarClient) -> cstar_admin::Result<()> {
//! let unread = cstar.notifications().unread_count().await?;
//! let page = cstar.notifications().list(ListNotifications::new().unread_only(true)).await?;
//! println!("{} unread, first: {:?}", unread.count, page.data.first().map(|n| &n.title));
//! # Ok(()) }
//! ```

use cstar_core::reqwest::Method;
use cstar_core::{Call, ItemStream, Page};
use cstar_types::Timestamp;
use serde::{Deserialize, Serialize};

use crate::collection::paging_params;
use crate::scope::TeamScope;

/// A notification.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Notification {
    /// `ntf_...`. The only required field.
    pub id: String,
    /// What it is about, e.g. `ticket_assigned`; empty when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        rename = "type"
    )]
    pub notification_type: String,
    /// The title; empty when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub title: String,
    /// The text; `None` when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub body: Option<String>,
    /// Whether it was read; false when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub read: bool,
    /// When; `None` when not sent.
    #[serde(
        default,
        deserialize_with = "cstar_types::de::null_as_default",
        alias = "created_at"
    )]
    pub created_at: Option<Timestamp>,
}

/// How many notifications are unread.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct UnreadCount {
    /// The count; 0 when not sent.
    #[serde(default, deserialize_with = "cstar_types::de::null_as_default")]
    pub count: u64,
}

/// Filters and paging for `notifications().list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListNotifications {
    /// Only unread ones.
    pub unread_only: Option<bool>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListNotifications {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only unread ones.
    pub fn unread_only(mut self, only: bool) -> Self {
        self.unread_only = Some(only);
        self
    }
}

paging_params!(ListNotifications);

/// The notifications resource; from
/// [`CStarClient::notifications`](crate::CStarClient::notifications).
#[derive(Clone, Debug)]
pub struct Notifications {
    scope: TeamScope,
}

const TEMPLATE: &str = "/notifications";

impl Notifications {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self { scope }
    }

    /// One page, newest first.
    #[inline]
    pub fn list(&self, params: ListNotifications) -> Call<Page<Notification>> {
        let spec = self.scope.spec(Method::GET, TEMPLATE).query_params(&params);
        Call::list(&self.scope.client, spec)
    }

    /// Every notification matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListNotifications) -> ItemStream<Notification> {
        self.scope.walk(TEMPLATE, params)
    }

    /// How many are unread.
    #[inline]
    pub fn unread_count(&self) -> Call<UnreadCount> {
        let spec = self.scope.spec(Method::GET, "/notifications/unread-count");
        self.scope.single(spec)
    }
}
