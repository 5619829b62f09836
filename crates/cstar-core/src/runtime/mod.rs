//! The one door to the environment: spawning, sleeping, timeouts and the clock.
//!
//! Every cstar-rs crate goes through these few functions instead of calling Tokio or
//! `std::time` directly, so that the `wasm32-unknown-unknown` build of the customer-facing crates
//! swaps one file (`native.rs` for Tokio and std, `wasm.rs` for the browser) instead of touching
//! resource code. Background work never panics outside a runtime: [`spawn`] answers
//! [`Error::NoRuntime`] instead.
//!
//! In the browser, tasks run on the page's event loop through `wasm-bindgen-futures` (the
//! wasm-bindgen project's executor, which reqwest's fetch backend already uses, so it adds nothing
//! new), sleeps are `setTimeout` futures from `gloo-timers` (the rustwasm team's small timer crate),
//! and the clocks come from `web-time` (`performance.now()` and `Date.now()`), because std's
//! `Instant::now` and `SystemTime::now` panic on `wasm32-unknown-unknown`.
//!
//! [`Error::NoRuntime`]: crate::Error::NoRuntime

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{Instant, Task, is_available, monotonic_now, now, sleep, spawn, timeout};

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
pub use wasm::{Instant, Task, is_available, monotonic_now, now, sleep, spawn, timeout};

/// `N` random bytes from the operating system. Should that ever fail, the bytes come from the clock
/// and a process-wide counter instead: still unique within the process, which is all that
/// idempotency keys and jitter need, and a failed RNG must not crash a request.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::getrandom(&mut bytes).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let seed = (nanos ^ (u128::from(count) << 64)).to_le_bytes();
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
    use crate::error::Error;

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
