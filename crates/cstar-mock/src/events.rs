//! The bounded log of events that mutations produce, in the webhook envelope. Webhook delivery
//! and the realtime stream will read from here.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_newest_events() {
        let mut log = EventLog::default();
        for n in 0..EVENT_LOG_CAPACITY + 5 {
            log.publish("ticket.created", "team", json!({"n": n}));
        }
        assert_eq!(log.len(), EVENT_LOG_CAPACITY);
        let all = log.all();
        assert_eq!(all[0]["data"]["n"], 5, "the oldest fell off");
        assert_eq!(
            all[EVENT_LOG_CAPACITY - 1]["data"]["n"],
            EVENT_LOG_CAPACITY + 4
        );
        let ids: std::collections::HashSet<&str> =
            all.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), EVENT_LOG_CAPACITY, "ids are unique");
    }
}
