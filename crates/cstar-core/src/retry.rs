//! When to try a call again, and how long to wait first.
//!
//! The policy is the JS SDK's (spec/js-sdk.md §7): up to 3 retries; network errors, timeouts and
//! 5xx are retried after 500 ms, 1 s, 2 s, 4 s ... (doubling, capped at 8 s) plus up to 200 ms of
//! random jitter; a 429 waits what the server asked (`Retry-After`, else the body's `retryAfter`,
//! else 60 s) and counts against the same budget; every other 4xx fails at once.
//!
//! One difference, on purpose: a 429 asking for more than [`RetryPolicy::max_rate_limit_wait`]
//! (60 s by default) is returned at once as [`Error::RateLimit`](crate::Error::RateLimit) with its
//! `retry_after`, instead of parking the caller for up to an hour inside one call. Set it to `None`
//! for the JS behaviour.
//!
//! A success whose body cannot be decoded (garbled, cut short, the wrong content type) is retried
//! like a network failure when the call is safe to repeat: a GET, DELETE or PUT, or a POST or
//! PATCH carrying an idempotency key (every one the SDK sends has one). Retrying a POST or PATCH
//! is safe because every attempt of one call carries the same `Idempotency-Key` (the caller's, or
//! one generated per call), so the server applies it once.
//!
//! A total deadline ([`RetryPolicy::with_total_timeout`], or per call
//! [`Call::deadline`](crate::Call::deadline)) bounds the whole call: attempts, backoff and 429
//! waits; a wait that would end past it is not started.

use std::time::Duration;

/// How a client retries failed attempts.
///
/// ```
/// use std::time::Duration;
/// use cstar_core::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .with_max_retries(5)
///     .with_max_rate_limit_wait(Some(Duration::from_secs(120)));
/// assert_eq!(patient.max_retries(), 5);
/// assert_eq!(RetryPolicy::none().max_retries(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_jitter: Duration,
    default_rate_limit_wait: Duration,
    max_rate_limit_wait: Option<Duration>,
    total_timeout: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_jitter: Duration::from_millis(200),
            default_rate_limit_wait: Duration::from_secs(60),
            max_rate_limit_wait: Some(Duration::from_secs(60)),
            total_timeout: None,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (`maxRetries: 0`).
    pub fn none() -> Self {
        Self::default().with_max_retries(0)
    }

    /// The default policy with waits 500 times shorter, for tests: the same attempt count and
    /// the same shape (doubling from 1 ms, capped at 16 ms, up to 1 ms of jitter), and a 429
    /// without `Retry-After` waits 120 ms instead of 60 s. A `Retry-After` the server sends
    /// is still honoured as asked; an emulator's injected 429 should ask for little.
    ///
    /// A test of retrying code then runs every retry the real policy would, without sitting
    /// through the real 500 ms to 8 s backoff:
    ///
    /// ```
    /// use std::time::Duration;
    /// use cstar_core::{Client, RetryPolicy};
    ///
    /// let fast = RetryPolicy::for_tests();
    /// assert_eq!(fast.max_retries(), RetryPolicy::default().max_retries());
    /// let client = Client::builder().retry_policy(fast).build()?;
    /// # let _ = client;
    /// # Ok::<(), cstar_core::Error>(())
    /// ```
    pub fn for_tests() -> Self {
        Self {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(16),
            max_jitter: Duration::from_millis(1),
            default_rate_limit_wait: Duration::from_millis(120),
            ..Self::default()
        }
    }

    /// How many retries follow the first attempt at most.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Sets how many retries may follow the first attempt.
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the first backoff delay (doubled on each retry) and its cap.
    pub fn with_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base_delay = base;
        self.max_delay = max;
        self
    }

    /// Sets the most random jitter added to a backoff delay.
    pub fn with_max_jitter(mut self, jitter: Duration) -> Self {
        self.max_jitter = jitter;
        self
    }

    /// The longest 429 wait the client sits through; `None` waits whatever the server asks.
    pub fn max_rate_limit_wait(&self) -> Option<Duration> {
        self.max_rate_limit_wait
    }

    /// Sets the longest 429 wait the client sits through.
    pub fn with_max_rate_limit_wait(mut self, max: Option<Duration>) -> Self {
        self.max_rate_limit_wait = max;
        self
    }

    /// How long one call may take at most, across attempts, backoff and 429 waits; `None` (the
    /// default) bounds only each attempt.
    pub fn total_timeout(&self) -> Option<Duration> {
        self.total_timeout
    }

    /// Bounds every call by `timeout` in total; past it the call fails with
    /// [`Error::DeadlineExceeded`](crate::Error::DeadlineExceeded).
    pub fn with_total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The wait after `retries_done` retries have already happened and this attempt ended in
    /// `outcome`; `None` means give up and return the error. `repeatable` says whether the call
    /// may be sent again even though the server may have applied it (see the module docs).
    pub(crate) fn decide(
        &self,
        retries_done: u32,
        outcome: &Outcome,
        repeatable: bool,
        random: &mut dyn RandomSource,
    ) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        match outcome {
            Outcome::Fatal => None,
            Outcome::Undecodable if !repeatable => None,
            Outcome::Status {
                status: 429,
                retry_after,
            } => {
                let wait = retry_after.unwrap_or(self.default_rate_limit_wait);
                match self.max_rate_limit_wait {
                    Some(max) if wait > max => None,
                    _ => Some(wait),
                }
            }
            Outcome::Status { status, .. } if !(500..=599).contains(status) => None,
            Outcome::Network | Outcome::Timeout | Outcome::Undecodable | Outcome::Status { .. } => {
                Some(self.backoff(retries_done) + self.jitter(random))
            }
        }
    }

    fn backoff(&self, retries_done: u32) -> Duration {
        let factor = 1u32.checked_shl(retries_done).unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }

    fn jitter(&self, random: &mut dyn RandomSource) -> Duration {
        let max = u64::try_from(self.max_jitter.as_millis()).unwrap_or(u64::MAX);
        if max == 0 {
            return Duration::ZERO;
        }
        Duration::from_millis(random.next_u64() % (max + 1))
    }
}

/// How one attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Connect, reset, TLS, or a body cut short.
    Network,
    /// The attempt's timeout ran out.
    Timeout,
    /// An unsuccessful HTTP status.
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// A success whose body could not be decoded (garbled, truncated, the wrong content type).
    Undecodable,
    /// Something retrying cannot fix (a bad argument, a `success: false` body).
    Fatal,
}

/// Where jitter comes from; a trait so the decision table can be tested deterministically.
pub(crate) trait RandomSource {
    fn next_u64(&mut self) -> u64;
}

/// Jitter from the operating system's random source.
pub(crate) struct SystemRandom;

impl RandomSource for SystemRandom {
    fn next_u64(&mut self) -> u64 {
        u64::from_le_bytes(crate::runtime::random_bytes::<8>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns the given values in turn, so every jitter in the table is known.
    struct Fixed(Vec<u64>);

    impl RandomSource for Fixed {
        fn next_u64(&mut self) -> u64 {
            if self.0.is_empty() {
                0
            } else {
                self.0.remove(0)
            }
        }
    }

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn status(status: u16, retry_after: Option<Duration>) -> Outcome {
        Outcome::Status {
            status,
            retry_after,
        }
    }

    #[test]
    fn decision_table() {
        let policy = RetryPolicy::default();
        // (retries already done, outcome, jitter drawn, expected wait); every row but the
        // undecodable ones holds whether the call is repeatable or not.
        let table: Vec<(u32, Outcome, u64, Option<Duration>)> = vec![
            (0, Outcome::Network, 0, Some(ms(500))),
            (0, Outcome::Undecodable, 0, Some(ms(500))),
            (1, Outcome::Undecodable, 40, Some(ms(1040))),
            (3, Outcome::Undecodable, 0, None),
            (1, Outcome::Network, 0, Some(ms(1000))),
            (2, Outcome::Timeout, 0, Some(ms(2000))),
            (3, Outcome::Network, 0, None),
            (0, status(500, None), 150, Some(ms(650))),
            (0, status(503, None), 200, Some(ms(700))),
            (0, status(503, None), 201, Some(ms(500))),
            (1, status(502, None), 999, Some(ms(1000 + 999 % 201))),
            (0, status(429, Some(ms(2000))), 77, Some(ms(2000))),
            (0, status(429, None), 0, Some(Duration::from_secs(60))),
            (0, status(429, Some(Duration::from_secs(61))), 0, None),
            (2, status(429, Some(ms(10))), 0, Some(ms(10))),
            (3, status(429, Some(ms(10))), 0, None),
            (0, status(400, None), 0, None),
            (0, status(401, None), 0, None),
            (0, status(404, None), 0, None),
            (0, status(409, None), 0, None),
            (0, status(422, None), 0, None),
            (0, status(302, None), 0, None),
            (0, Outcome::Fatal, 0, None),
        ];
        for (done, outcome, jitter, expected) in table {
            let got = policy.decide(done, &outcome, true, &mut Fixed(vec![jitter]));
            assert_eq!(
                got, expected,
                "after {done} retries, {outcome:?}, jitter {jitter}"
            );
            if outcome != Outcome::Undecodable {
                let once = policy.decide(done, &outcome, false, &mut Fixed(vec![jitter]));
                assert_eq!(
                    once, expected,
                    "not repeatable, {done} retries, {outcome:?}"
                );
            }
        }
        // A body that did not decode on a call that must not be repeated is returned at once.
        for done in 0..3 {
            assert_eq!(
                policy.decide(done, &Outcome::Undecodable, false, &mut Fixed(vec![])),
                None
            );
        }
    }

    #[test]
    fn backoff_is_capped_at_eight_seconds() {
        let policy = RetryPolicy::default()
            .with_max_retries(40)
            .with_max_jitter(Duration::ZERO);
        let waits: Vec<_> = (0..40)
            .map(|n| {
                policy
                    .decide(n, &Outcome::Network, true, &mut Fixed(vec![]))
                    .unwrap()
            })
            .collect();
        assert_eq!(
            &waits[..5],
            &[ms(500), ms(1000), ms(2000), ms(4000), ms(8000)]
        );
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(8)));
    }

    #[test]
    fn the_test_policy_retries_as_often_and_waits_a_five_hundredth() {
        let real = RetryPolicy::default().with_max_jitter(Duration::ZERO);
        let fast = RetryPolicy::for_tests().with_max_jitter(Duration::ZERO);
        assert_eq!(fast.max_retries(), real.max_retries());
        for done in 0..5 {
            let outcome = Outcome::Network;
            let waits = [&real, &fast].map(|p| p.decide(done, &outcome, true, &mut Fixed(vec![])));
            assert_eq!(waits[0].map(|w| w / 500), waits[1], "after {done} retries");
        }
        let bare_429 = status(429, None);
        assert_eq!(
            fast.decide(0, &bare_429, true, &mut Fixed(vec![])),
            Some(ms(120))
        );
    }

    #[test]
    fn zero_retries_never_retries_and_unbounded_rate_limit_waits() {
        let none = RetryPolicy::none();
        assert_eq!(
            none.decide(0, &Outcome::Network, true, &mut Fixed(vec![])),
            None
        );
        let js = RetryPolicy::default().with_max_rate_limit_wait(None);
        let long = status(429, Some(Duration::from_secs(3600)));
        assert_eq!(
            js.decide(0, &long, true, &mut Fixed(vec![])),
            Some(Duration::from_secs(3600))
        );
    }
}
