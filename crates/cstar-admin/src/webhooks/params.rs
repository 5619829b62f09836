//! What the webhook calls take.

use crate::collection::paging_params;
use serde::Serialize;

/// Filters and paging for `webhooks().list` and `list_all`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListWebhooks {
    /// Only active (`true`) or only paused (`false`) webhooks.
    pub active: Option<bool>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Items per page (default 20, at most 100).
    pub page_size: Option<u32>,
}

impl ListWebhooks {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only active (`true`) or only paused (`false`) webhooks.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }
}

paging_params!(ListWebhooks);

/// The body of `webhooks().create`.
///
/// ```
/// use cstar_admin::CreateWebhook;
///
/// let hook = CreateWebhook::new("https://example.com/hooks/cstar", ["ticket.*", "customer.created"])
///     .name("Ops alerts");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateWebhook {
    /// A label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where deliveries go (HTTPS on cStar).
    pub url: String,
    /// Event types or patterns (`ticket.*`, `*`).
    pub events: Vec<String>,
    /// Starts paused when false (default active).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl CreateWebhook {
    /// A webhook sending these events to this URL.
    pub fn new<I, S>(url: impl Into<String>, events: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            name: None,
            url: url.into(),
            events: events.into_iter().map(Into::into).collect(),
            is_active: None,
        }
    }

    /// Sets the label.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Starts it active (`true`) or paused (`false`).
    pub fn active(mut self, active: bool) -> Self {
        self.is_active = Some(active);
        self
    }
}

/// The patch of `webhooks().update`: only what is set is sent.
///
/// ```
/// use cstar_admin::UpdateWebhook;
///
/// let pause = UpdateWebhook::patch().pause();
/// let widen = UpdateWebhook::patch().events(["ticket.*", "article.*"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateWebhook {
    /// A new label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Replaces the event list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    /// Pauses (`false`) or resumes (`true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl UpdateWebhook {
    /// An empty patch (every `Update*` params type starts with `patch()`).
    pub fn patch() -> Self {
        Self::default()
    }

    /// Changes the label.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Changes the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Replaces the event list.
    pub fn events<I, S>(mut self, events: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.events = Some(events.into_iter().map(Into::into).collect());
        self
    }

    /// Pauses deliveries (`isActive: false`).
    pub fn pause(mut self) -> Self {
        self.is_active = Some(false);
        self
    }

    /// Resumes deliveries (`isActive: true`).
    pub fn resume(mut self) -> Self {
        self.is_active = Some(true);
        self
    }
}

/// The body of `test` and `trigger_test`.
#[derive(Serialize)]
pub(super) struct TestEvent<'a> {
    pub(super) event: &'a str,
}
