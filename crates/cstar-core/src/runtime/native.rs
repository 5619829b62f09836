//! The runtime door on native targets: Tokio's timers and tasks, std's clocks.

use std::future::Future;
use std::time::{Duration, SystemTime};

pub use std::time::Instant;

use crate::error::{Error, Result};

/// Waits without blocking the executor.
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

/// Runs `future` for at most `limit`: `None` when the time ran out first.
///
/// Not an `async fn`: that would keep the moved-in `future` beside the timer that holds it, twice
/// the size in every caller's state.
pub fn timeout<F: Future>(limit: Duration, future: F) -> impl Future<Output = Option<F::Output>> {
    futures_util::FutureExt::map(tokio::time::timeout(limit, future), Result::ok)
}

/// The wall clock, for timestamps and expiries.
pub fn now() -> SystemTime {
    SystemTime::now()
}

/// The monotonic clock, for measuring how long something took.
pub fn monotonic_now() -> Instant {
    Instant::now()
}

/// A task started by [`spawn`]; clones refer to the same task.
#[derive(Clone, Debug)]
pub struct Task {
    handle: tokio::task::AbortHandle,
}

impl Task {
    /// Stops the task at its next await point (nothing happens if it already ended).
    pub fn abort(&self) {
        self.handle.abort();
    }

    /// Whether the task ended (finished or aborted).
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }
}

/// Runs `future` in the background on the current async runtime.
///
/// # Errors
///
/// [`Error::NoRuntime`] when this thread is not inside one (nothing is started).
pub fn spawn<F>(future: F) -> Result<Task>
where
    F: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Handle::try_current().map_err(|_| Error::NoRuntime)?;
    Ok(Task {
        handle: runtime.spawn(future).abort_handle(),
    })
}

/// Whether this thread is inside an async runtime (so that [`spawn`] would succeed).
pub fn is_available() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}
