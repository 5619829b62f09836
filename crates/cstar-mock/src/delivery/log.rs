//! What the emulator remembers of its webhook deliveries.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};

/// How many deliveries are kept; older ones fall off.
pub(crate) const DELIVERY_LOG_CAPACITY: usize = 1000;

/// One delivery attempt of one event to one webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// `dlv_...`, one per attempt.
    pub id: String,
    /// The webhook it went to (`whk_...`).
    pub webhook_id: String,
    /// The event's id, the same on every attempt.
    pub event_id: String,
    /// The event's type.
    pub event_type: String,
    /// Where it was sent.
    pub url: String,
    /// `X-Delivery-Attempt`: 1 for the first try.
    pub attempt: u32,
    /// The receiver's status, when it answered.
    pub status: Option<u16>,
    /// Whether the receiver answered 2xx.
    pub success: bool,
    /// Why it failed: the status, a timeout or a connection error.
    pub error: Option<String>,
    /// From sending to the end of the answer.
    pub response_time: Duration,
    /// The `X-Signature` sent (re-made on every attempt).
    pub signature: String,
    /// Whether it came from `POST /webhooks/{id}/test`.
    pub test: bool,
}

impl Delivery {
    /// The JSON shown by `GET /__cstar_mock/deliveries`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "webhookId": self.webhook_id,
            "eventId": self.event_id,
            "eventType": self.event_type,
            "url": self.url,
            "attempt": self.attempt,
            "status": self.status,
            "success": self.success,
            "error": self.error,
            "responseTimeMs": millis(self.response_time),
            "signature": self.signature,
            "test": self.test,
        })
    }
}

pub(crate) fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The last [`DELIVERY_LOG_CAPACITY`] attempts, oldest first.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    attempts: VecDeque<Delivery>,
}

impl DeliveryLog {
    pub(crate) fn push(&mut self, delivery: Delivery) {
        if self.attempts.len() == DELIVERY_LOG_CAPACITY {
            self.attempts.pop_front();
        }
        self.attempts.push_back(delivery);
    }

    pub(crate) fn all(&self) -> Vec<Delivery> {
        self.attempts.iter().cloned().collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.attempts.len()
    }
}
