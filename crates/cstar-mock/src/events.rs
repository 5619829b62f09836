//! The bounded log of events that mutations produce, in the webhook envelope.

use std::collections::VecDeque;

use serde_json::{Value, json};

use crate::clock::{now_rfc3339, unix_millis};
use crate::ids::alphanumeric;

/// How many events are kept; older ones fall off.
pub(crate) const EVENT_LOG_CAPACITY: usize = 1000;

/// The last [`EVENT_LOG_CAPACITY`] events.
#[derive(Debug, Default)]
pub(crate) struct EventLog {
    events: VecDeque<Value>,
}

impl EventLog {
    /// Appends `{id, type, created_at, team_id, data}`.
    pub(crate) fn publish(&mut self, event_type: &str, team_id: &str, data: Value) {
        let id = format!(
            "evt_{}_{}_{}",
            event_type.replace('.', "_"),
            unix_millis(),
            alphanumeric(8)
        );
        if self.events.len() == EVENT_LOG_CAPACITY {
            self.events.pop_front();
        }
        self.events.push_back(json!({
            "id": id,
            "type": event_type,
            "created_at": now_rfc3339(),
            "team_id": team_id,
            "data": data,
        }));
    }

    pub(crate) fn all(&self) -> Vec<Value> {
        self.events.iter().cloned().collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }
}
