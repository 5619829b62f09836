//! The one door to the environment: spawning, sleeping, timeouts and the clock.
//!
//! Every cstar-rs crate goes through these few functions instead of calling Tokio or
//! `std::time` directly, so that a later `wasm32-unknown-unknown` build of the customer-facing
//! crates swaps this one file instead of touching resource code. Background work never panics
//! outside a runtime: [`spawn`] answers [`Error::NoRuntime`] instead.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ring::rand::SecureRandom;

use crate::error::{Error, Result};

/// Waits without blocking the executor.
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

/// Runs `future` for at most `limit`: `None` when the time ran out first.
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Option<F::Output> {
    tokio::time::timeout(limit, future).await.ok()
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

/// `N` random bytes from the operating system. Should that ever fail, the bytes come from the clock
/// and a process-wide counter instead: still unique within the process, which is all that
/// idempotency keys and jitter need, and a failed RNG must not crash a request.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if ring::rand::SystemRandom::new().fill(&mut bytes).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let seed =
            (nanos ^ (u128::from(count) << 64) ^ u128::from(std::process::id())).to_le_bytes();
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = seed[i % seed.len()] ^ (i as u8).wrapping_mul(31);
        }
    }
    bytes
}

/// A fresh random UUID v4 in its usual text form, for idempotency keys.
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawning_outside_a_runtime_is_an_error_not_a_panic() {
        assert!(!is_available());
        assert!(matches!(spawn(async {}), Err(Error::NoRuntime)));
    }

    #[test]
    fn uuids_are_well_formed_and_distinct() {
        let a = uuid_v4();
        let b = uuid_v4();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }
}
