//! The runtime door in the browser: the page's event loop, `setTimeout` and its clocks.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::future::{AbortHandle, Abortable, Either, select};

pub use web_time::Instant;

use crate::error::Result;

/// Waits without blocking the page (a `setTimeout`).
///
/// The timer itself holds a JavaScript callback and is not `Send`; it runs as a local task that
/// signals over a channel, so this future is `Send` like its native twin.
pub fn sleep(duration: Duration) -> impl Future<Output = ()> + Send {
    let (fired, waited) = futures_channel::oneshot::channel::<()>();
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::sleep(duration).await;
        let _ = fired.send(());
    });
    async move {
        let _ = waited.await;
    }
}

/// Runs `future` for at most `limit`: `None` when the time ran out first.
pub fn timeout<F: Future>(limit: Duration, future: F) -> impl Future<Output = Option<F::Output>> {
    async move {
        let future = std::pin::pin!(future);
        let timer = std::pin::pin!(sleep(limit));
        match select(future, timer).await {
            Either::Left((output, _)) => Some(output),
            Either::Right(((), _)) => None,
        }
    }
}

/// The wall clock, for timestamps and expiries: `Date.now()` as std's `SystemTime`, so that
/// callers keep one type on every target (std's own `SystemTime::now` panics here).
pub fn now() -> SystemTime {
    let since_epoch = web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .unwrap_or_default();
    UNIX_EPOCH + since_epoch
}

/// The monotonic clock, for measuring how long something took (`performance.now()`).
pub fn monotonic_now() -> Instant {
    Instant::now()
}

/// A task started by [`spawn`]; clones refer to the same task.
#[derive(Clone, Debug)]
pub struct Task {
    handle: AbortHandle,
    finished: Arc<AtomicBool>,
}

impl Task {
    /// Stops the task at its next await point (nothing happens if it already ended).
    pub fn abort(&self) {
        self.handle.abort();
    }

    /// Whether the task ended (finished or aborted).
    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::SeqCst) || self.handle.is_aborted()
    }
}

/// Runs `future` in the background on the page's event loop.
///
/// # Errors
///
/// None in the browser (the event loop is always there); the `Result` keeps one signature with
/// native targets, where it is [`Error::NoRuntime`](crate::Error::NoRuntime) outside Tokio.
pub fn spawn<F>(future: F) -> Result<Task>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (handle, registration) = AbortHandle::new_pair();
    let finished = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&finished);
    let future = Abortable::new(future, registration);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = future.await;
        done.store(true, Ordering::SeqCst);
    });
    Ok(Task { handle, finished })
}

/// Whether [`spawn`] would succeed: always, in the browser.
pub fn is_available() -> bool {
    true
}
