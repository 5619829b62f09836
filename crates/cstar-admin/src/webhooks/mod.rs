//! Webhook subscriptions: `cstar.webhooks()` with `list`, `list_all`, `get`, `create` (which
//! alone returns the signing secret), `update` (pausing is `is_active: false`), `delete`,
//! `test` (one synthetic delivery to one webhook, with its result) and `trigger_test` (one
//! synthetic event to every active webhook).
//!
//! ```no_run
//! use cstar_admin::{CStarClient, CreateWebhook, UpdateWebhook};
//!
//! # async fn demo(cstar: CStarClient) -> cstar_admin::Result<()> {
//! let created = cstar
//!     .webhooks()
//!     .create(CreateWebhook::new("https://example.com/hooks", ["ticket.*"]))
//!     .await?;
//! let secret = created.secret.expose_secret().to_owned(); // shown this once: store it now
//! let result = cstar.webhooks().test(&created.id, "ticket.created").await?;
//! println!("test delivery: success={} status={:?}", result.success, result.status);
//! cstar.webhooks().update(&created.id, UpdateWebhook::patch().pause()).await?;
//! # let _ = secret; Ok(()) }
//! ```

mod model;
mod params;

use cstar_core::reqwest::Method;
use cstar_core::{Call, Deleted, ItemStream, Page};

use crate::collection::{Collection, Routes};
use crate::ids::WebhookId;
use crate::scope::TeamScope;

pub use model::{CreatedWebhook, TriggerTestResult, Webhook, WebhookSecret, WebhookTestResult};
use params::TestEvent;
pub use params::{CreateWebhook, ListWebhooks, UpdateWebhook};

/// The webhooks resource; get it from [`CStarClient::webhooks`](crate::CStarClient::webhooks).
#[derive(Clone, Debug)]
pub struct Webhooks {
    collection: Collection,
}

impl Webhooks {
    pub(crate) fn new(scope: TeamScope) -> Self {
        Self {
            collection: Collection::new(
                scope,
                Routes {
                    list_template: "/webhooks",
                    item_template: "/webhooks/{id}",
                },
            ),
        }
    }

    /// One page of webhooks.
    #[inline]
    pub fn list(&self, params: ListWebhooks) -> Call<Page<Webhook>> {
        self.collection.list(&params)
    }

    /// Every webhook matching the filters, fetched page by page as the stream is read.
    #[inline]
    pub fn list_all(&self, params: ListWebhooks) -> ItemStream<Webhook> {
        self.collection.list_all(params)
    }

    /// One webhook (without its secret).
    #[inline]
    pub fn get(&self, id: impl Into<WebhookId>) -> Call<Webhook> {
        self.collection.get(id.into().as_str())
    }

    /// Creates a webhook. The answer is the only one that carries the signing secret.
    #[inline]
    pub fn create(&self, params: CreateWebhook) -> Call<CreatedWebhook> {
        self.collection.create(&params)
    }

    /// Changes what the patch sets; [`UpdateWebhook::pause`] stops deliveries (and retries).
    #[inline]
    pub fn update(&self, id: impl Into<WebhookId>, patch: UpdateWebhook) -> Call<Webhook> {
        self.collection.update(id.into().as_str(), &patch)
    }

    /// Deletes a webhook.
    #[inline]
    pub fn delete(&self, id: impl Into<WebhookId>) -> Call<Deleted> {
        self.collection.delete(id.into().as_str())
    }

    /// Sends one synthetic `event_type` event to this webhook now and reports how the delivery
    /// went (`POST /webhooks/{id}/test`, body `{event}`).
    #[inline]
    pub fn test(
        &self,
        id: impl Into<WebhookId>,
        event_type: impl AsRef<str>,
    ) -> Call<WebhookTestResult> {
        let spec = self
            .collection
            .item_spec_as(Method::POST, "/webhooks/{id}/test", id.into().as_str())
            .json_body(&TestEvent {
                event: event_type.as_ref(),
            });
        Call::single(&self.collection.scope.client, spec)
    }

    /// Pushes one synthetic `event_type` event to every active webhook subscribed to it (and
    /// to every realtime listener), as `cstar trigger` does.
    #[inline]
    pub fn trigger_test(&self, event_type: impl AsRef<str>) -> Call<TriggerTestResult> {
        let spec = self
            .collection
            .scope
            .spec(Method::POST, "/webhooks/trigger-test")
            .json_body(&TestEvent {
                event: event_type.as_ref(),
            });
        Call::single(&self.collection.scope.client, spec)
    }
}
