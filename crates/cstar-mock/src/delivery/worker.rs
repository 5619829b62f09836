//! The task that follows the event log and delivers each new event to the webhooks that want
//! it, one task per (event, webhook) so that a slow receiver delays no other.

use bytes::Bytes;
use serde_json::Value;
use tokio::task::{JoinHandle, JoinSet};

use super::{Target, attempt};
use crate::api::admin::webhooks::subscribed;
use crate::store::{Shared, State};

/// Starts delivering the events published from now on.
pub(crate) fn spawn_worker(shared: Shared) -> JoinHandle<()> {
    tokio::spawn(follow(shared))
}

async fn follow(shared: Shared) {
    let (mut signal, mut next) = {
        let state = shared.lock();
        (state.events.watch(), state.events.next_seq())
    };
    let mut jobs = JoinSet::new();
    loop {
        signal.borrow_and_update();
        let (events, after) = shared.lock().events.since(next);
        next = after;
        for event in events {
            let targets = targets(&shared.lock(), &event);
            for target in targets {
                jobs.spawn(deliver(shared.clone(), target, event.clone()));
            }
        }
        while jobs.try_join_next().is_some() {}
        if signal.changed().await.is_err() {
            // A reset replaced the event log: follow the new one from its start.
            signal = shared.lock().events.watch();
            next = 1;
        }
    }
}

/// The active webhooks subscribed to the event's type. Events are not kept per environment
/// (see the README), so webhooks of both environments count.
fn targets(state: &State, event: &Value) -> Vec<Target> {
    let event_type = event["type"].as_str().unwrap_or_default();
    state
        .data
        .values()
        .flat_map(|data| data.webhooks.newest_first())
        .filter(|doc| doc.flag("isActive") && subscribed(doc, event_type))
        .filter_map(|doc| {
            Some(Target {
                webhook_id: doc.str("id").to_owned(),
                url: doc.str("url").to_owned(),
                secret: doc.secret.clone()?,
            })
        })
        .collect()
}

/// The webhook as it is now, if it still exists and is active: a paused or deleted webhook
/// gets no more retries, and a changed URL or secret applies to the next attempt.
fn current(state: &State, webhook_id: &str) -> Option<Target> {
    state
        .data
        .values()
        .flat_map(|data| data.webhooks.newest_first())
        .find(|doc| doc.str("id") == webhook_id && doc.flag("isActive"))
        .and_then(|doc| {
            Some(Target {
                webhook_id: webhook_id.to_owned(),
                url: doc.str("url").to_owned(),
                secret: doc.secret.clone()?,
            })
        })
}

/// The first attempt and the retries after it, until one succeeds or the schedule runs out.
async fn deliver(shared: Shared, mut target: Target, event: Value) {
    // The same bytes on every attempt; only the signature's `t` changes.
    let body = Bytes::from(serde_json::to_vec(&event).unwrap_or_default());
    let mut number = 1u32;
    loop {
        let delivery = attempt(&shared, &target, &event, body.clone(), number, false).await;
        if delivery.success {
            return;
        }
        let index = usize::try_from(number - 1).unwrap_or(usize::MAX);
        let delay = shared
            .lock()
            .settings
            .webhook_retry_schedule
            .get(index)
            .copied();
        let Some(delay) = delay else { return };
        tokio::time::sleep(delay).await;
        match current(&shared.lock(), &target.webhook_id) {
            Some(now) => target = now,
            None => return,
        }
        number += 1;
    }
}
