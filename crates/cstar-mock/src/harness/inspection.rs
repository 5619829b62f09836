//! Inspecting a running emulator from a test: the request logs, counts, events, deliveries.

use serde_json::Value;

use crate::harness::request_log::RecordedRequest;
use crate::harness::server::MockServer;
use crate::store::documents::Kind;

impl MockServer {
    /// Every request received so far (control routes excepted), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared().lock().requests.clone()
    }

    /// The requests that matched no route: an SDK bug, or a route the emulator lacks. Tests
    /// should assert this is empty.
    pub fn unexpected_requests(&self) -> Vec<RecordedRequest> {
        self.shared().lock().unexpected.clone()
    }

    /// How many tickets exist, in both environments.
    pub fn ticket_count(&self) -> usize {
        self.shared().lock().ticket_count()
    }

    /// How many customers exist, in both environments.
    pub fn customer_count(&self) -> usize {
        self.shared().lock().doc_count(Kind::Customers)
    }

    /// How many articles exist, in both environments.
    pub fn article_count(&self) -> usize {
        self.shared().lock().doc_count(Kind::Articles)
    }

    /// How many webhooks exist, in both environments.
    pub fn webhook_count(&self) -> usize {
        self.shared().lock().doc_count(Kind::Webhooks)
    }

    /// Whether the customer said they are typing in a chat conversation (what an agent's
    /// dashboard would show); sending a message clears it.
    pub fn customer_is_typing(&self, conversation_id: &str) -> bool {
        let state = self.shared().lock();
        state
            .chat
            .customer_typing
            .get(conversation_id)
            .copied()
            .unwrap_or(false)
    }

    /// Every webhook delivery attempt so far (the last 1000), oldest first.
    pub fn deliveries(&self) -> Vec<crate::Delivery> {
        self.shared().lock().deliveries.all()
    }

    /// How many ticket messages exist, in both environments.
    pub fn message_count(&self) -> usize {
        self.shared().lock().message_count()
    }

    /// The event log, oldest first: the newest 1000 events, each a webhook envelope
    /// `{id, type, created_at, team_id, data}`.
    pub fn events(&self) -> Vec<Value> {
        self.shared().lock().events.all()
    }
}
