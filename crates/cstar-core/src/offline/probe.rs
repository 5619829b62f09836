//! The background task that notices the API is back: while items wait, auto-flush is on and the
//! client lives (and is not closed), it asks the API every `probe_interval` whether it answers,
//! and flushes when it does.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde_json::Value;
use tokio::sync::watch;

use super::hook::OfflineState;
use crate::client::{Client, WeakClient};
use crate::error::Error;
use crate::request::RequestSpec;
use crate::runtime::{self, Task};

/// The running probe task, if any.
#[derive(Default)]
pub(super) struct Probe {
    running: Mutex<Option<Running>>,
}

struct Running {
    task: Task,
    /// Closed when the task's future is dropped (it ended, or was aborted).
    done: watch::Receiver<()>,
}

impl Probe {
    fn lock(&self) -> MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts the probe unless it runs, auto-flush is off, the client is closed, or no async
    /// runtime is here to run it.
    pub(super) fn start(&self, client: &Client, state: &Arc<OfflineState>) {
        if !state.auto_flush.load(Ordering::SeqCst) || client.is_closed() {
            return;
        }
        let mut running = self.lock();
        if running.as_ref().is_some_and(|r| !r.task.is_finished()) {
            return;
        }
        let (done_tx, done) = watch::channel(());
        let task = runtime::spawn(probe_loop(client.downgrade(), done_tx));
        *running = task.ok().map(|task| Running { task, done });
    }

    /// Stops the probe and waits until its task has ended.
    pub(super) async fn stop(&self) {
        let running = self.lock().take();
        if let Some(mut running) = running {
            running.task.abort();
            // Err once the sender is dropped with the task's future: that is the signal.
            while running.done.changed().await.is_ok() {}
        }
    }

    /// Forgets the running task if `done()` holds, checked under the lock that `start` takes, so
    /// that an item queued meanwhile either is seen here or starts a new task.
    fn finish_if(&self, done: impl FnOnce() -> bool) -> bool {
        let mut running = self.lock();
        if done() {
            *running = None;
            true
        } else {
            false
        }
    }
}

/// Holds the client weakly, and its state only while it runs a round, so that a dropped client's
/// store is released (a durable one can then be opened again).
async fn probe_loop(weak: WeakClient, _done: watch::Sender<()>) {
    let mut interval = match weak.upgrade().and_then(|client| client.offline_queue()) {
        Some(queue) => queue.state().probe_interval(),
        None => return,
    };
    loop {
        runtime::sleep(interval).await;
        let Some(client) = weak.upgrade() else { return };
        let Some(queue) = client.offline_queue() else {
            return;
        };
        let state = Arc::clone(queue.state());
        interval = state.probe_interval();
        let idle =
            || !state.auto_flush.load(Ordering::SeqCst) || state.store.is_empty().unwrap_or(false);
        if state.probe.finish_if(idle) {
            return;
        }
        if reachable(&client).await {
            // Every outcome reaches the queue's handlers; what is kept waits for the next round.
            let _ = queue.flush().await;
        }
    }
}

/// Whether the API answers at all (any HTTP status counts).
async fn reachable(client: &Client) -> bool {
    let mut spec = RequestSpec::get("/api/v1/auth/whoami");
    spec.options.internal = true;
    spec.options.max_retries = Some(0);
    match crate::Call::<Value>::single(client, spec).await {
        Ok(_) => true,
        Err(error) => error.api_error().is_some() || matches!(error, Error::Decode(_)),
    }
}
