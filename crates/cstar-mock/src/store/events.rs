//! The bounded log of events that mutations produce, in the webhook envelope. The realtime
//! stream (and webhook delivery) read from here.

use std::collections::VecDeque;

use serde_json::{Value, json};
use tokio::sync::watch;

use crate::model::clock::{now_rfc3339, unix_millis};
use crate::model::ids::alphanumeric;

/// How many events are kept; older ones fall off.
pub(crate) const EVENT_LOG_CAPACITY: usize = 1000;

/// The last [`EVENT_LOG_CAPACITY`] events, each with a sequence number so that a stream can
/// tell where it is.
#[derive(Debug)]
pub(crate) struct EventLog {
    events: VecDeque<(u64, Value)>,
    next_seq: u64,
    /// Bumped on every publish and on [`EventLog::close_streams`]; streams wait on it.
    signal: watch::Sender<u64>,
    /// Streams opened before the last [`EventLog::close_streams`] end.
    epoch: u64,
}

impl Default for EventLog {
    fn default() -> Self {
        Self {
            events: VecDeque::new(),
            next_seq: 1,
            signal: watch::Sender::new(0),
            epoch: 0,
        }
    }
}

impl EventLog {
    /// Appends `{id, type, created_at, team_id, data}` and returns the envelope.
    pub(crate) fn publish(&mut self, event_type: &str, team_id: &str, data: Value) -> Value {
        let id = format!(
            "evt_{}_{}_{}",
            event_type.replace('.', "_"),
            unix_millis(),
            alphanumeric(8)
        );
        if self.events.len() == EVENT_LOG_CAPACITY {
            self.events.pop_front();
        }
        let event = json!({
            "id": id,
            "type": event_type,
            "created_at": now_rfc3339(),
            "team_id": team_id,
            "data": data,
        });
        self.events.push_back((self.next_seq, event.clone()));
        self.next_seq += 1;
        self.signal.send_modify(|n| *n = n.wrapping_add(1));
        event
    }

    pub(crate) fn all(&self) -> Vec<Value> {
        self.events.iter().map(|(_, e)| e.clone()).collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }

    /// The sequence number the next event will get: a stream starting "now" waits for it.
    pub(crate) fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Where to resume after the event with this id: `None` when the log no longer has it.
    pub(crate) fn seq_after(&self, id: &str) -> Option<u64> {
        self.events
            .iter()
            .find(|(_, e)| e["id"].as_str() == Some(id))
            .map(|(seq, _)| seq + 1)
    }

    /// The events from sequence number `from` on, and the number to continue from.
    pub(crate) fn since(&self, from: u64) -> (Vec<Value>, u64) {
        let events = self
            .events
            .iter()
            .filter(|(seq, _)| *seq >= from)
            .map(|(_, e)| e.clone())
            .collect();
        (events, self.next_seq.max(from))
    }

    /// A receiver that wakes on every publish and close.
    pub(crate) fn watch(&self) -> watch::Receiver<u64> {
        self.signal.subscribe()
    }

    pub(crate) fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Ends every open stream (the server is stopping or restarting).
    pub(crate) fn close_streams(&mut self) {
        self.epoch += 1;
        self.signal.send_modify(|n| *n = n.wrapping_add(1));
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

    #[test]
    fn streams_resume_by_id_and_sequence() {
        let mut log = EventLog::default();
        let first = log.publish("ticket.created", "team", json!({}));
        let start = log.next_seq();
        log.publish("ticket.updated", "team", json!({}));
        let after_first = log.seq_after(first["id"].as_str().unwrap()).unwrap();
        assert_eq!(after_first, start);
        let (events, next) = log.since(after_first);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0]["type"], "ticket.updated");
        assert_eq!(log.since(next).0.len(), 0);
        assert_eq!(log.seq_after("evt_unknown"), None);
    }
}
